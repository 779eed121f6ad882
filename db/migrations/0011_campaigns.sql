CREATE TYPE "public"."participation_status" AS ENUM('pending', 'approved', 'removed');--> statement-breakpoint
CREATE TABLE "campaign_editions" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"introduction" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_editions_slug_unique" UNIQUE("slug"),
	CONSTRAINT "campaign_editions_dates" CHECK ("campaign_editions"."ends_on" >= "campaign_editions"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "campaign_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"edition_id" text NOT NULL,
	"nis_code" text NOT NULL,
	"email" text,
	"business_id" text,
	"invited_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_invitations_whom" CHECK (("campaign_invitations"."email" is null) <> ("campaign_invitations"."business_id" is null))
);
--> statement-breakpoint
CREATE TABLE "campaign_participants" (
	"id" text PRIMARY KEY NOT NULL,
	"edition_id" text NOT NULL,
	"business_id" text NOT NULL,
	"status" "participation_status" DEFAULT 'pending' NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"promotion_title" text NOT NULL,
	"promotion_text" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"photo_key" text,
	"photo_width" integer,
	"photo_height" integer,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_participants_validity" CHECK ("campaign_participants"."valid_until" >= "campaign_participants"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "campaign_editions" ADD CONSTRAINT "campaign_editions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_invitations" ADD CONSTRAINT "campaign_invitations_edition_id_campaign_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."campaign_editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_invitations" ADD CONSTRAINT "campaign_invitations_nis_code_municipalities_nis_code_fk" FOREIGN KEY ("nis_code") REFERENCES "public"."municipalities"("nis_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_invitations" ADD CONSTRAINT "campaign_invitations_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_invitations" ADD CONSTRAINT "campaign_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participants" ADD CONSTRAINT "campaign_participants_edition_id_campaign_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."campaign_editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participants" ADD CONSTRAINT "campaign_participants_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participants" ADD CONSTRAINT "campaign_participants_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_invitations_edition_email_idx" ON "campaign_invitations" USING btree ("edition_id","nis_code","email");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_invitations_edition_business_idx" ON "campaign_invitations" USING btree ("edition_id","business_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_participants_edition_business_idx" ON "campaign_participants" USING btree ("edition_id","business_id");--> statement-breakpoint
CREATE INDEX "campaign_participants_status_idx" ON "campaign_participants" USING btree ("edition_id","status");