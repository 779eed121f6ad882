import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "~db/client";
import { engagements, helpRequests, milestones, vouchers } from "~db/schema";
import { recordAuditMany } from "~/modules/reporting/index.server";
import { applyTransition, notifyParties } from "./engagements.server";
import { decideMilestone } from "./milestones.server";

/** Timer settings the programme office will tune later. */
export const timerSettings = { autoApproveDays: 14, inactivityDays: 14, paymentReminderDays: 7 };

const daysAgo = (days: number, now: Date) => new Date(now.getTime() - days * 86_400_000);
const activeStates = ["intake", "plan", "implementation", "review"] as const;

/**
 * The scheduler's work, run by the outbox worker: expired bid deadlines close their requests,
 * milestones left unanswered are approved, quiet engagements get a reminder, engagements whose own
 * share was not paid in time are cancelled (releasing the voucher). Each step is a
 * conditional update, so several processes running it at once do each thing once.
 */
export async function runTimers(now = new Date()) {
  const expired = await db
    .update(helpRequests)
    .set({ status: "expired", updatedAt: now })
    .where(and(eq(helpRequests.status, "open"), lt(helpRequests.bidDeadline, now)))
    .returning({ id: helpRequests.id });
  await recordAuditMany(db, expired.map((r) => ({ actorId: null, action: "help_request.expire", entityType: "help_request", entityId: r.id, fromState: "open", toState: "expired" })));

  const overdue = await db
    .select({ id: milestones.id })
    .from(milestones)
    .where(and(eq(milestones.status, "submitted"), lt(milestones.submittedAt, daysAgo(timerSettings.autoApproveDays, now))));
  for (const m of overdue) await decideMilestone("system", m.id, { approve: true, comment: undefined });

  const quiet = await db
    .update(engagements)
    .set({ remindedAt: now })
    .where(
      and(
        inArray(engagements.state, [...activeStates]),
        lt(engagements.lastActivityAt, daysAgo(timerSettings.inactivityDays, now)),
        or(isNull(engagements.remindedAt), lt(engagements.remindedAt, sql`${engagements.lastActivityAt}`), lt(engagements.remindedAt, daysAgo(timerSettings.inactivityDays, now))),
      ),
    )
    .returning({ id: engagements.id });
  for (const e of quiet) {
    await db.transaction((tx) => notifyParties(tx, e.id, "system", { key: "engagements.notice.inactive", params: {} }));
  }
  // A week before the due date, one reminder to pay the own share.
  const dueSoon = await db
    .update(vouchers)
    .set({ paymentRemindedAt: now })
    .where(
      and(
        eq(vouchers.status, "approved"),
        isNull(vouchers.paidAt),
        isNull(vouchers.paymentRemindedAt),
        lt(vouchers.paymentDueOn, new Date(now.getTime() + timerSettings.paymentReminderDays * 86_400_000).toISOString().slice(0, 10)),
      ),
    )
    .returning({ engagementId: vouchers.engagementId });
  for (const v of dueSoon) {
    await db.transaction((tx) => notifyParties(tx, v.engagementId, "provider", { key: "engagements.notice.ownShareDue", params: {} }));
  }

  // An own share not paid by its due date: the engagement is cancelled and the voucher's budget released.
  const unpaid = await db
    .select({ engagementId: vouchers.engagementId })
    .from(vouchers)
    .innerJoin(engagements, eq(engagements.id, vouchers.engagementId))
    .where(and(eq(vouchers.status, "approved"), isNull(vouchers.paidAt), lt(vouchers.paymentDueOn, now.toISOString().slice(0, 10)), eq(engagements.state, "awaiting_contribution")));
  for (const u of unpaid) {
    await db.transaction((tx) => applyTransition(tx, u.engagementId, "cancel", "system", "Eigen bijdrage niet ontvangen vóór de vervaldag."));
  }
  return { expired: expired.length, autoApproved: overdue.length, reminded: quiet.length, paymentReminders: dueSoon.length, unpaidCancelled: unpaid.length };
}
