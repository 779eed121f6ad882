CREATE TABLE "refund_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"debtors" jsonb NOT NULL,
	"total_cents" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"method" text NOT NULL,
	"reason" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"voucher_id" text,
	"bank_transaction" text,
	"payment_id" text,
	"counterparty_iban" text,
	"counterparty_name" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'due' NOT NULL,
	"stripe_refund_id" text,
	"batch_id" text,
	"note" text,
	"done_by" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_stripe_refund_id_unique" UNIQUE("stripe_refund_id"),
	CONSTRAINT "refunds_positive" CHECK ("refunds"."amount_cents" > 0)
);
--> statement-breakpoint
DROP INDEX "bank_transactions_refund_idx";--> statement-breakpoint
ALTER TABLE "refund_batches" ADD CONSTRAINT "refund_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_bank_transaction_bank_transactions_fingerprint_fk" FOREIGN KEY ("bank_transaction") REFERENCES "public"."bank_transactions"("fingerprint") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_batch_id_refund_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."refund_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "refunds_open_idx" ON "refunds" USING btree ("method","status");--> statement-breakpoint
CREATE INDEX "refunds_voucher_idx" ON "refunds" USING btree ("voucher_id");--> statement-breakpoint
-- Refunds become work with an end: every bank movement judged to go back keeps its refund, done
-- when the office had marked it (refunded_at), due otherwise, before that column goes.
INSERT INTO "refunds" ("id", "method", "reason", "amount_cents", "voucher_id", "bank_transaction", "counterparty_iban", "counterparty_name", "status", "done_at", "created_at")
SELECT gen_random_uuid()::text, 'transfer', "result", "refund_cents", "voucher_id", "fingerprint", "counterparty_iban", "counterparty_name",
       CASE WHEN "refunded_at" IS NULL THEN 'due' ELSE 'done' END, "refunded_at", "created_at"
FROM "bank_transactions" WHERE "refund_cents" > 0;--> statement-breakpoint
ALTER TABLE "bank_transactions" DROP COLUMN "refunded_at";