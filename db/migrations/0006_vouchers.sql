CREATE TYPE "public"."ledger_kind" AS ENUM('reserve', 'release', 'redeem');--> statement-breakpoint
CREATE TYPE "public"."voucher_status" AS ENUM('requested', 'approved', 'rejected', 'closed', 'expired');--> statement-breakpoint
CREATE TABLE "budget_ledger" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "budget_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"programme_id" text NOT NULL,
	"voucher_id" text NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"amount_cents" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_ledger_positive" CHECK ("budget_ledger"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"budget_cents" integer NOT NULL,
	"committed_cents" integer DEFAULT 0 NOT NULL,
	"rate_basis_points" integer DEFAULT 7500 NOT NULL,
	"cap_cents" integer DEFAULT 150000 NOT NULL,
	"eligible_sectors" text[] NOT NULL,
	"eligible_nis_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"max_vouchers_per_business" integer DEFAULT 1 NOT NULL,
	"payment_days" integer DEFAULT 30 NOT NULL,
	"iban" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programmes_budget_never_overspent" CHECK ("programmes"."committed_cents" >= 0 and "programmes"."committed_cents" <= "programmes"."budget_cents")
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"engagement_id" text NOT NULL,
	"business_id" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"own_share_cents" integer NOT NULL,
	"status" "voucher_status" DEFAULT 'requested' NOT NULL,
	"eligibility_issues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"no_double_funding_declared_at" timestamp with time zone NOT NULL,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"payment_reference" text,
	"payment_due_on" date,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vouchers_payment_reference_unique" UNIQUE("payment_reference")
);
--> statement-breakpoint
ALTER TABLE "budget_ledger" ADD CONSTRAINT "budget_ledger_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ledger" ADD CONSTRAINT "budget_ledger_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_ledger_programme_idx" ON "budget_ledger" USING btree ("programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_engagement_idx" ON "vouchers" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "vouchers_status_idx" ON "vouchers" USING btree ("status");--> statement-breakpoint
CREATE INDEX "vouchers_business_idx" ON "vouchers" USING btree ("business_id","programme_id");