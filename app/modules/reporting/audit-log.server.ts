import { and, asc, desc, eq, ilike, inArray, lt, or, sql } from "drizzle-orm";
import { db } from "~db/client";
import { auditEvents, businesses, campaignParticipants, engagements, helpRequests, invoices, milestones, programmes, providers, users, vouchers } from "~db/schema";
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

export type AuditEntityName = { name: string; href?: string; phase?: string };

/**
 * What the log's lines are about, by name instead of id: the engagement's business and provider,
 * the voucher's file number, the provider's company, the user's name. One query per kind of entity
 * on the page; an entity that is gone (or a kind without a name, like a batch) keeps its short id.
 */
export async function auditEntityNames(events: { entityType: string; entityId: string }[]) {
  const ids = (type: string) => [...new Set(events.filter((e) => e.entityType === type).map((e) => e.entityId))];
  const names = new Map<string, AuditEntityName>();
  const put = (type: string, id: string, name: AuditEntityName) => names.set(`${type}:${id}`, name);
  const engagementParties = (where: ReturnType<typeof inArray>) =>
    db
      .select({ id: engagements.id, business: businesses.name, provider: providers.companyName })
      .from(engagements)
      .innerJoin(businesses, eq(businesses.id, engagements.businessId))
      .innerJoin(providers, eq(providers.id, engagements.providerId))
      .where(where);
  const lookups: Record<string, (list: string[]) => Promise<void>> = {
    engagement: async (list) => {
      for (const r of await engagementParties(inArray(engagements.id, list))) put("engagement", r.id, { name: `${r.business} · ${r.provider}`, href: `/trajecten/${r.id}` });
    },
    voucher: async (list) => {
      const rows = await db
        .select({ id: vouchers.id, dossier: vouchers.dossierNumber, engagementId: vouchers.engagementId, business: businesses.name })
        .from(vouchers)
        .innerJoin(businesses, eq(businesses.id, vouchers.businessId))
        .where(inArray(vouchers.id, list));
      for (const r of rows) put("voucher", r.id, { name: [r.dossier, r.business].filter(Boolean).join(" · "), href: `/trajecten/${r.engagementId}` });
    },
    milestone: async (list) => {
      const rows = await db
        .select({ id: milestones.id, phase: milestones.phase, engagementId: milestones.engagementId, business: businesses.name })
        .from(milestones)
        .innerJoin(engagements, eq(engagements.id, milestones.engagementId))
        .innerJoin(businesses, eq(businesses.id, engagements.businessId))
        .where(inArray(milestones.id, list));
      for (const r of rows) put("milestone", r.id, { name: r.business, phase: r.phase, href: `/trajecten/${r.engagementId}` });
    },
    help_request: async (list) => {
      const rows = await db.select({ id: helpRequests.id, title: helpRequests.title, business: businesses.name }).from(helpRequests).innerJoin(businesses, eq(businesses.id, helpRequests.businessId)).where(inArray(helpRequests.id, list));
      for (const r of rows) put("help_request", r.id, { name: `${r.title} · ${r.business}` });
    },
    provider: async (list) => {
      for (const r of await db.select({ id: providers.id, name: providers.companyName, slug: providers.slug }).from(providers).where(inArray(providers.id, list))) put("provider", r.id, { name: r.name, href: `/aanbieders/${r.slug}` });
    },
    user: async (list) => {
      for (const r of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, list))) put("user", r.id, { name: r.name });
    },
    programme: async (list) => {
      for (const r of await db.select({ id: programmes.id, name: programmes.name }).from(programmes).where(inArray(programmes.id, list))) put("programme", r.id, { name: r.name, href: "/beheer/programmas" });
    },
    invoice: async (list) => {
      for (const r of await db.select({ id: invoices.id, number: invoices.number }).from(invoices).where(inArray(invoices.id, list))) put("invoice", r.id, { name: r.number, href: `/facturen/${r.id}` });
    },
    campaign_participant: async (list) => {
      const rows = await db.select({ id: campaignParticipants.id, business: businesses.name }).from(campaignParticipants).innerJoin(businesses, eq(businesses.id, campaignParticipants.businessId)).where(inArray(campaignParticipants.id, list));
      for (const r of rows) put("campaign_participant", r.id, { name: r.business });
    },
  };
  await Promise.all(Object.entries(lookups).map(([type, lookup]) => (ids(type).length ? lookup(ids(type)) : Promise.resolve())));
  return names;
}

/**
 * The status history of a file (an engagement with its voucher and milestones): who did what and
 * when, oldest first, from the audit log. The actor by name and role, never by address: the parties
 * read it too.
 */
export async function listHistory(subjects: { entityType: string; entityId: string }[]) {
  if (subjects.length === 0) return [];
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.createdAt,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      fromState: auditEvents.fromState,
      toState: auditEvents.toState,
      reason: auditEvents.reason,
      actorName: users.name,
      actorRole: users.role,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(or(...subjects.map((s) => and(eq(auditEvents.entityType, s.entityType), eq(auditEvents.entityId, s.entityId)))))
    .orderBy(asc(auditEvents.id));
}
