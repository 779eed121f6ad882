import { and, eq, inArray } from "drizzle-orm";
import { db } from "~db/client";
import { engagementMessages, engagements, milestones, progressLogs } from "~db/schema";
import { recordAudit } from "~/modules/reporting/index.server";
import { redeemShare } from "~/modules/vouchers/index.server";
import { applyTransition, notifyParties, roleInEngagement } from "./engagements.server";
import { phaseOfState } from "./transitions";

export type MilestoneResult = { ok: true } | { ok: false; error: "notFound" | "forbidden" | "notAllowed" | "commentRequired" };

/** The provider hands in a milestone's deliverable (text and links) for the retailer to judge. */
export async function submitMilestone(user: { id: string; role: string }, milestoneId: string, submission: { text: string; links: string[] }): Promise<MilestoneResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ milestone: milestones, state: engagements.state })
      .from(milestones)
      .innerJoin(engagements, eq(engagements.id, milestones.engagementId))
      .where(eq(milestones.id, milestoneId));
    if (!row) return { ok: false, error: "notFound" };
    const role = await roleInEngagement(tx, row.milestone.engagementId, user);
    if (!role) return { ok: false, error: "notFound" };
    if (role !== "provider") return { ok: false, error: "forbidden" };
    // Only the milestone of the engagement's phase; in review, the implementation again after a change request.
    if (phaseOfState[row.state] !== row.milestone.phase) return { ok: false, error: "notAllowed" };
    const updated = await tx
      .update(milestones)
      .set({ status: "submitted", submission: submission.text, submissionLinks: submission.links, submittedAt: new Date(), decisionComment: null, decidedAt: null })
      .where(and(eq(milestones.id, milestoneId), inArray(milestones.status, ["pending", "changes_requested"])))
      .returning({ id: milestones.id });
    if (updated.length === 0) return { ok: false, error: "notAllowed" };
    await tx.update(engagements).set({ lastActivityAt: new Date() }).where(eq(engagements.id, row.milestone.engagementId));
    await recordAudit(tx, { actorId: user.id, action: "milestone.submit", entityType: "milestone", entityId: milestoneId, fromState: row.milestone.status, toState: "submitted" });
    await notifyParties(tx, row.milestone.engagementId, "provider", { key: "engagements.notice.milestoneSubmitted", params: { milestone: `requests.${row.milestone.phase}` }, translated: ["milestone"] });
    // The delivered implementation is the request for review: no second button to find.
    if (row.state === "implementation") {
      const moved = await applyTransition(tx, row.milestone.engagementId, "request_review", "system");
      if (!moved.ok) throw new Error(`implementation delivered but the review could not start: ${moved.error}`);
    }
    return { ok: true };
  });
}

/**
 * The retailer approves a submitted milestone or asks for changes with a comment. `system` is the
 * timer that approves a milestone left unanswered.
 */
export async function decideMilestone(
  user: { id: string; role: string } | "system",
  milestoneId: string,
  decision: { approve: boolean; comment?: string },
): Promise<MilestoneResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(milestones).where(eq(milestones.id, milestoneId));
    if (!row) return { ok: false, error: "notFound" };
    if (user !== "system") {
      const role = await roleInEngagement(tx, row.engagementId, user);
      if (!role) return { ok: false, error: "notFound" };
      if (role !== "retailer") return { ok: false, error: "forbidden" };
    }
    // A change request says what to change: "Aanpassingen gevraagd" alone tells the provider nothing.
    if (!decision.approve && !decision.comment?.trim()) return { ok: false, error: "commentRequired" };
    const status = decision.approve ? ("approved" as const) : ("changes_requested" as const);
    const updated = await tx
      .update(milestones)
      .set({ status, decisionComment: decision.comment?.trim() || null, decidedAt: new Date() })
      .where(and(eq(milestones.id, milestoneId), eq(milestones.status, "submitted")))
      .returning({ id: milestones.id });
    if (updated.length === 0) return { ok: false, error: "notAllowed" };
    await tx.update(engagements).set({ lastActivityAt: new Date() }).where(eq(engagements.id, row.engagementId));
    if (decision.approve) {
      // The voucher's share of this milestone becomes payable.
      const prices = await tx.select({ priceCents: milestones.priceCents }).from(milestones).where(eq(milestones.engagementId, row.engagementId)).orderBy(milestones.position);
      await redeemShare(tx, row, prices.map((p) => p.priceCents));
    }
    await recordAudit(tx, {
      actorId: user === "system" ? null : user.id,
      action: decision.approve ? (user === "system" ? "milestone.auto_approve" : "milestone.approve") : "milestone.request_changes",
      entityType: "milestone",
      entityId: milestoneId,
      fromState: "submitted",
      toState: status,
      reason: decision.comment ?? null,
    });
    await notifyParties(tx, row.engagementId, user === "system" ? "system" : "retailer", {
      key: decision.approve ? (user === "system" ? "engagements.notice.milestoneAutoApproved" : "engagements.notice.milestoneApproved") : "engagements.notice.changesRequested",
      params: { milestone: `requests.${row.phase}`, comment: decision.comment?.trim() ?? "" },
      translated: ["milestone"],
    });
    // One approval per milestone: the approved advice is the go-ahead for the implementation, not
    // a second button to press.
    if (decision.approve && row.phase === "advice") {
      const moved = await applyTransition(tx, row.engagementId, "start_implementation", "system");
      if (!moved.ok && moved.error !== "notAllowed") throw new Error(`advice approved but the implementation could not start: ${moved.error}`);
    }
    // And the approved implementation completes the engagement: the review ends in completion.
    if (decision.approve && row.phase === "implementation") {
      const moved = await applyTransition(tx, row.engagementId, "complete", "system");
      if (!moved.ok && moved.error !== "notAllowed") throw new Error(`implementation approved but the engagement could not complete: ${moved.error}`);
    }
    return { ok: true };
  });
}

/** A message between the two parties; the programme office reads along but does not write. */
export async function postMessage(user: { id: string; role: string }, engagementId: string, body: string) {
  return db.transaction(async (tx) => {
    const role = await roleInEngagement(tx, engagementId, user);
    if (!role) return { ok: false as const, error: "notFound" as const };
    if (role === "admin") return { ok: false as const, error: "forbidden" as const };
    await tx.insert(engagementMessages).values({ engagementId, authorId: user.id, body });
    await tx.update(engagements).set({ lastActivityAt: new Date() }).where(eq(engagements.id, engagementId));
    await notifyParties(tx, engagementId, role, { key: "engagements.notice.message", params: {} });
    return { ok: true as const };
  });
}

/** The provider logs work done: a date, hours and a note. */
export async function addProgressLog(user: { id: string; role: string }, engagementId: string, entry: { workedOn: string; hours: number; note: string }) {
  return db.transaction(async (tx) => {
    const role = await roleInEngagement(tx, engagementId, user);
    if (!role) return { ok: false as const, error: "notFound" as const };
    if (role !== "provider") return { ok: false as const, error: "forbidden" as const };
    await tx.insert(progressLogs).values({ engagementId, authorId: user.id, ...entry });
    await tx.update(engagements).set({ lastActivityAt: new Date() }).where(eq(engagements.id, engagementId));
    return { ok: true as const };
  });
}
