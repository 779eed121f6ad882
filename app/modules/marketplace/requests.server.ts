import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { bids, businesses, engagements, helpRequests, invitations, providers, quickscans, reviews } from "~db/schema";
import { isUniqueViolation } from "~/lib/pg-errors";
import { createEngagementFromBid } from "~/modules/engagements/index.server";
import { rankProviders } from "~/modules/matching/index.server";
import { notifyUser, notifyUsers } from "~/modules/notifications/index.server";
import { recordAudit } from "~/modules/reporting/index.server";
import { currentSettings } from "~/modules/settings/index.server";
import { bidThreads } from "./questions.server";
import { bidDeadlineDays, budgetCentsOf, type BidInput, type HelpRequestInput } from "./rules";

/** E-mail and in-app notice to one user, in their language; the subject key is the message's plus "Subject". */
function tell(tx: Executor, userId: string, messageKey: string, params: Record<string, string | number>, link: string) {
  return notifyUser(tx, { userId, messageKey, subjectKey: `${messageKey}Subject`, params, link });
}

/** The owner's business, or null. */
async function ownBusiness(ownerId: string, businessId: string) {
  const [row] = await db.select().from(businesses).where(and(eq(businesses.id, businessId), eq(businesses.ownerId, ownerId)));
  return row ?? null;
}

/** The services to prefill a new request with: the latest quickscan's recommendations. */
export async function suggestedServices(ownerId: string, businessId: string) {
  const business = await ownBusiness(ownerId, businessId);
  if (!business) return null;
  const [latest] = await db
    .select({ services: quickscans.recommendedServices })
    .from(quickscans)
    .where(eq(quickscans.businessId, businessId))
    .orderBy(desc(quickscans.createdAt))
    .limit(1);
  return { business, services: latest?.services ?? [] };
}

/** An approved provider a retailer may ask for a proposal directly; null for anyone else. */
export async function requestableProvider(providerId: string) {
  const [row] = await db.select({ id: providers.id, companyName: providers.companyName }).from(providers).where(and(eq(providers.id, providerId), eq(providers.status, "approved")));
  return row ?? null;
}

export async function createHelpRequest(ownerId: string, input: HelpRequestInput) {
  if (!(await ownBusiness(ownerId, input.businessId))) return null;
  const requested = input.requestedProviderId ? await requestableProvider(input.requestedProviderId) : null;
  const [row] = await db
    .insert(helpRequests)
    .values({
      businessId: input.businessId,
      title: input.title,
      description: input.description,
      services: input.services,
      budgetBand: input.budgetBand,
      desiredStart: input.desiredStart ?? null,
      languages: input.languages,
      bidDeadline: new Date(Date.now() + bidDeadlineDays * 86_400_000),
      maxBids: currentSettings().maxBids,
      requestedProviderId: requested?.id ?? null,
    })
    .returning({ id: helpRequests.id });
  return row.id;
}

/**
 * Changes a draft: its title, description, services, budget, start and languages. Only while it is
 * a draft (the update says so itself, so a publish in between wins); the business stays the same.
 */
export async function updateHelpRequest(ownerId: string, requestId: string, input: HelpRequestInput) {
  const found = await getOwnHelpRequest(ownerId, requestId);
  if (!found) return { ok: false as const, error: "notFound" as const };
  const requested = input.requestedProviderId ? await requestableProvider(input.requestedProviderId) : null;
  const changed = await db
    .update(helpRequests)
    .set({
      title: input.title,
      description: input.description,
      services: input.services,
      budgetBand: input.budgetBand,
      desiredStart: input.desiredStart ?? null,
      languages: input.languages,
      requestedProviderId: requested?.id ?? null,
      updatedAt: new Date(),
    })
    .where(and(eq(helpRequests.id, requestId), eq(helpRequests.status, "draft")))
    .returning({ id: helpRequests.id });
  return changed.length ? { ok: true as const } : { ok: false as const, error: "notAllowed" as const };
}

/** A request of the owner's, with its invitations and bids; null for anyone else. */
export async function getOwnHelpRequest(ownerId: string, requestId: string) {
  const [row] = await db
    .select({ request: helpRequests, businessName: businesses.name, requestedProviderName: providers.companyName })
    .from(helpRequests)
    .innerJoin(businesses, eq(businesses.id, helpRequests.businessId))
    .leftJoin(providers, eq(providers.id, helpRequests.requestedProviderId))
    .where(and(eq(helpRequests.id, requestId), eq(businesses.ownerId, ownerId)));
  if (!row) return null;
  const [invited, offers, [engagement]] = await Promise.all([
    db
      .select({ providerId: invitations.providerId, score: invitations.score, name: providers.companyName, slug: providers.slug })
      .from(invitations)
      .innerJoin(providers, eq(providers.id, invitations.providerId))
      .where(eq(invitations.helpRequestId, requestId))
      .orderBy(desc(invitations.score)),
    db
      .select({
        bid: bids,
        providerName: providers.companyName,
        providerSlug: providers.slug,
        foundedOn: providers.foundedOn,
        vatStatus: providers.vatStatus,
        ratingAverage: sql<number | null>`(select avg(${reviews.rating})::float from ${reviews} where ${reviews.providerId} = ${providers.id})`,
        reviewCount: sql<number>`(select count(*)::int from ${reviews} where ${reviews.providerId} = ${providers.id})`,
      })
      .from(bids)
      .innerJoin(providers, eq(providers.id, bids.providerId))
      .where(and(eq(bids.helpRequestId, requestId), ne(bids.status, "withdrawn")))
      .orderBy(asc(bids.priceCents)),
    db.select({ id: engagements.id }).from(engagements).where(eq(engagements.helpRequestId, requestId)),
  ]);
  const threads = await bidThreads(offers.map((o) => o.bid.id));
  // Who was invited and who answered: an invited provider answered when their proposal stands.
  const answered = new Set(offers.map((o) => o.bid.providerId));
  return {
    ...row,
    invitations: invited.map((i) => ({ ...i, answered: answered.has(i.providerId) })),
    bids: offers.map((o) => ({ ...o, thread: threads.get(o.bid.id) ?? [] })),
    engagementId: engagement?.id ?? null,
  };
}

export async function listOwnHelpRequests(ownerId: string) {
  return db
    .select({ id: helpRequests.id, title: helpRequests.title, status: helpRequests.status, businessName: businesses.name, bidDeadline: helpRequests.bidDeadline })
    .from(helpRequests)
    .innerJoin(businesses, eq(businesses.id, helpRequests.businessId))
    .where(eq(businesses.ownerId, ownerId))
    .orderBy(desc(helpRequests.createdAt));
}

/**
 * Opens a draft for bids: ranks providers for it and invites the best (a setting, 5), each told by
 * e-mail and in the app, all in one transaction with the status change.
 */
export async function publishHelpRequest(ownerId: string, requestId: string) {
  const found = await getOwnHelpRequest(ownerId, requestId);
  if (!found) return { ok: false as const, error: "notFound" as const };
  if (found.request.status !== "draft") return { ok: false as const, error: "notAllowed" as const };
  const need = {
    business: { id: found.request.businessId, ownerId },
    services: found.request.services,
    languages: found.request.languages,
    text: `${found.request.title} ${found.request.description}`,
    budgetCents: budgetCentsOf(found.request.budgetBand),
  };
  const ranked: { providerId: string; score: number; factors: Record<string, number> }[] = (await rankProviders({ ...need, limit: currentSettings().invitationCount })) ?? [];
  // The provider the retailer asked for is invited too, with its own score when it fits the need
  // (a provider it does not fit still gets the retailer's question, scored 0).
  const requestedId = found.request.requestedProviderId;
  if (requestedId && !ranked.some((r) => r.providerId === requestedId) && (await requestableProvider(requestedId))) {
    const all = (await rankProviders({ ...need, limit: 200 })) ?? [];
    ranked.push(all.find((r) => r.providerId === requestedId) ?? { providerId: requestedId, score: 0, factors: {} });
  }
  return db.transaction(async (tx) => {
    const opened = await tx
      .update(helpRequests)
      .set({ status: "open", publishedAt: new Date(), bidDeadline: new Date(Date.now() + bidDeadlineDays * 86_400_000), updatedAt: new Date() })
      .where(and(eq(helpRequests.id, requestId), eq(helpRequests.status, "draft")))
      .returning({ id: helpRequests.id });
    if (opened.length === 0) return { ok: false as const, error: "notAllowed" as const };
    if (ranked.length) {
      await tx.insert(invitations).values(ranked.map((r) => ({ helpRequestId: requestId, providerId: r.providerId, score: r.score, factors: r.factors })));
      const providerUsers = await tx.select({ id: providers.id, userId: providers.userId }).from(providers).where(inArray(providers.id, ranked.map((r) => r.providerId)));
      for (const p of providerUsers) await tell(tx, p.userId, "marketplace.notice.invited", { title: found.request.title, business: found.businessName }, `/opdrachten/${requestId}`);
    }
    await recordAudit(tx, { actorId: ownerId, action: "help_request.publish", entityType: "help_request", entityId: requestId, fromState: "draft", toState: "open", data: { invited: ranked.length } });
    return { ok: true as const, invited: ranked.length };
  });
}

export async function cancelHelpRequest(ownerId: string, requestId: string) {
  const found = await getOwnHelpRequest(ownerId, requestId);
  if (!found) return { ok: false as const, error: "notFound" as const };
  const cancelled = await db.transaction(async (tx) => {
    const rows = await tx
      .update(helpRequests)
      .set({ status: "cancelled", updatedAt: new Date() })
      .where(and(eq(helpRequests.id, requestId), inArray(helpRequests.status, ["draft", "open"])))
      .returning({ id: helpRequests.id, status: helpRequests.status });
    if (rows.length) await recordAudit(tx, { actorId: ownerId, action: "help_request.cancel", entityType: "help_request", entityId: requestId, fromState: found.request.status, toState: "cancelled" });
    return rows.length > 0;
  });
  return cancelled ? { ok: true as const } : { ok: false as const, error: "notAllowed" as const };
}

/** The provider row of a provider account that may bid: approved. */
async function approvedProviderOf(executor: Executor, userId: string) {
  const [row] = await executor.select().from(providers).where(and(eq(providers.userId, userId), eq(providers.status, "approved")));
  return row ?? null;
}

export type BidResult = { ok: true; bidId: string } | { ok: false; error: "notFound" | "closed" | "full" | "notEligible" | "alreadyDecided" };

/**
 * Places or edits the provider's one bid. The request row is locked while counting, so the sixth
 * bid is refused even when two arrive at once.
 */
export async function submitBid(providerUserId: string, requestId: string, input: BidInput): Promise<BidResult> {
  return db.transaction(async (tx) => {
    const provider = await approvedProviderOf(tx, providerUserId);
    if (!provider) return { ok: false, error: "notEligible" };
    const [request] = await tx.select().from(helpRequests).where(eq(helpRequests.id, requestId)).for("update");
    if (!request || request.status === "draft") return { ok: false, error: "notFound" };
    if (request.status !== "open" || request.bidDeadline <= new Date()) return { ok: false, error: "closed" };
    const [business] = await tx.select({ enterpriseNumber: businesses.enterpriseNumber, ownerId: businesses.ownerId, name: businesses.name }).from(businesses).where(eq(businesses.id, request.businessId));
    if (provider.conflictEnterpriseNumbers.includes(business.enterpriseNumber)) return { ok: false, error: "notEligible" };
    const values = {
      advice: { priceCents: input.advicePrice, deliverables: input.adviceDeliverables, durationDays: input.adviceDays },
      implementation: { priceCents: input.implementationPrice, deliverables: input.implementationDeliverables, durationDays: input.implementationDays },
      priceCents: input.advicePrice + input.implementationPrice,
      estimatedHours: input.estimatedHours,
      approach: input.approach,
      startDate: input.startDate,
      updatedAt: new Date(),
    };
    const [existing] = await tx.select().from(bids).where(and(eq(bids.helpRequestId, requestId), eq(bids.providerId, provider.id)));
    if (existing && existing.status !== "withdrawn") {
      if (existing.status !== "submitted") return { ok: false, error: "alreadyDecided" };
      await tx.update(bids).set(values).where(eq(bids.id, existing.id));
      return { ok: true, bidId: existing.id };
    }
    const [{ n }] = await tx.select({ n: count() }).from(bids).where(and(eq(bids.helpRequestId, requestId), eq(bids.status, "submitted")));
    if (n >= request.maxBids) return { ok: false, error: "full" };
    let bidId: string;
    if (existing) {
      await tx.update(bids).set({ ...values, status: "submitted" }).where(eq(bids.id, existing.id));
      bidId = existing.id;
    } else {
      [{ id: bidId }] = await tx.insert(bids).values({ ...values, helpRequestId: requestId, providerId: provider.id }).returning({ id: bids.id });
    }
    await tell(tx, business.ownerId, "marketplace.notice.bidReceived", { title: request.title, provider: provider.companyName }, `/ondernemer/hulpvragen/${requestId}`);
    return { ok: true, bidId };
  });
}

export async function withdrawBid(providerUserId: string, requestId: string) {
  return db.transaction(async (tx) => {
    const provider = await approvedProviderOf(tx, providerUserId);
    if (!provider) return { ok: false as const, error: "notFound" as const };
    const [request] = await tx.select().from(helpRequests).where(eq(helpRequests.id, requestId)).for("update");
    if (!request || request.status !== "open" || request.bidDeadline <= new Date()) return { ok: false as const, error: "closed" as const };
    const rows = await tx
      .update(bids)
      .set({ status: "withdrawn", updatedAt: new Date() })
      .where(and(eq(bids.helpRequestId, requestId), eq(bids.providerId, provider.id), eq(bids.status, "submitted")))
      .returning({ id: bids.id });
    return rows.length ? { ok: true as const } : { ok: false as const, error: "notFound" as const };
  });
}

/**
 * The retailer accepts one bid: the request is awarded, the other bids are declined (politely, by
 * e-mail and notice), and the engagement is created with a milestone per phase. The request row is
 * locked, and the engagement is unique per request: of two accepts at once, exactly one wins.
 */
export async function acceptBid(ownerId: string, requestId: string, bidId: string, declaredNoDoubleFunding = new Date()) {
  try {
    return await db.transaction(async (tx) => {
      const [request] = await tx
        .select({ request: helpRequests, ownerId: businesses.ownerId, businessName: businesses.name })
        .from(helpRequests)
        .innerJoin(businesses, eq(businesses.id, helpRequests.businessId))
        .where(eq(helpRequests.id, requestId))
        .for("update", { of: helpRequests });
      if (!request || request.ownerId !== ownerId) return { ok: false as const, error: "notFound" as const };
      if (request.request.status !== "open") return { ok: false as const, error: "notAllowed" as const };
      const [bid] = await tx.select().from(bids).where(and(eq(bids.id, bidId), eq(bids.helpRequestId, requestId), eq(bids.status, "submitted")));
      if (!bid) return { ok: false as const, error: "notAllowed" as const };

      await tx.update(helpRequests).set({ status: "awarded", updatedAt: new Date() }).where(eq(helpRequests.id, requestId));
      await tx.update(bids).set({ status: "accepted", updatedAt: new Date() }).where(eq(bids.id, bidId));
      const declined = await tx
        .update(bids)
        .set({ status: "rejected", updatedAt: new Date() })
        .where(and(eq(bids.helpRequestId, requestId), eq(bids.status, "submitted")))
        .returning({ providerId: bids.providerId });
      const engagementId = await createEngagementFromBid(tx, bid, request.request.businessId, declaredNoDoubleFunding);
      await recordAudit(tx, { actorId: ownerId, action: "bid.accept", entityType: "help_request", entityId: requestId, fromState: "open", toState: "awarded", data: { bidId, engagementId } });

      const providerIds = [bid.providerId, ...declined.map((d) => d.providerId)];
      const people = await tx.select({ id: providers.id, userId: providers.userId }).from(providers).where(inArray(providers.id, providerIds));
      const userOf = (providerId: string) => people.find((p) => p.id === providerId)!.userId;
      const params = { title: request.request.title, business: request.businessName };
      await tell(tx, userOf(bid.providerId), "marketplace.notice.bidAccepted", params, `/trajecten/${engagementId}`);
      await notifyUsers(tx, declined.map((d) => userOf(d.providerId)), { messageKey: "marketplace.notice.bidDeclined", subjectKey: "marketplace.notice.bidDeclinedSubject", params, link: "/opdrachten" });
      return { ok: true as const, engagementId };
    });
  } catch (error) {
    // The unique engagement per request: another accept committed first.
    if (isUniqueViolation(error)) return { ok: false as const, error: "notAllowed" as const };
    throw error;
  }
}
