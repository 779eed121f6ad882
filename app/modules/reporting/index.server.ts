/** Reporting's door: the audit log (written by every module, read here), the office's figures and exports. */
export { recordAudit, recordAuditMany, type AuditEvent } from "./audit.server";
export { auditEntityNames, listAuditEntityTypes, listAuditEvents, listHistory, type AuditEntityName, type AuditFilter } from "./audit-log.server";
export { getDashboardFigures, getWorkQueues, type DashboardFigures, type DashboardFilter } from "./dashboard.server";
export { exportCsv, exportKinds, isExportKind, type ExportKind } from "./exports.server";
