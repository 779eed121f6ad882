ALTER TABLE "providers" ALTER COLUMN "hourly_rate_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "provider_search" ALTER COLUMN "hourly_rate_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "bids" ALTER COLUMN "price_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "engagements" ALTER COLUMN "price_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "milestones" ALTER COLUMN "price_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "bank_transactions" ALTER COLUMN "amount_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "bank_transactions" ALTER COLUMN "refund_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "budget_ledger" ALTER COLUMN "amount_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "amount_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "payout_batches" ALTER COLUMN "total_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "payout_lines" ALTER COLUMN "amount_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "programmes" ALTER COLUMN "budget_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "programmes" ALTER COLUMN "committed_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "programmes" ALTER COLUMN "cap_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "programmes" ALTER COLUMN "cap_cents" SET DEFAULT 150000;--> statement-breakpoint
ALTER TABLE "refund_batches" ALTER COLUMN "total_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "refunds" ALTER COLUMN "amount_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "vouchers" ALTER COLUMN "amount_cents" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "vouchers" ALTER COLUMN "own_share_cents" SET DATA TYPE bigint;