import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "~db/client";
import { bankTransactions, businesses, milestones, payments, programmes, refunds, vouchers } from "~db/schema";
import { enqueue } from "~/modules/notifications/index.server";
import { recordAudit } from "~/modules/reporting/index.server";
import { addLedger, voucherBalance } from "./ledger.server";
import { settle } from "./rules";
import { issueCreditNote } from "~/modules/invoices/index.server";

/*
 * The money of an engagement that ends: settle() (rules.ts) applied to the ledger, and what goes
 * back to the retailer recorded as a refund the payments module makes.
 */

/**
 * An engagement ends, completed or cancelled: the settlement (rules.ts) in the caller's transaction.
 * What the voucher reserved and no approved milestone used goes back to the budget; what the
 * retailer paid and no approved milestone used goes back to the retailer, through the way it came
 * (a card refund at Stripe, or a transfer the office makes from the refund list). The payout lines
 * of the approved milestones stay: their money is never refunded. Audited with every figure.
 */
export async function settleEngagement(tx: Executor, engagementId: string, actorId: string | null) {
  const [voucher] = await tx.select().from(vouchers).where(eq(vouchers.engagementId, engagementId)).for("update");
  if (!voucher) return null;
  if (voucher.status === "requested") {
    await tx.update(vouchers).set({ status: "expired", decidedAt: new Date() }).where(eq(vouchers.id, voucher.id));
    return null;
  }
  if (voucher.status !== "approved") return null;
  const steps = await tx.select({ priceCents: milestones.priceCents, status: milestones.status }).from(milestones).where(eq(milestones.engagementId, engagementId)).orderBy(asc(milestones.position));
  const settlement = settle({
    milestones: steps.map((m) => ({ priceCents: m.priceCents, approved: m.status === "approved" })),
    voucherCents: voucher.amountCents,
    vatBasisPoints: voucher.vatBasisPoints,
    paidCents: voucher.paidAt ? voucher.ownShareCents : 0,
  });
  const { reserved } = await voucherBalance(tx, voucher.id);
  // The ledger and the rule must agree: a difference is a defect to stop at, not money to guess.
  if (reserved !== settlement.budgetReleasedCents) throw new Error(`voucher ${voucher.id}: ${reserved} reserved, the settlement releases ${settlement.budgetReleasedCents}`);
  if (reserved > 0) {
    await tx.update(programmes).set({ committedCents: sql`${programmes.committedCents} - ${reserved}` }).where(eq(programmes.id, voucher.programmeId));
    await addLedger(tx, { programmeId: voucher.programmeId, voucherId: voucher.id, kind: "release", amountCents: reserved });
  }
  await tx.update(vouchers).set({ status: "closed" }).where(eq(vouchers.id, voucher.id));
  if (settlement.retailerRefundCents > 0) await refundRetailer(tx, voucher, settlement.retailerRefundCents);
  // What was invoiced and not delivered is credited, referring to the invoice.
  if (settlement.retailerRefundCents + settlement.budgetReleasedCents > 0) await issueCreditNote(tx, engagementId, settlement);
  await recordAudit(tx, { actorId, action: "voucher.settle", entityType: "voucher", entityId: voucher.id, data: { ...settlement } });
  return settlement;
}

/**
 * The retailer's unused own share goes back the way it came: to the card it was paid with, or by
 * transfer to the account it came from (the bank movement that paid it, else the business's IBAN).
 */
async function refundRetailer(tx: Executor, voucher: typeof vouchers.$inferSelect, amountCents: number) {
  const [card] = await tx.select({ id: payments.id }).from(payments).where(and(eq(payments.voucherId, voucher.id), eq(payments.status, "paid")));
  if (card) {
    await queueCardRefund(tx, { paymentId: card.id, voucherId: voucher.id, amountCents, reason: "settlement" });
    return;
  }
  const [movement] = await tx
    .select({ fingerprint: bankTransactions.fingerprint, iban: bankTransactions.counterpartyIban, name: bankTransactions.counterpartyName })
    .from(bankTransactions)
    .where(and(eq(bankTransactions.voucherId, voucher.id), inArray(bankTransactions.result, ["confirmed", "overpaid"])));
  const [business] = await tx.select({ iban: businesses.iban, name: businesses.name }).from(businesses).where(eq(businesses.id, voucher.businessId));
  // On the office's refund list until it is made.
  await tx.insert(refunds).values({
    method: "transfer",
    reason: "settlement",
    amountCents,
    voucherId: voucher.id,
    bankTransaction: movement?.fingerprint ?? null,
    counterpartyIban: movement?.iban ?? business.iban ?? null,
    counterpartyName: movement?.name || business.name,
  });
}

/** A card payment (part of it) back through Stripe: recorded as due and made by the outbox worker. */
export async function queueCardRefund(tx: Executor, refund: { paymentId: string; voucherId: string; amountCents: number; reason: string }) {
  const [row] = await tx.insert(refunds).values({ method: "card", ...refund }).returning({ id: refunds.id });
  await enqueue(tx, "payment.refund", { refundId: row.id });
  await recordAudit(tx, { actorId: null, action: "payment.refund_due", entityType: "payment", entityId: refund.paymentId, reason: refund.reason, data: { amountCents: refund.amountCents } });
  return row.id;
}
