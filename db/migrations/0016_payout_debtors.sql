ALTER TABLE "payout_batches" ADD COLUMN "debtors" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "bic" text;