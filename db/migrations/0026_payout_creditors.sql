ALTER TABLE "payout_batches" ADD COLUMN "creditors" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Batches made before creditors were stored keep the accounts as they stand today, from now on fixed.
UPDATE "payout_batches" b SET "creditors" = coalesce((SELECT jsonb_agg(jsonb_build_object('providerId', p."id", 'name', p."company_name", 'iban', coalesce(p."iban", ''))) FROM "providers" p WHERE p."id" IN (SELECT DISTINCT l."provider_id" FROM "payout_lines" l WHERE l."batch_id" = b."id")), '[]'::jsonb);
