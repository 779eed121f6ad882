ALTER TABLE "businesses" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "erased_at" timestamp with time zone;