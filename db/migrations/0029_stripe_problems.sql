ALTER TYPE "public"."payment_status" ADD VALUE 'disputed';--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "problem" text;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "object" jsonb;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "engagement_id" text;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "resolved_by" text;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD CONSTRAINT "stripe_events_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD CONSTRAINT "stripe_events_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stripe_events_open_idx" ON "stripe_events" USING btree ("received_at") WHERE problem is not null and resolved_at is null;