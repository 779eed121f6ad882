/** Reporting's door: the audit log now; programme figures and exports later. */
export { recordAudit, recordAuditMany, type AuditEvent } from "./audit.server";
