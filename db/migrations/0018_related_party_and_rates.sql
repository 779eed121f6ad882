ALTER TABLE "businesses" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "iban" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "rate_basis_points" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "vat_basis_points" integer DEFAULT 2100 NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "related_party" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "approval_justification" text;--> statement-breakpoint
UPDATE "vouchers" SET "rate_basis_points" = "programmes"."rate_basis_points" FROM "programmes" WHERE "programmes"."id" = "vouchers"."programme_id";
