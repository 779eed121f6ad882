CREATE TABLE "provider_search" (
	"provider_id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"bio" text NOT NULL,
	"kind" text NOT NULL,
	"enterprise_number" text NOT NULL,
	"services" text[] NOT NULL,
	"sectors" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"served_nis_codes" text[] NOT NULL,
	"base_nis_code" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"founded_on" date NOT NULL,
	"hourly_rate_cents" integer NOT NULL,
	"capacity" integer NOT NULL,
	"active_engagements" integer NOT NULL,
	"rating_average" double precision NOT NULL,
	"rating_count" integer NOT NULL,
	"completed_count" integer NOT NULL,
	"engagement_count" integer NOT NULL,
	"conflict_enterprise_numbers" text[] NOT NULL,
	"search_terms" text NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "conflict_enterprise_numbers" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "provider_search_services_idx" ON "provider_search" USING gin ("services");--> statement-breakpoint
CREATE INDEX "provider_search_served_idx" ON "provider_search" USING gin ("served_nis_codes");--> statement-breakpoint
CREATE INDEX "provider_search_languages_idx" ON "provider_search" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "provider_search_vector_idx" ON "provider_search" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "provider_search_terms_trgm_idx" ON "provider_search" USING gin ("search_terms" gin_trgm_ops);