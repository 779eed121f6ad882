-- Budget movements are append-only, like the audit log: the same refusing trigger function.
CREATE TRIGGER budget_ledger_append_only
  BEFORE UPDATE OR DELETE ON budget_ledger
  FOR EACH ROW EXECUTE FUNCTION koppel_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER budget_ledger_no_truncate
  BEFORE TRUNCATE ON budget_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION koppel_refuse_audit_change();
--> statement-breakpoint
-- Structured communications for own-share transfers are numbered from here: unique by construction.
CREATE SEQUENCE IF NOT EXISTS payment_reference_seq START 1000001;
