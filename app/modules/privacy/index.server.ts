import { eq, inArray } from "drizzle-orm";
import { db } from "~db/client";
import { apiTokens, auditEvents, businesses, notices, providers, quickscans, userMunicipalities, users } from "~db/schema";

export { eraseAccount } from "./erasure.server";

/*
 * The user's rights over their data: a copy of everything Koppel holds about them, and erasure
 * (erasure.server.ts), which anonymises what the programme must keep and deletes the rest.
 */

/** Everything stored about the user, as one JSON document. Secrets are left out: only their existence shows. */
export async function exportUserData(userId: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  const ownBusinesses = await db.select().from(businesses).where(eq(businesses.ownerId, userId));
  const businessIds = ownBusinesses.map((b) => b.id);
  const [scans, provider, userNotices, tokens, municipalities, decisions] = await Promise.all([
    businessIds.length ? db.select().from(quickscans).where(inArray(quickscans.businessId, businessIds)) : [],
    db.select().from(providers).where(eq(providers.userId, userId)),
    db.select().from(notices).where(eq(notices.userId, userId)),
    db.select({ prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.userId, userId)),
    db.select({ nisCode: userMunicipalities.nisCode }).from(userMunicipalities).where(eq(userMunicipalities.userId, userId)),
    db.select().from(auditEvents).where(eq(auditEvents.actorId, userId)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: user,
    municipalities: municipalities.map((m) => m.nisCode),
    businesses: ownBusinesses.map((b) => ({ ...b, quickscans: scans.filter((s) => s.businessId === b.id) })),
    providerProfile: provider[0] ?? null,
    notices: userNotices,
    apiTokens: tokens,
    actionsInAuditLog: decisions,
  };
}
