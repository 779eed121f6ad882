import { and, eq, inArray, isNotNull, like, notInArray, or, sql } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import {
  apiTokens,
  bidMessages,
  bids,
  businesses,
  campaignInvitations,
  campaignParticipants,
  engagementMessages,
  engagements,
  helpRequests,
  notices,
  outbox,
  passwordTokens,
  payoutLines,
  progressLogs,
  providers,
  quickscans,
  reviews,
  sessions,
  userMunicipalities,
  users,
  vouchers,
} from "~db/schema";
import { logger } from "~/lib/logger.server";
import { likeLiteral } from "~/lib/sql-text";
import { forgetAddress } from "~/modules/auth/index.server";
import { queueProviderIndexing } from "~/modules/matching/index.server";
import { uploads } from "~/modules/uploads/index.server";

/*
 * Erasure always succeeds. What carries financial or audit history (a business with an engagement
 * or a voucher, a provider with an engagement or a payout, the engagement itself, its help request
 * and accepted bid, a review's rating) is kept, stripped of names, contact details, address and
 * everything the user wrote; the programme must account for every euro and every decision. All
 * else of the user's is deleted. The audit log refers to the account by id only.
 */

/** What stands in for a name that is gone. */
export const erasedNames = { user: "Verwijderde gebruiker", business: "Verwijderde onderneming", provider: "Verwijderde aanbieder" } as const;
const erasedText = "";

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

export async function eraseAccount(userId: string) {
  const photoKeys = await db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
    if (!user) return [];
    // Every name that goes, with what stands in for it, for other people's notices.
    const names = new Map<string, string>([[user.name, erasedNames.user]]);
    const photos = await eraseBusinesses(tx, userId, names);
    await eraseProvider(tx, userId, names);
    await scrubNotices(tx, names);
    // What the user wrote in engagements they took part in, and in questions before hiring.
    await tx.update(engagementMessages).set({ body: erasedText }).where(eq(engagementMessages.authorId, userId));
    await tx.update(bidMessages).set({ body: erasedText }).where(eq(bidMessages.authorId, userId));
    await tx.update(progressLogs).set({ note: erasedText }).where(eq(progressLogs.authorId, userId));

    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(apiTokens).where(eq(apiTokens.userId, userId));
    await tx.delete(passwordTokens).where(eq(passwordTokens.userId, userId));
    await tx.delete(notices).where(eq(notices.userId, userId));
    await tx.delete(userMunicipalities).where(eq(userMunicipalities.userId, userId));
    await tx.delete(campaignInvitations).where(eq(campaignInvitations.email, user.email));
    // Mails to the address, sent or waiting, hold its name and links.
    await tx.delete(outbox).where(and(eq(outbox.topic, "mail.send"), sql`${outbox.payload}->>'to' = ${user.email}`));
    await forgetAddress(tx, user.email);
    await tx
      .update(users)
      .set({ email: `verwijderd-${userId}@koppel.invalid`, name: erasedNames.user, passwordHash: null, deactivatedAt: new Date() })
      .where(eq(users.id, userId));
    return photos;
  });
  // Files are not part of the transaction: removed once the rows that named them are gone.
  for (const key of photoKeys) await uploads.remove(key).catch((error) => logger.warn({ err: error, key }, "erased photo not removed"));
}

/** The user's businesses: anonymised where vouchers or engagements refer to them, deleted otherwise. Returns the photo keys to remove. */
async function eraseBusinesses(tx: Executor, userId: string, names: Map<string, string>) {
  const ownedRows = await tx.select({ id: businesses.id, name: businesses.name }).from(businesses).where(eq(businesses.ownerId, userId));
  for (const b of ownedRows) names.set(b.name, erasedNames.business);
  const owned = ids(ownedRows);
  if (owned.length === 0) return [];
  const withHistory = new Set([
    ...(await tx.select({ id: engagements.businessId }).from(engagements).where(inArray(engagements.businessId, owned))).map((r) => r.id),
    ...(await tx.select({ id: vouchers.businessId }).from(vouchers).where(inArray(vouchers.businessId, owned))).map((r) => r.id),
  ]);
  const kept = owned.filter((id) => withHistory.has(id));
  const photos = await tx
    .select({ key: campaignParticipants.photoKey })
    .from(campaignParticipants)
    .where(and(inArray(campaignParticipants.businessId, owned), isNotNull(campaignParticipants.photoKey)));

  // Cascades take quickscans, help requests (with their bids and invitations) and campaign rows.
  await tx.delete(businesses).where(and(eq(businesses.ownerId, userId), kept.length ? notInArray(businesses.id, kept) : undefined));
  if (kept.length) {
    await tx.delete(quickscans).where(inArray(quickscans.businessId, kept));
    await tx.delete(campaignParticipants).where(inArray(campaignParticipants.businessId, kept));
    await tx.delete(campaignInvitations).where(inArray(campaignInvitations.businessId, kept));
    const requestsWithEngagement = tx.select({ id: engagements.helpRequestId }).from(engagements).where(inArray(engagements.businessId, kept));
    await tx.delete(helpRequests).where(and(inArray(helpRequests.businessId, kept), notInArray(helpRequests.id, requestsWithEngagement)));
    await tx.update(helpRequests).set({ title: erasedNames.business, description: erasedText }).where(inArray(helpRequests.businessId, kept));
    await tx.update(reviews).set({ body: erasedText }).where(inArray(reviews.engagementId, tx.select({ id: engagements.id }).from(engagements).where(inArray(engagements.businessId, kept))));
    // The enterprise number, sector and municipality stay: the programme reports who received public money, and where.
    await tx
      .update(businesses)
      .set({ name: erasedNames.business, slug: sql`'verwijderd-' || ${businesses.id}`, street: erasedText, description: erasedText, openingHours: {}, digitalPresence: {}, erasedAt: new Date() })
      .where(inArray(businesses.id, kept));
  }
  return photos.map((p) => p.key!);
}

/** The user's provider profile: anonymised and rejected where engagements or payouts refer to it, deleted otherwise. */
async function eraseProvider(tx: Executor, userId: string, names: Map<string, string>) {
  const [provider] = await tx.select({ id: providers.id, companyName: providers.companyName }).from(providers).where(eq(providers.userId, userId));
  if (!provider) return;
  names.set(provider.companyName, erasedNames.provider);
  const hasHistory =
    (await tx.select({ id: engagements.id }).from(engagements).where(eq(engagements.providerId, provider.id)).limit(1)).length > 0 ||
    (await tx.select({ id: payoutLines.providerId }).from(payoutLines).where(eq(payoutLines.providerId, provider.id)).limit(1)).length > 0;
  if (!hasHistory) {
    await tx.delete(providers).where(eq(providers.id, provider.id));
  } else {
    const awardedBids = tx.select({ id: engagements.bidId }).from(engagements).where(eq(engagements.providerId, provider.id));
    await tx.delete(bids).where(and(eq(bids.providerId, provider.id), notInArray(bids.id, awardedBids)));
    await tx.update(bids).set({ approach: erasedText }).where(eq(bids.providerId, provider.id));
    await tx.update(reviews).set({ reply: null }).where(eq(reviews.providerId, provider.id));
    // The IBAN and VAT number stay: payouts already earned are still paid, and accounted for.
    await tx
      .update(providers)
      .set({
        companyName: erasedNames.provider,
        slug: sql`'verwijderd-' || ${providers.id}`,
        bio: erasedText,
        portfolioLinks: [],
        status: "rejected",
        statusReason: null,
        statusChangedAt: new Date(),
        erasedAt: new Date(),
      })
      .where(eq(providers.id, provider.id));
  }
  // An outside search engine must forget the profile too.
  await queueProviderIndexing(tx, [provider.id]);
}

/**
 * Other people's in-app notices name the erased user's business or company ("Bakkerij X accepted
 * your bid"): the name in them becomes the placeholder, the notice itself stays.
 */
async function scrubNotices(tx: Executor, names: Map<string, string>) {
  const patterns = [...names.keys()].filter(Boolean).map((name) => `%${likeLiteral(JSON.stringify(name).slice(1, -1))}%`);
  if (patterns.length === 0) return;
  const naming = await tx
    .select({ id: notices.id, params: notices.params })
    .from(notices)
    .where(or(...patterns.map((pattern) => like(sql`${notices.params}::text`, pattern))));
  for (const notice of naming) {
    const params = Object.fromEntries(Object.entries(notice.params).map(([key, value]) => [key, typeof value === "string" ? (names.get(value) ?? value) : value]));
    await tx.update(notices).set({ params }).where(eq(notices.id, notice.id));
  }
}
