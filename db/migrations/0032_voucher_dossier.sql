ALTER TABLE "programmes" ADD COLUMN "decision_days" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "dossier_number" text;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_dossier_number_unique" UNIQUE("dossier_number");--> statement-breakpoint
-- Numbered by one sequence for all years, so a number is never given twice; the year is the Brussels year of the request.
CREATE SEQUENCE IF NOT EXISTS "voucher_dossier_seq";--> statement-breakpoint
-- Vouchers requested before numbers existed get theirs in the order they were requested.
WITH numbered AS (
  SELECT id, created_at, nextval('voucher_dossier_seq') AS n FROM (SELECT id, created_at FROM vouchers ORDER BY created_at, id) ordered
)
UPDATE vouchers v
SET dossier_number = 'V-' || to_char(numbered.created_at AT TIME ZONE 'Europe/Brussels', 'YYYY') || '-' || lpad(numbered.n::text, 6, '0')
FROM numbered WHERE v.id = numbered.id;
