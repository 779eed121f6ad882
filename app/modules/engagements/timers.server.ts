import { and, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { db } from "~db/client";
import { engagements, helpRequests, milestones, users, vouchers } from "~db/schema";
import { notifyUser } from "~/modules/notifications/index.server";
import { listVoucherDecisions } from "~/modules/vouchers/index.server";
import { addBelgianBankingDays, addDays, belgianDate } from "~/lib/dates";
import { recordAudit } from "~/modules/reporting/index.server";
import { currentSettings } from "~/modules/settings/index.server";
import { applyTransition, notifyParties } from "./engagements.server";
import { decideMilestone } from "./milestones.server";
import { approveVoucherTacitly } from "./voucher-steps.server";

/** Fixed timings; how long a submitted milestone waits before it is approved is the office's setting. */
export const timers = Object.freeze({ inactivityDays: 14, paymentReminderDays: 7 });

const daysAgo = (days: number, now: Date) => new Date(now.getTime() - days * 86_400_000);
const activeStates = ["intake", "plan", "implementation", "review"] as const;

/**
 * The scheduler's work, run by the outbox worker: expired bid deadlines close their requests,
 * milestones left unanswered are approved, quiet engagements get a reminder, own shares due soon
 * get one, engagements whose own share was not paid in time are cancelled (releasing the voucher),
 * voucher decisions past their term are approved tacitly where the programme says so, or else
 * brought to the office's attention.
 * Each row is claimed by a conditional update in the transaction that also writes its audit entry
 * and notices: several processes running this at once do each thing once, and a crash between two
 * rows loses nothing and sends nothing twice. Dates that decide are Brussels dates.
 */
export async function runTimers(now = new Date()) {
  const today = belgianDate(now);
  const expiredCandidates = await db
    .select({ id: helpRequests.id })
    .from(helpRequests)
    .where(and(eq(helpRequests.status, "open"), lt(helpRequests.bidDeadline, now)));
  let expired = 0;
  for (const candidate of expiredCandidates) {
    expired += await db.transaction(async (tx) => {
      const [request] = await tx
        .update(helpRequests)
        .set({ status: "expired", updatedAt: now })
        .where(and(eq(helpRequests.id, candidate.id), eq(helpRequests.status, "open")))
        .returning({ id: helpRequests.id });
      if (!request) return 0;
      await recordAudit(tx, { actorId: null, action: "help_request.expire", entityType: "help_request", entityId: request.id, fromState: "open", toState: "expired" });
      return 1;
    });
  }

  const overdue = await db
    .select({ id: milestones.id })
    .from(milestones)
    .where(and(eq(milestones.status, "submitted"), lt(milestones.submittedAt, daysAgo(currentSettings().autoApproveDays, now))));
  for (const m of overdue) await decideMilestone("system", m.id, { approve: true, comment: undefined });

  const isQuiet = and(
    inArray(engagements.state, [...activeStates]),
    lt(engagements.lastActivityAt, daysAgo(timers.inactivityDays, now)),
    or(isNull(engagements.remindedAt), lt(engagements.remindedAt, sql`${engagements.lastActivityAt}`), lt(engagements.remindedAt, daysAgo(timers.inactivityDays, now))),
  );
  const quiet = await db.select({ id: engagements.id }).from(engagements).where(isQuiet);
  let reminded = 0;
  for (const e of quiet) {
    reminded += await db.transaction(async (tx) => {
      const [claimed] = await tx.update(engagements).set({ remindedAt: now }).where(and(eq(engagements.id, e.id), isQuiet)).returning({ id: engagements.id });
      if (!claimed) return 0;
      await notifyParties(tx, e.id, "system", { key: "engagements.notice.inactive", params: {} });
      return 1;
    });
  }

  // A week before the due date, one reminder to pay the own share.
  const isDueSoon = and(
    eq(vouchers.status, "approved"),
    isNull(vouchers.paidAt),
    isNull(vouchers.paymentRemindedAt),
    // Due on or before today + 7: the reminder goes out a full week ahead, not six days.
    lte(vouchers.paymentDueOn, addDays(today, timers.paymentReminderDays)),
  );
  const dueSoon = await db.select({ id: vouchers.id, engagementId: vouchers.engagementId, dueOn: vouchers.paymentDueOn }).from(vouchers).where(isDueSoon);
  const { transferGraceDays } = currentSettings();
  let paymentReminders = 0;
  for (const v of dueSoon) {
    paymentReminders += await db.transaction(async (tx) => {
      const [claimed] = await tx.update(vouchers).set({ paymentRemindedAt: now }).where(and(eq(vouchers.id, v.id), isDueSoon)).returning({ id: vouchers.id });
      if (!claimed) return 0;
      // The reminder says how long a transfer may take: the day it stops is the grace's last banking day.
      const due = v.dueOn ?? today;
      await notifyParties(tx, v.engagementId, "provider", { key: "engagements.notice.ownShareDue", params: { due, lastDay: addBelgianBankingDays(due, transferGraceDays) }, dates: ["due", "lastDay"] });
      return 1;
    });
  }

  // An own share not paid by its due date: a transfer made on the due date reaches the programme's
  // statement a banking day or two later, so the engagement is cancelled (and the voucher's budget
  // released) only once the grace's banking days after the due date have passed, in Brussels.
  // applyTransition claims the row itself.
  const pastDue = await db
    .select({ engagementId: vouchers.engagementId, dueOn: vouchers.paymentDueOn })
    .from(vouchers)
    .innerJoin(engagements, eq(engagements.id, vouchers.engagementId))
    .where(and(eq(vouchers.status, "approved"), isNull(vouchers.paidAt), lt(vouchers.paymentDueOn, today), eq(engagements.state, "awaiting_contribution")));
  const unpaid = pastDue.filter((u) => addBelgianBankingDays(u.dueOn!, transferGraceDays) < today);
  for (const u of unpaid) {
    await db.transaction((tx) => applyTransition(tx, u.engagementId, "cancel", "system", "Eigen bijdrage niet ontvangen vóór de vervaldag."));
  }
  const { tacitlyApproved, officeTold } = await voucherDecisionsPastTerm(now, today);
  return { expired, autoApproved: overdue.length, reminded, paymentReminders, unpaidCancelled: unpaid.length, tacitlyApproved, officeTold };
}

/**
 * Voucher decisions whose term has passed. Where the programme promises tacit approval, a voucher
 * whose checks all pass is approved (audited as tacit); every other one is mailed to the office
 * once, with its file number and the day the term ended.
 */
async function voucherDecisionsPastTerm(now: Date, today: string) {
  let tacitlyApproved = 0;
  let officeTold = 0;
  const late = (await listVoucherDecisions({}, today)).filter((d) => d.overdue);
  for (const decision of late) {
    if (decision.tacitApproval && decision.eligibilityIssues.length === 0 && decision.relatedParty.length === 0) {
      // Refused only when the budget ran out or the engagement moved on: then the office decides.
      if ((await approveVoucherTacitly(decision.voucherId, decision.decideBy)).ok) {
        tacitlyApproved++;
        continue;
      }
    }
    if (decision.overdueNotifiedAt) continue;
    officeTold += await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(vouchers)
        .set({ overdueNotifiedAt: now })
        .where(and(eq(vouchers.id, decision.voucherId), eq(vouchers.status, "requested"), isNull(vouchers.overdueNotifiedAt)))
        .returning({ id: vouchers.id });
      if (!claimed) return 0;
      const office = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), isNull(users.deactivatedAt)));
      for (const { id } of office) {
        await notifyUser(tx, {
          userId: id,
          messageKey: "voucher.notice.overdue",
          subjectKey: "voucher.notice.overdueSubject",
          params: { dossier: decision.dossierNumber ?? "", business: decision.business, provider: decision.provider, voucher: decision.amountCents, date: decision.decideBy },
          moneyParams: ["voucher"],
          dateParams: ["date"],
          link: `/trajecten/${decision.engagementId}`,
        });
      }
      return 1;
    });
  }
  return { tacitlyApproved, officeTold };
}
