CREATE TYPE "public"."bid_status" AS ENUM('submitted', 'accepted', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."help_request_status" AS ENUM('draft', 'open', 'awarded', 'expired', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."engagement_state" AS ENUM('awaiting_voucher', 'awaiting_contribution', 'intake', 'plan', 'implementation', 'review', 'completed', 'cancelled', 'disputed');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('pending', 'submitted', 'changes_requested', 'approved');--> statement-breakpoint
CREATE TABLE "bids" (
	"id" text PRIMARY KEY NOT NULL,
	"help_request_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"status" "bid_status" DEFAULT 'submitted' NOT NULL,
	"advice" jsonb NOT NULL,
	"implementation" jsonb NOT NULL,
	"price_cents" integer NOT NULL,
	"estimated_hours" integer NOT NULL,
	"approach" text NOT NULL,
	"start_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"services" text[] NOT NULL,
	"budget_band" text NOT NULL,
	"desired_start" date,
	"languages" text[] DEFAULT '{nl}'::text[] NOT NULL,
	"bid_deadline" timestamp with time zone NOT NULL,
	"max_bids" integer NOT NULL,
	"status" "help_request_status" DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"help_request_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"score" real NOT NULL,
	"factors" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "engagement_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"engagement_id" text NOT NULL,
	"author_id" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagements" (
	"id" text PRIMARY KEY NOT NULL,
	"help_request_id" text NOT NULL,
	"bid_id" text NOT NULL,
	"business_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"state" "engagement_state" DEFAULT 'awaiting_voucher' NOT NULL,
	"resume_state" "engagement_state",
	"price_cents" integer NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" text PRIMARY KEY NOT NULL,
	"engagement_id" text NOT NULL,
	"position" integer NOT NULL,
	"phase" text NOT NULL,
	"deliverables" text NOT NULL,
	"price_cents" integer NOT NULL,
	"duration_days" integer NOT NULL,
	"status" "milestone_status" DEFAULT 'pending' NOT NULL,
	"submission" text,
	"submission_links" text[],
	"submitted_at" timestamp with time zone,
	"decision_comment" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_help_request_id_help_requests_id_fk" FOREIGN KEY ("help_request_id") REFERENCES "public"."help_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_help_request_id_help_requests_id_fk" FOREIGN KEY ("help_request_id") REFERENCES "public"."help_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_messages" ADD CONSTRAINT "engagement_messages_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_messages" ADD CONSTRAINT "engagement_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_help_request_id_help_requests_id_fk" FOREIGN KEY ("help_request_id") REFERENCES "public"."help_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bids_request_provider_idx" ON "bids" USING btree ("help_request_id","provider_id");--> statement-breakpoint
CREATE INDEX "bids_provider_idx" ON "bids" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "help_requests_business_idx" ON "help_requests" USING btree ("business_id");--> statement-breakpoint
CREATE INDEX "help_requests_status_idx" ON "help_requests" USING btree ("status","bid_deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_request_provider_idx" ON "invitations" USING btree ("help_request_id","provider_id");--> statement-breakpoint
CREATE INDEX "invitations_provider_idx" ON "invitations" USING btree ("provider_id","created_at");--> statement-breakpoint
CREATE INDEX "engagement_messages_idx" ON "engagement_messages" USING btree ("engagement_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "engagements_request_idx" ON "engagements" USING btree ("help_request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "engagements_bid_idx" ON "engagements" USING btree ("bid_id");--> statement-breakpoint
CREATE INDEX "engagements_provider_idx" ON "engagements" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "engagements_business_idx" ON "engagements" USING btree ("business_id");--> statement-breakpoint
CREATE UNIQUE INDEX "milestones_position_idx" ON "milestones" USING btree ("engagement_id","position");