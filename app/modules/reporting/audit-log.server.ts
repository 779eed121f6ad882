import { and, desc, eq, ilike, lt, sql } from "drizzle-orm";
import { db } from "~db/client";
import { auditEvents, users } from "~db/schema";
import { likeLiteral } from "~/lib/sql-text";

export interface AuditFilter {
  actor?: string;
  entityType?: string;
  action?: string;
  from?: string;
  until?: string;
  /** Keyset paging: lines older than this id. */
  before?: number;
}

const pageSize = 100;

/** The audit log, newest first, a page at a time; reading is all the code ever does with it. */
export async function listAuditEvents(f: AuditFilter) {
  const rows = await db
    .select({
      id: auditEvents.id,
      createdAt: auditEvents.createdAt,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      fromState: auditEvents.fromState,
      toState: auditEvents.toState,
      reason: auditEvents.reason,
      data: auditEvents.data,
      actorEmail: users.email,
      actorName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        f.actor ? ilike(users.email, `%${likeLiteral(f.actor)}%`) : undefined,
        f.entityType ? eq(auditEvents.entityType, f.entityType) : undefined,
        f.action ? ilike(auditEvents.action, `${likeLiteral(f.action)}%`) : undefined,
        f.from ? sql`(${auditEvents.createdAt} at time zone 'Europe/Brussels')::date >= ${f.from}::date` : undefined,
        f.until ? sql`(${auditEvents.createdAt} at time zone 'Europe/Brussels')::date <= ${f.until}::date` : undefined,
        f.before ? lt(auditEvents.id, f.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(pageSize + 1);
  return { events: rows.slice(0, pageSize), nextBefore: rows.length > pageSize ? rows[pageSize - 1].id : null };
}

/** The kinds of entity the log holds, for the filter. */
export async function listAuditEntityTypes() {
  const rows = await db.selectDistinct({ entityType: auditEvents.entityType }).from(auditEvents).orderBy(auditEvents.entityType);
  return rows.map((r) => r.entityType);
}
