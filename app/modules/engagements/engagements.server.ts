import { and, asc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { bids, businesses, engagementMessages, engagements, engagementStates, helpRequests, milestones, progressLogs, providers, reviews, users, vouchers, type EngagementState } from "~db/schema";
import { queueProviderIndexing } from "~/modules/matching/index.server";
import { createNotice, notifyUser } from "~/modules/notifications/index.server";
import { requestVoucher, settleEngagement } from "~/modules/vouchers/index.server";
import { recordAudit } from "~/modules/reporting/index.server";
import { findTransition, guards, type EngagementAction, type EngagementActor } from "./transitions";

/**
 * Creates the engagement of an accepted bid, with a milestone per phase, and requests its voucher,
 * in the caller's transaction.
 */
export async function createEngagementFromBid(tx: Executor, bid: typeof bids.$inferSelect, businessId: string, declaredNoDoubleFunding: Date) {
  const [engagement] = await tx
    .insert(engagements)
    .values({ helpRequestId: bid.helpRequestId, bidId: bid.id, businessId, providerId: bid.providerId, priceCents: bid.priceCents })
    .returning({ id: engagements.id });
  await queueProviderIndexing(tx, [bid.providerId]);
  const [provider] = await tx.select({ status: providers.status }).from(providers).where(eq(providers.id, bid.providerId));
  await requestVoucher(tx, { engagementId: engagement.id, businessId, providerId: bid.providerId, priceCents: bid.priceCents, providerApproved: provider.status === "approved", declaredNoDoubleFunding });
  await tx.insert(milestones).values([
    { engagementId: engagement.id, position: 1, phase: "advice", deliverables: bid.advice.deliverables, priceCents: bid.advice.priceCents, durationDays: bid.advice.durationDays },
    { engagementId: engagement.id, position: 2, phase: "implementation", deliverables: bid.implementation.deliverables, priceCents: bid.implementation.priceCents, durationDays: bid.implementation.durationDays },
  ]);
  return engagement.id;
}

/** Who the user is to this engagement, or null: for anyone else it does not exist. */
export async function roleInEngagement(executor: Executor, engagementId: string, user: { id: string; role: string }) {
  const [row] = await executor
    .select({ ownerId: businesses.ownerId, providerUserId: providers.userId })
    .from(engagements)
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .innerJoin(providers, eq(providers.id, engagements.providerId))
    .where(eq(engagements.id, engagementId));
  if (!row) return null;
  if (user.role === "admin") return "admin" as const;
  if (row.ownerId === user.id) return "retailer" as const;
  if (row.providerUserId === user.id) return "provider" as const;
  return null;
}

export type TransitionResult =
  | { ok: true; from: EngagementState; to: EngagementState }
  | { ok: false; error: "notFound" | "notAllowed" | "forbidden" | "reasonRequired" | "stale"; guard?: undefined }
  | { ok: false; error: "guardFailed"; guard: string };

/**
 * The one way an engagement changes state. Checks the table, the actor and the guard, then writes
 * the new state (only if it is still the state it read: a stale click changes nothing), an audit
 * event and the notifications to the other party, in one transaction.
 */
export function transition(
  engagementId: string,
  action: EngagementAction,
  actor: { userId: string | null; role: string } | "system",
  reason?: string,
): Promise<TransitionResult> {
  return db.transaction((tx) => applyTransition(tx, engagementId, action, actor, reason));
}

/** transition() inside a transaction the caller already holds (voucher approval, payment received). */
export async function applyTransition(
  tx: Executor,
  engagementId: string,
  action: EngagementAction,
  actor: { userId: string | null; role: string } | "system",
  reason?: string,
  /** Parties told of this step otherwise, in the same transaction (the retailer gets a receipt). */
  options: { quietFor?: EngagementActor[] } = {},
): Promise<TransitionResult> {
  {
    const [engagement] = await tx.select().from(engagements).where(eq(engagements.id, engagementId));
    if (!engagement) return { ok: false, error: "notFound" };
    const who: EngagementActor | null = actor === "system" ? "system" : await roleInEngagement(tx, engagementId, { id: actor.userId ?? "", role: actor.role });
    if (!who) return { ok: false, error: "notFound" };
    const rule = findTransition(engagement.state, action, who);
    if (!rule) return { ok: false, error: "notAllowed" };
    if (!rule.actors.includes(who)) return { ok: false, error: "forbidden" };
    const why = reason?.trim() || null;
    if (rule.needsReason && !why) return { ok: false, error: "reasonRequired" };
    if (rule.guard) {
      const [voucher] = await tx.select({ status: vouchers.status, paidAt: vouchers.paidAt }).from(vouchers).where(eq(vouchers.engagementId, engagementId));
      const context = {
        milestones: await tx.select({ phase: milestones.phase, status: milestones.status }).from(milestones).where(eq(milestones.engagementId, engagementId)),
        voucher: voucher ?? null,
      };
      if (!guards[rule.guard](context)) return { ok: false, error: "guardFailed", guard: rule.guard };
    }
    const to: EngagementState = rule.to === "previous" ? (engagement.resumeState ?? "intake") : rule.to;
    const updated = await tx
      .update(engagements)
      .set({
        state: to,
        resumeState: to === "disputed" ? engagement.state : null,
        lastActivityAt: new Date(),
        completedAt: to === "completed" ? new Date() : engagement.completedAt,
      })
      .where(and(eq(engagements.id, engagementId), eq(engagements.state, engagement.state)))
      .returning({ id: engagements.id });
    if (updated.length === 0) return { ok: false, error: "stale" };
    await recordAudit(tx, {
      actorId: actor === "system" ? null : actor.userId,
      action: `engagement.${action}`,
      entityType: "engagement",
      entityId: engagementId,
      fromState: engagement.state,
      toState: to,
      reason: why,
    });
    // Each step is told in words of what happened ("Het advies is goedgekeurd: … start de
    // uitvoering"), not as a state's name; a dispute resolved says where the engagement goes on.
    const step = action === "resume" ? "resumed" : to;
    await notifyParties(tx, engagementId, who, { key: `engagements.notice.to.${step}`, params: { state: to }, quietFor: options.quietFor });
    if (to === "completed" || to === "cancelled") {
      // The settlement: what the voucher did not use goes back to the programme, what the retailer
      // paid and no approved milestone used goes back to the retailer, in this transaction.
      await settleEngagement(tx, engagementId, actor === "system" ? null : actor.userId);
      // The provider's free capacity and record change: search must know.
      await queueProviderIndexing(tx, [engagement.providerId]);
    }
    if (to === "completed") {
      const [owner] = await tx.select({ ownerId: businesses.ownerId }).from(businesses).where(eq(businesses.id, engagement.businessId));
      await createNotice(tx, { userId: owner.ownerId, messageKey: "engagements.notice.redoQuickscan", params: {}, link: `/ondernemer/zaken/${engagement.businessId}/quickscan` });
    }
    return { ok: true, from: engagement.state, to };
  }
}

/** Tells the parties other than the actor, by e-mail and in the app, in their own language. */
export async function notifyParties(
  tx: Executor,
  engagementId: string,
  actor: EngagementActor,
  message: { key: string; params: Record<string, string>; dates?: string[]; translated?: string[]; quietFor?: EngagementActor[] },
) {
  const [parties] = await tx
    .select({ ownerId: businesses.ownerId, providerUserId: providers.userId, businessName: businesses.name, providerName: providers.companyName })
    .from(engagements)
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .innerJoin(providers, eq(providers.id, engagements.providerId))
    .where(eq(engagements.id, engagementId));
  const quiet = new Set([actor, ...(message.quietFor ?? [])]);
  const recipients = [!quiet.has("retailer") ? parties.ownerId : null, !quiet.has("provider") ? parties.providerUserId : null].filter((r): r is string => Boolean(r));
  const state = message.params.state ? `engagements.states.${message.params.state}` : "";
  for (const userId of recipients) {
    await notifyUser(tx, {
      userId,
      messageKey: message.key,
      subjectKey: `engagements.subjects.${message.key.replace("engagements.notice.", "")}`,
      params: { ...message.params, state, business: parties.businessName, provider: parties.providerName },
      translatedParams: ["state", ...(message.translated ?? [])],
      dateParams: message.dates,
      link: `/trajecten/${engagementId}`,
      group: engagementId,
    });
  }
}

/** Everything the workspace shows, for a party or an admin; null for anyone else. */
export async function getEngagementForViewer(engagementId: string, user: { id: string; role: string }) {
  const role = await roleInEngagement(db, engagementId, user);
  if (!role) return null;
  const [row] = await db
    .select({ engagement: engagements, businessName: businesses.name, providerName: providers.companyName, providerSlug: providers.slug, title: helpRequests.title })
    .from(engagements)
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .innerJoin(providers, eq(providers.id, engagements.providerId))
    .innerJoin(helpRequests, eq(helpRequests.id, engagements.helpRequestId))
    .where(eq(engagements.id, engagementId));
  const [steps, messages, logs, [review]] = await Promise.all([
    db.select().from(milestones).where(eq(milestones.engagementId, engagementId)).orderBy(asc(milestones.position)),
    db
      .select({ id: engagementMessages.id, body: engagementMessages.body, createdAt: engagementMessages.createdAt, author: users.name, authorId: engagementMessages.authorId })
      .from(engagementMessages)
      .innerJoin(users, eq(users.id, engagementMessages.authorId))
      .where(eq(engagementMessages.engagementId, engagementId))
      .orderBy(asc(engagementMessages.id)),
    db.select().from(progressLogs).where(eq(progressLogs.engagementId, engagementId)).orderBy(asc(progressLogs.workedOn), asc(progressLogs.id)),
    db.select().from(reviews).where(eq(reviews.engagementId, engagementId)),
  ]);
  return { ...row, role, milestones: steps, messages, progressLogs: logs, review: review ?? null };
}

/** A phase named in a link (`?fase=disputed`), or null when it names none. */
export const asEngagementState = (text: string | null) => engagementStates.find((s) => s === text) ?? null;

/** The viewer's engagements, newest first; with `state`, only those in that phase. */
export async function listEngagementsOf(user: { id: string; role: string }, state: EngagementState | null = null) {
  const whose = user.role === "admin" ? undefined : user.role === "provider" ? eq(providers.userId, user.id) : eq(businesses.ownerId, user.id);
  return db
    .select({ id: engagements.id, state: engagements.state, title: helpRequests.title, businessName: businesses.name, providerName: providers.companyName, createdAt: engagements.createdAt })
    .from(engagements)
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .innerJoin(providers, eq(providers.id, engagements.providerId))
    .innerJoin(helpRequests, eq(helpRequests.id, engagements.helpRequestId))
    .where(and(whose, state ? eq(engagements.state, state) : undefined))
    .orderBy(sql`${engagements.createdAt} desc`);
}
