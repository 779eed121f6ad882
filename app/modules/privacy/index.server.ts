import { eq, inArray } from "drizzle-orm";
import { db } from "~db/client";
import { forgetAddress } from "~/modules/auth/index.server";
import { queueProviderIndexing } from "~/modules/matching/index.server";
import { apiTokens, auditEvents, businesses, notices, passwordTokens, providers, quickscans, sessions, userMunicipalities, users } from "~db/schema";

/*
 * The user's rights over their data: a copy of everything Koppel holds about them, and erasure.
 * Erasure anonymises the account instead of deleting its row: the audit log (which the programme
 * must keep for accountability) refers to it, and refers to it by id only.
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

/**
 * Erases the account: personal data goes, sessions and tokens end at once, businesses and
 * quickscans are deleted, the provider profile is removed. What the audit log holds stays, tied
 * to an anonymous account.
 */
export async function eraseAccount(userId: string) {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(apiTokens).where(eq(apiTokens.userId, userId));
    await tx.delete(passwordTokens).where(eq(passwordTokens.userId, userId));
    await tx.delete(notices).where(eq(notices.userId, userId));
    await tx.delete(userMunicipalities).where(eq(userMunicipalities.userId, userId));
    await tx.delete(businesses).where(eq(businesses.ownerId, userId));
    const removed = await tx.delete(providers).where(eq(providers.userId, userId)).returning({ id: providers.id });
    // An outside search engine must forget the profile too.
    await queueProviderIndexing(tx, removed.map((p) => p.id));
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (user) await forgetAddress(tx, user.email);
    await tx
      .update(users)
      .set({ email: `verwijderd-${userId}@koppel.invalid`, name: "Verwijderde gebruiker", passwordHash: null, deactivatedAt: new Date() })
      .where(eq(users.id, userId));
  });
}
