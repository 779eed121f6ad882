CREATE TABLE "bank_transactions" (
	"fingerprint" text PRIMARY KEY NOT NULL,
	"voucher_id" text,
	"amount_cents" integer,
	"communication" text NOT NULL,
	"counterparty_iban" text,
	"counterparty_name" text DEFAULT '' NOT NULL,
	"value_date" date,
	"result" text NOT NULL,
	"refund_cents" integer DEFAULT 0 NOT NULL,
	"refunded_at" timestamp with time zone,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bank_transactions" ADD CONSTRAINT "bank_transactions_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_transactions" ADD CONSTRAINT "bank_transactions_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_transactions_voucher_idx" ON "bank_transactions" USING btree ("voucher_id");--> statement-breakpoint
CREATE INDEX "bank_transactions_refund_idx" ON "bank_transactions" USING btree ("refunded_at") WHERE refund_cents > 0;