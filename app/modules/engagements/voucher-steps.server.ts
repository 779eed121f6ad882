import { addDays, belgianDate } from "~/lib/dates";
import { env } from "~/lib/env.server";
import { and, eq, isNull } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { businesses, engagements, programmes, users, vouchers } from "~db/schema";
import { notifyUser } from "~/modules/notifications/index.server";
import { recordAudit } from "~/modules/reporting/index.server";
import { findVoucherDossier, nextPaymentReference, reserveBudget } from "~/modules/vouchers/index.server";
import { applyTransition, notifyParties, roleInEngagement } from "./engagements.server";
import { formatIban } from "~/modules/profiles/iban";
import { issueInvoice } from "~/modules/invoices/index.server";

/*
 * The voucher and own-share steps of an engagement: the programme office approves the voucher
 * (reserving budget), then confirms the retailer's transfer. Each moves the engagement on through
 * the transition table, in the same transaction.
 */

export type VoucherStepResult =
  | { ok: true }
  | { ok: false; error: "notFound" | "notAllowed" | "notEligible" | "budgetExhausted" | "reasonRequired" | "forbidden" | "justificationRequired"; issues?: string[] };

/** Only an active account of the programme office decides on vouchers and money, whoever calls. */
async function isOffice(executor: Executor, userId: string) {
  const [user] = await executor.select({ role: users.role }).from(users).where(and(eq(users.id, userId), isNull(users.deactivatedAt)));
  return user?.role === "admin";
}

/**
 * The office approves a voucher: the budget is reserved (never beyond the programme's), the
 * structured communication and due date set, and the engagement moves on, in one transaction. A
 * voucher flagged as a possible related-party deal needs a written justification, kept with it and
 * in the audit log.
 */
export function approveVoucher(adminId: string, voucherId: string, justification?: string): Promise<VoucherStepResult> {
  return db.transaction(async (tx) => {
    if (!(await isOffice(tx, adminId))) return { ok: false, error: "forbidden" };
    return approve(tx, voucherId, { adminId, justification });
  });
}

/**
 * Tacit approval at the end of the decision term, by the scheduler, where the programme promises it:
 * only a voucher whose checks all pass (eligible, no related-party flag, budget left), audited as
 * tacit with the term it waited for. Anything else stays for the office.
 */
export function approveVoucherTacitly(voucherId: string, decideBy: string): Promise<VoucherStepResult> {
  // The same checks as the office's approval; a related-party flag without a justification refuses.
  return db.transaction((tx) => approve(tx, voucherId, { adminId: null, decideBy }));
}

async function approve(tx: Executor, voucherId: string, by: { adminId: string; justification?: string } | { adminId: null; decideBy: string }): Promise<VoucherStepResult> {
  const { adminId } = by;
  const justification = "justification" in by ? by.justification : undefined;
  const [voucher] = await tx.select().from(vouchers).where(eq(vouchers.id, voucherId)).for("update");
  if (!voucher) return { ok: false, error: "notFound" };
  if (voucher.status !== "requested") return { ok: false, error: "notAllowed" };
  if (voucher.eligibilityIssues.length) return { ok: false, error: "notEligible", issues: voucher.eligibilityIssues };
  const why = justification?.trim() || null;
  if (voucher.relatedParty.length && (why?.length ?? 0) < 20) return { ok: false, error: "justificationRequired", issues: voucher.relatedParty };
  const [engagement] = await tx.select({ state: engagements.state }).from(engagements).where(eq(engagements.id, voucher.engagementId));
  if (engagement.state !== "awaiting_voucher") return { ok: false, error: "notAllowed" };
  if (!(await reserveBudget(tx, voucher))) return { ok: false, error: "budgetExhausted" };
  const [programme] = await tx.select({ paymentDays: programmes.paymentDays, iban: programmes.iban }).from(programmes).where(eq(programmes.id, voucher.programmeId));
  const due = addDays(belgianDate(), programme.paymentDays);
  const [approved] = await tx
    .update(vouchers)
    .set({ status: "approved", decidedBy: adminId, decidedAt: new Date(), paymentReference: await nextPaymentReference(tx), paymentDueOn: due, approvalJustification: voucher.relatedParty.length ? why : null })
    .where(eq(vouchers.id, voucherId))
    .returning({ paymentReference: vouchers.paymentReference });
  await recordAudit(tx, {
    actorId: adminId,
    action: adminId ? "voucher.approve" : "voucher.approve_tacit",
    entityType: "voucher",
    entityId: voucherId,
    fromState: "requested",
    toState: "approved",
    reason: voucher.relatedParty.length ? why : null,
    data: { amountCents: voucher.amountCents, ...(voucher.relatedParty.length ? { relatedParty: voucher.relatedParty } : {}), ...("decideBy" in by ? { decideBy: by.decideBy } : {}) },
  });
  // The retailer gets the approval with what to pay, below; the provider hears of the step.
  const moved = await applyTransition(tx, voucher.engagementId, "confirm_voucher", "system", undefined, { quietFor: ["retailer"] });
  if (!moved.ok) throw new Error(`voucher approved but the engagement could not move on: ${moved.error}`);
  // Everything the retailer needs to pay, in the e-mail itself: no need to sign in to read it.
  const [business] = await tx.select({ ownerId: businesses.ownerId, name: businesses.name }).from(businesses).where(eq(businesses.id, voucher.businessId));
  await notifyUser(tx, {
    userId: business.ownerId,
    messageKey: "voucher.notice.approved",
    subjectKey: "voucher.notice.approvedSubject",
    params: {
      business: business.name,
      voucher: voucher.amountCents,
      ownShare: voucher.ownShareCents,
      iban: formatIban(programme.iban),
      reference: approved.paymentReference ?? "",
      due,
      dossier: voucher.dossierNumber ?? "",
      letter: decisionLetterUrl(voucher.engagementId),
    },
    moneyParams: ["voucher", "ownShare"],
    dateParams: ["due"],
    link: `/trajecten/${voucher.engagementId}`,
    group: voucher.engagementId,
  });
  return { ok: true };
}

export async function rejectVoucher(adminId: string, voucherId: string, reason: string): Promise<VoucherStepResult> {
  if (!reason.trim()) return { ok: false, error: "reasonRequired" };
  return db.transaction(async (tx) => {
    if (!(await isOffice(tx, adminId))) return { ok: false, error: "forbidden" };
    const updated = await tx
      .update(vouchers)
      .set({ status: "rejected", decisionReason: reason.trim(), decidedBy: adminId, decidedAt: new Date() })
      .where(and(eq(vouchers.id, voucherId), eq(vouchers.status, "requested")))
      .returning({ engagementId: vouchers.engagementId });
    if (updated.length === 0) return { ok: false, error: "notAllowed" };
    await recordAudit(tx, { actorId: adminId, action: "voucher.reject", entityType: "voucher", entityId: voucherId, fromState: "requested", toState: "rejected", reason });
    // The provider hears it in the engagement's words; the retailer gets the decision with its letter.
    await notifyParties(tx, updated[0].engagementId, "admin", { key: "engagements.notice.voucherRejected", params: { reason }, quietFor: ["retailer"] });
    const file = (await findVoucherDossier(tx, { voucherId }))!;
    await notifyUser(tx, {
      userId: file.business.ownerId,
      messageKey: "voucher.notice.rejected",
      subjectKey: "voucher.notice.rejectedSubject",
      params: { business: file.business.name, reason: reason.trim(), dossier: file.voucher.dossierNumber ?? "" },
      // The mail's link is the letter itself.
      link: `/trajecten/${updated[0].engagementId}/beslissing`,
      group: updated[0].engagementId,
    });
    return { ok: true };
  });
}

/** The programme office saw the own share arrive (bank transfer): the engagement moves to intake. */
export function confirmOwnShare(adminId: string, voucherId: string): Promise<VoucherStepResult> {
  return db.transaction(async (tx) => ((await isOffice(tx, adminId)) ? recordOwnSharePaid(tx, adminId, voucherId) : { ok: false, error: "forbidden" }));
}

/**
 * The own share arrived, by bank transfer (the office confirms) or online (Stripe's webhook, actor
 * null): the voucher is paid and the engagement moves to intake, in the caller's transaction.
 */
export async function recordOwnSharePaid(tx: Executor, actorId: string | null, voucherId: string): Promise<VoucherStepResult> {
  const [current] = await tx
    .select({ state: engagements.state })
    .from(vouchers)
    .innerJoin(engagements, eq(engagements.id, vouchers.engagementId))
    .where(eq(vouchers.id, voucherId));
  if (current?.state !== "awaiting_contribution") return { ok: false, error: "notAllowed" };
  const paid = await tx
    .update(vouchers)
    .set({ paidAt: new Date() })
    .where(and(eq(vouchers.id, voucherId), eq(vouchers.status, "approved"), isNull(vouchers.paidAt)))
    .returning({ engagementId: vouchers.engagementId });
  if (paid.length === 0) return { ok: false, error: "notAllowed" };
  await recordAudit(tx, { actorId, action: "payment.confirm", entityType: "voucher", entityId: voucherId });
  // The retailer's mail is the receipt, not also "the engagement is now at: Intake".
  const moved = await applyTransition(tx, paid[0].engagementId, "confirm_contribution", "system", undefined, { quietFor: ["retailer"] });
  if (!moved.ok) throw new Error(`payment confirmed but the engagement could not move on: ${moved.error}`);
  const receipt = (await findVoucherDossier(tx, { voucherId }))!;
  await notifyUser(tx, {
    userId: receipt.business.ownerId,
    messageKey: "voucher.notice.receipt",
    subjectKey: "voucher.notice.receiptSubject",
    params: { amount: receipt.voucher.ownShareCents, date: belgianDate(), business: receipt.business.name, provider: receipt.provider.companyName, reference: receipt.voucher.paymentReference ?? "" },
    moneyParams: ["amount"],
    dateParams: ["date"],
    link: `/trajecten/${paid[0].engagementId}`,
    group: paid[0].engagementId,
  });
  // The advance payment makes the VAT due: the provider's invoice is issued now, everything paid.
  await issueInvoice(tx, paid[0].engagementId);
  return { ok: true };
}

/**
 * The own share was taken back by the payer's bank (a card chargeback): it is no longer credited,
 * so no payout line counts on it, and the engagement stops in "disputed" for the office, in the
 * caller's transaction. Returns the engagement.
 */
export async function recordOwnShareDisputed(tx: Executor, voucherId: string, reason: string) {
  const [voucher] = await tx.update(vouchers).set({ paidAt: null }).where(eq(vouchers.id, voucherId)).returning({ engagementId: vouchers.engagementId });
  if (!voucher) return null;
  await recordAudit(tx, { actorId: null, action: "payment.uncredit", entityType: "voucher", entityId: voucherId, reason });
  const moved = await applyTransition(tx, voucher.engagementId, "dispute", "system", `Betaling betwist bij de bank van de betaler (${reason}).`);
  // Not yet started or already ended: the engagement keeps its state; the office's queue has the event.
  if (!moved.ok && moved.error !== "notAllowed") throw new Error(`chargeback on ${voucherId} could not stop the engagement: ${moved.error}`);
  return voucher.engagementId;
}

const decisionLetterUrl = (engagementId: string) => `${env.APP_URL}/trajecten/${engagementId}/beslissing`;

/** The voucher of an engagement, for the parties and the programme office. */
export async function getVoucherOfEngagement(engagementId: string) {
  const [row] = await db
    .select({ voucher: vouchers, programme: programmes.name, iban: programmes.iban, bic: programmes.bic, business: businesses.name })
    .from(vouchers)
    .innerJoin(programmes, eq(programmes.id, vouchers.programmeId))
    .innerJoin(engagements, eq(engagements.id, vouchers.engagementId))
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .where(eq(vouchers.engagementId, engagementId));
  return row ?? null;
}

/**
 * The office's decision on a voucher as a letter, for the retailer who asked and the office: the
 * file number, the date, the decision and its reasons, and for an approval what to pay and how.
 * Null for anyone else, and while nothing is decided.
 */
export async function getDecisionLetter(engagementId: string, viewer: { id: string; role: string }) {
  const role = await roleInEngagement(db, engagementId, viewer);
  if (role !== "retailer" && role !== "admin") return null;
  const row = await findVoucherDossier(db, { engagementId });
  if (!row?.voucher.decidedAt || row.voucher.status === "requested" || row.voucher.status === "expired") return null;
  const approved = row.voucher.status !== "rejected";
  return {
    approved,
    // Approved by the scheduler at the end of the term, where the programme promises it.
    tacit: approved && !row.voucher.decidedBy,
    dossierNumber: row.voucher.dossierNumber,
    decidedOn: belgianDate(row.voucher.decidedAt),
    programme: row.programme.name,
    business: row.business.name,
    address: [row.business.street, row.business.postalCode].filter(Boolean).join(", "),
    provider: row.provider.companyName,
    priceCents: row.priceCents,
    voucherCents: row.voucher.amountCents,
    ownShareCents: row.voucher.ownShareCents,
    rateBasisPoints: row.voucher.rateBasisPoints,
    reason: approved ? null : row.voucher.decisionReason,
    payment: approved ? { iban: row.programme.iban, reference: row.voucher.paymentReference, dueOn: row.voucher.paymentDueOn } : null,
  };
}
