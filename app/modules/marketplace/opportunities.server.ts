import { and, asc, eq, gt, inArray, or } from "drizzle-orm";
import { db } from "~db/client";
import { bids, businesses, helpRequests, invitations, municipalities, providers } from "~db/schema";
import { scoreOpportunities } from "~/modules/matching/index.server";
import { bidThreads } from "./questions.server";
import { budgetCentsOf } from "./rules";

async function providerOf(userId: string) {
  const [row] = await db.select().from(providers).where(and(eq(providers.userId, userId), eq(providers.status, "approved")));
  return row ?? null;
}

/** The provider's proposals still waiting for an answer, soonest deadline first (their dashboard). */
export async function listOwnOpenBids(providerUserId: string) {
  return db
    .select({ id: helpRequests.id, title: helpRequests.title, businessName: businesses.name, bidDeadline: helpRequests.bidDeadline })
    .from(bids)
    .innerJoin(providers, eq(providers.id, bids.providerId))
    .innerJoin(helpRequests, eq(helpRequests.id, bids.helpRequestId))
    .innerJoin(businesses, eq(businesses.id, helpRequests.businessId))
    .where(and(eq(providers.userId, providerUserId), eq(bids.status, "submitted"), eq(helpRequests.status, "open")))
    .orderBy(asc(helpRequests.bidDeadline));
}

/**
 * The provider's opportunity feed (/opdrachten): open requests they are eligible for, best fit
 * first, with why. Pending, rejected or suspended providers see none.
 */
export async function listOpportunities(providerUserId: string) {
  const provider = await providerOf(providerUserId);
  if (!provider) return [];
  const open = await db
    .select({ request: helpRequests, business: businesses, latitude: municipalities.latitude, longitude: municipalities.longitude, municipality: municipalities.nameNl })
    .from(helpRequests)
    .innerJoin(businesses, eq(businesses.id, helpRequests.businessId))
    .innerJoin(municipalities, eq(municipalities.nisCode, businesses.nisCode))
    .where(and(eq(helpRequests.status, "open"), gt(helpRequests.bidDeadline, new Date())));
  const scored = await scoreOpportunities(
    provider.id,
    open.map((o) => ({
      requestId: o.request.id,
      nisCode: o.business.nisCode,
      sector: o.business.sector,
      latitude: o.business.latitude ?? o.latitude,
      longitude: o.business.longitude ?? o.longitude,
      enterpriseNumber: o.business.enterpriseNumber,
      services: o.request.services,
      languages: o.request.languages,
      budgetCents: budgetCentsOf(o.request.budgetBand),
    })),
  );
  const byId = new Map(open.map((o) => [o.request.id, o]));
  const ids = scored.map((s) => s.requestId);
  const [mine, invited] = await Promise.all([
    ids.length ? db.select({ requestId: bids.helpRequestId, status: bids.status }).from(bids).where(and(eq(bids.providerId, provider.id), inArray(bids.helpRequestId, ids))) : [],
    ids.length ? db.select({ requestId: invitations.helpRequestId }).from(invitations).where(and(eq(invitations.providerId, provider.id), inArray(invitations.helpRequestId, ids))) : [],
  ]);
  const bidStatus = new Map(mine.map((b) => [b.requestId, b.status]));
  const invitedIds = new Set(invited.map((i) => i.requestId));
  return scored.map((s) => {
    const o = byId.get(s.requestId)!;
    return {
      id: o.request.id,
      title: o.request.title,
      businessName: o.business.name,
      sector: o.business.sector,
      municipality: o.municipality,
      services: o.request.services,
      budgetBand: o.request.budgetBand,
      bidDeadline: o.request.bidDeadline,
      score: s.score,
      reasons: s.reasons,
      invited: invitedIds.has(o.request.id),
      myBid: bidStatus.get(o.request.id) ?? null,
    };
  });
}

/** One request as a provider sees it: if it is in their feed, or they were invited or have bid. */
export async function getOpportunity(providerUserId: string, requestId: string) {
  const provider = await providerOf(providerUserId);
  if (!provider) return null;
  const [row] = await db
    .select({ request: helpRequests, businessName: businesses.name, sector: businesses.sector, municipality: municipalities.nameNl })
    .from(helpRequests)
    .innerJoin(businesses, eq(businesses.id, helpRequests.businessId))
    .innerJoin(municipalities, eq(municipalities.nisCode, businesses.nisCode))
    .where(and(eq(helpRequests.id, requestId), or(eq(helpRequests.status, "open"), eq(helpRequests.status, "awarded"), eq(helpRequests.status, "expired"))));
  if (!row) return null;
  const [[bid], [invitation], feed] = await Promise.all([
    db.select().from(bids).where(and(eq(bids.helpRequestId, requestId), eq(bids.providerId, provider.id))),
    db.select({ id: invitations.id }).from(invitations).where(and(eq(invitations.helpRequestId, requestId), eq(invitations.providerId, provider.id))),
    listOpportunities(providerUserId),
  ]);
  const inFeed = feed.find((f) => f.id === requestId);
  if (!inFeed && !invitation && !bid) return null;
  const thread = bid ? ((await bidThreads([bid.id])).get(bid.id) ?? []) : [];
  return { ...row, bid: bid ?? null, thread, invited: Boolean(invitation), reasons: inFeed?.reasons ?? [], score: inFeed?.score ?? null };
}
