import { and, count, desc, eq, inArray, isNull, notInArray, or } from "drizzle-orm";
import type Stripe from "stripe";
import { db, type Executor } from "~db/client";
import { payments, refundBatches, refunds, vouchers, type RefundStatus } from "~db/schema";
import { hasValidIban, parseIban } from "~/modules/profiles/iban";
import { recordAudit } from "~/modules/reporting/index.server";
import { executionDateFor, programmeAccounts } from "./payouts.server";
import { sepaCreditTransfer } from "./sepa";

/*
 * Refunds as work with an end. The vouchers module records what goes back (a bank movement that
 * cannot be kept, the unused own share of an engagement that ended early, a card payment that came
 * too late); this is where they are made: a transfer by the office, in a SEPA refund file or by hand
 * with a note, a card refund by Stripe, with Stripe's status. Every step is audited.
 */

/** Statuses after which nothing more happens to a refund. */
const finished: RefundStatus[] = ["done", "succeeded", "canceled"];

/**
 * Refunds still waiting, the one definition the refund list, the payments page and the dashboard
 * count by: transfers the office has to make, and card refunds Stripe has not finished (due,
 * pending, waiting for the customer, failed).
 */
const waiting = or(and(eq(refunds.method, "transfer"), eq(refunds.status, "due")), and(eq(refunds.method, "card"), notInArray(refunds.status, finished)));

export async function countRefundsWaiting() {
  const [row] = await db.select({ n: count() }).from(refunds).where(waiting);
  return row.n;
}

/** The office's list: what is still to do and the latest made. */
export async function listRefunds() {
  const open = await db.select().from(refunds).where(waiting).orderBy(refunds.createdAt);
  const made = await db.select().from(refunds).where(inArray(refunds.status, ["done", "succeeded"])).orderBy(desc(refunds.doneAt)).limit(20);
  return {
    transfersDue: open.filter((r) => r.method === "transfer").map((r) => ({ ...r, ibanValid: hasValidIban(r.counterpartyIban) })),
    cardOpen: open.filter((r) => r.method === "card"),
    made,
    batches: await db.select().from(refundBatches).orderBy(desc(refundBatches.createdAt)).limit(10),
  };
}

export type RefundResult = { ok: true } | { ok: false; error: "notFound" | "notAllowed" | "noteRequired" | "nothingToRefund" };

/** The office made a transfer refund by hand (or the bank did it otherwise): done, with how, audited. */
export async function markRefundDone(adminId: string, refundId: string, note: string): Promise<RefundResult> {
  const how = note.trim();
  if (how.length < 3) return { ok: false, error: "noteRequired" };
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(refunds)
      .set({ status: "done", note: how, doneBy: adminId, doneAt: new Date() })
      .where(and(eq(refunds.id, refundId), eq(refunds.method, "transfer"), eq(refunds.status, "due")))
      .returning({ amountCents: refunds.amountCents });
    if (!done) return { ok: false, error: (await tx.select({ id: refunds.id }).from(refunds).where(eq(refunds.id, refundId))).length ? "notAllowed" : "notFound" };
    await recordAudit(tx, { actorId: adminId, action: "refund.done", entityType: "refund", entityId: refundId, fromState: "due", toState: "done", reason: how, data: { amountCents: done.amountCents } });
    return { ok: true };
  });
}

/**
 * Every due transfer refund with a valid IBAN in one SEPA file, made and marked done in one
 * transaction (two clicks make one file): the office uploads it to the programme's bank. Each is
 * paid from the programme account of its voucher, or the newest programme's when it has none.
 */
export async function createRefundBatch(adminId: string): Promise<{ ok: true; batchId: string } | { ok: false; error: "nothingToRefund" }> {
  return db.transaction(async (tx) => {
    const due = (
      await tx
        .select({ refund: refunds, programmeId: vouchers.programmeId })
        .from(refunds)
        .leftJoin(vouchers, eq(vouchers.id, refunds.voucherId))
        .where(and(eq(refunds.method, "transfer"), eq(refunds.status, "due"), isNull(refunds.batchId)))
        .for("update", { of: refunds })
    ).filter((r) => hasValidIban(r.refund.counterpartyIban));
    if (due.length === 0) return { ok: false as const, error: "nothingToRefund" as const };
    const debtorOf = await programmeAccounts(tx);
    const debtors = [...new Map(due.map((r) => debtorOf(r.programmeId)).filter((d) => d !== null).map((d) => [d.programmeId, d])).values()];
    const totalCents = due.reduce((sum, r) => sum + r.refund.amountCents, 0);
    const [batch] = await tx.insert(refundBatches).values({ createdBy: adminId, debtors, totalCents }).returning({ id: refundBatches.id });
    await tx
      .update(refunds)
      .set({ status: "done", batchId: batch.id, doneBy: adminId, doneAt: new Date() })
      .where(inArray(refunds.id, due.map((r) => r.refund.id)));
    await recordAudit(tx, { actorId: adminId, action: "refund.batch", entityType: "refund_batch", entityId: batch.id, data: { totalCents, refunds: due.length } });
    return { ok: true as const, batchId: batch.id };
  });
}

/** A refund file as pain.001.001.03, from what its refunds and the batch stored when it was made. */
export async function refundBatchXml(batchId: string, now = new Date()) {
  const [batch] = await db.select().from(refundBatches).where(eq(refundBatches.id, batchId));
  if (!batch) return null;
  const rows = await db
    .select({ refund: refunds, programmeId: vouchers.programmeId, reference: vouchers.paymentReference })
    .from(refunds)
    .leftJoin(vouchers, eq(vouchers.id, refunds.voucherId))
    .where(eq(refunds.batchId, batchId))
    .orderBy(refunds.createdAt, refunds.id);
  const debtorOf = (programmeId: string | null) => batch.debtors.find((d) => d.programmeId === programmeId) ?? batch.debtors[0] ?? null;
  const blocks = [...new Set(rows.map((r) => debtorOf(r.programmeId)?.programmeId ?? ""))];
  return sepaCreditTransfer({
    messageId: `KOPPEL-RF-${batchId.replace(/-/g, "").slice(0, 24)}`,
    createdAt: batch.createdAt,
    executionDate: executionDateFor(batch.createdAt, now),
    blocks: blocks.map((programmeId, blockIndex) => {
      const own = rows.filter((r) => (debtorOf(r.programmeId)?.programmeId ?? "") === programmeId);
      return {
        paymentInfoId: `REFUND-${batchId.slice(0, 24)}-${blockIndex + 1}`,
        debtor: debtorOf(own[0]?.programmeId ?? null),
        transfers: own.map((r, i) => ({
          endToEndId: `KOPPEL-RF-${batchId.slice(0, 8)}-${blockIndex + 1}-${i + 1}`,
          amountCents: r.refund.amountCents,
          name: r.refund.counterpartyName,
          iban: parseIban(r.refund.counterpartyIban ?? "") ?? "",
          remittance: `Koppel terugbetaling ${r.reference ?? ""}`.trim(),
        })),
      };
    }),
  });
}

/**
 * A card refund from Stripe's answer or event: its status as Stripe gives it (a refund can be
 * pending, wait for the customer, fail or be canceled, not only succeed). A refund made in Stripe's
 * dashboard, which Koppel never asked for, is recorded too, against the payment it refunds.
 */
export async function recordStripeRefund(tx: Executor, refund: Pick<Stripe.Refund, "id" | "amount" | "status" | "payment_intent">, refundId?: string) {
  const status = (refund.status ?? "pending") as RefundStatus;
  const [known] = refundId
    ? await tx.select().from(refunds).where(eq(refunds.id, refundId))
    : await tx.select().from(refunds).where(eq(refunds.stripeRefundId, refund.id));
  const intent = typeof refund.payment_intent === "string" ? refund.payment_intent : (refund.payment_intent?.id ?? null);
  const [payment] = intent ? await tx.select().from(payments).where(eq(payments.paymentIntentId, intent)) : [];
  if (!known && !payment) return null;
  const [row] = known
    ? await tx.update(refunds).set({ stripeRefundId: refund.id, status, doneAt: status === "succeeded" ? new Date() : null }).where(eq(refunds.id, known.id)).returning()
    : await tx
        .insert(refunds)
        .values({ method: "card", reason: "stripeDashboard", amountCents: refund.amount, voucherId: payment.voucherId, paymentId: payment.id, stripeRefundId: refund.id, status, doneAt: status === "succeeded" ? new Date() : null })
        .returning();
  if (known?.status !== status) {
    await recordAudit(tx, { actorId: null, action: "payment.refunded", entityType: "payment", entityId: row.paymentId ?? row.id, fromState: known?.status ?? null, toState: status, data: { refundId: refund.id, amountCents: refund.amount } });
  }
  // The payment is "refunded" only when all of it came back.
  const paymentId = row.paymentId;
  if (paymentId && status === "succeeded") {
    const back = await tx.select({ amountCents: refunds.amountCents }).from(refunds).where(and(eq(refunds.paymentId, paymentId), eq(refunds.status, "succeeded")));
    const [paid] = await tx.select({ amountCents: payments.amountCents }).from(payments).where(eq(payments.id, paymentId));
    if (back.reduce((sum, r) => sum + r.amountCents, 0) >= paid.amountCents) await tx.update(payments).set({ status: "refunded", updatedAt: new Date() }).where(eq(payments.id, paymentId));
  }
  return row;
}
