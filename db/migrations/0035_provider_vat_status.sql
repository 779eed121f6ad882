ALTER TABLE "providers" ADD COLUMN "vat_status" text DEFAULT 'registered' NOT NULL;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "billing_mandate_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "billing_mandate_version" text;