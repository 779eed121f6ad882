import type { Executor } from "~db/client";
import { auditEvents } from "~db/schema";

export interface AuditEvent {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
}

/** Call inside the transaction of the decision it records: both stand or neither does. */
export async function recordAudit(executor: Executor, event: AuditEvent) {
  await executor.insert(auditEvents).values(event);
}

export async function recordAuditMany(executor: Executor, events: AuditEvent[]) {
  for (let i = 0; i < events.length; i += 1000) await executor.insert(auditEvents).values(events.slice(i, i + 1000));
}
