import { belgianDate } from "~/lib/dates";
import { and, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { cents, db, queryRows, type Executor } from "~db/client";
import { budgetLedger, businesses, engagements, payoutLines, programmes, providers, users, vouchers, type LedgerKind } from "~db/schema";
import { notifyUser } from "~/modules/notifications/index.server";
import { hasValidIban } from "~/modules/profiles/iban";
import { recordAudit } from "~/modules/reporting/index.server";
import { findRelatedParty } from "./related-party";
import type { ProgrammeInput } from "./schemas";
import { currentSettings } from "~/modules/settings/index.server";
import { eligibilityIssues, milestonePayout, ownShare, structuredCommunication, vatRateFor, voucherAmount, withVat } from "./rules";
import type { VatStatus } from "~/modules/profiles/taxonomy";

/** The ledger's sums for the given programmes (all of them when none are named), in one pass. */
export async function ledgerSums(executor: Executor, programmeIds?: string[]) {
  const rows = await queryRows<{ programme_id: string; reserve: string | number; release: string | number; redeem: string | number }>(
    executor,
    sql`select programme_id,
               coalesce(sum(amount_cents) filter (where kind = 'reserve'), 0)::bigint as reserve,
               coalesce(sum(amount_cents) filter (where kind = 'release'), 0)::bigint as release,
               coalesce(sum(amount_cents) filter (where kind = 'redeem'), 0)::bigint as redeem
        from budget_ledger
        ${programmeIds ? sql`where programme_id in (${sql.join(programmeIds.map((id) => sql`${id}`), sql`, `)})` : sql``}
        group by programme_id`,
  );
  return new Map(rows.map((r) => [r.programme_id, r]));
}

/** The programme's figures, from the ledger alone. */
export async function getProgrammeBudget(executor: Executor, programmeId: string) {
  const [programme] = await executor.select().from(programmes).where(eq(programmes.id, programmeId));
  if (!programme) return null;
  return budgetFigures(programme, (await ledgerSums(executor, [programmeId])).get(programmeId));
}

export function budgetFigures(programme: { budgetCents: number; committedCents: number }, sums: { reserve: string | number; release: string | number; redeem: string | number } = { reserve: 0, release: 0, redeem: 0 }) {
  const redeemedCents = cents(sums.redeem);
  const reservedCents = cents(sums.reserve) - cents(sums.release) - redeemedCents;
  return {
    budgetCents: programme.budgetCents,
    reservedCents,
    redeemedCents,
    availableCents: programme.budgetCents - reservedCents - redeemedCents,
    /** The guard column; equals reserved + redeemed when the books are right. */
    committedCents: programme.committedCents,
  };
}

/** The programme's figures for the API and the dashboard. */
export function getProgrammeBudgetFigures(programmeId: string) {
  return getProgrammeBudget(db, programmeId);
}

/**
 * What each price comes to today, for the bid comparison before accepting: incl. VAT, and the
 * voucher and own share if a programme is open (null otherwise). One programme look-up for all bids.
 */
export async function estimateVouchers(bids: { priceCents: number; vatStatus: VatStatus }[]) {
  const programme = await currentProgramme(db, belgianDate());
  return bids.map(({ priceCents, vatStatus }) => {
    const vatBasisPoints = vatRateFor(vatStatus, currentSettings().vatBasisPoints);
    const amountCents = programme ? voucherAmount(priceCents, programme) : null;
    return {
      priceInclVatCents: withVat(priceCents, vatBasisPoints),
      voucher: amountCents === null ? null : { amountCents, ownShareCents: ownShare(priceCents, amountCents, vatBasisPoints) },
    };
  });
}

/** The programme a new voucher comes from: the newest whose window is open today. */
async function currentProgramme(tx: Executor, today: string) {
  const [programme] = await tx
    .select()
    .from(programmes)
    .where(and(lte(programmes.opensOn, today), gte(programmes.closesOn, today)))
    .orderBy(desc(programmes.createdAt))
    .limit(1);
  return programme ?? null;
}

/**
 * Requested when a bid is accepted, in that transaction: the amount by the programme's rule, with
 * the rates it was computed with, the eligibility issues (with reasons) and the related-party
 * reasons the admin will see. Null when no programme is open.
 */
export async function requestVoucher(
  tx: Executor,
  input: { engagementId: string; businessId: string; providerId: string; priceCents: number; providerApproved: boolean; declaredNoDoubleFunding: Date },
) {
  const today = belgianDate();
  const programme = await currentProgramme(tx, today);
  if (!programme) return null;
  const [business] = await tx.select({ sector: businesses.sector, nisCode: businesses.nisCode }).from(businesses).where(eq(businesses.id, input.businessId));
  const [{ n }] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from vouchers where business_id = ${input.businessId} and programme_id = ${programme.id} and status in ('requested', 'approved', 'closed')`,
  );
  const amountCents = voucherAmount(input.priceCents, programme);
  // The provider's VAT status as it is today, frozen on the voucher with the rate.
  const [provider] = await tx.select({ vatStatus: providers.vatStatus }).from(providers).where(eq(providers.id, input.providerId));
  const vatBasisPoints = vatRateFor(provider.vatStatus, currentSettings().vatBasisPoints);
  const [{ n: dossier }] = await queryRows<{ n: string | number }>(tx, sql`select nextval('voucher_dossier_seq') as n`);
  const [voucher] = await tx
    .insert(vouchers)
    .values({
      dossierNumber: `V-${today.slice(0, 4)}-${String(dossier).padStart(6, "0")}`,
      programmeId: programme.id,
      engagementId: input.engagementId,
      businessId: input.businessId,
      amountCents,
      ownShareCents: ownShare(input.priceCents, amountCents, vatBasisPoints),
      rateBasisPoints: programme.rateBasisPoints,
      vatBasisPoints,
      relatedParty: await relatedPartyOf(tx, input.businessId, input.providerId),
      eligibilityIssues: eligibilityIssues(programme, { ...business, today, vouchersAlready: Number(n), providerApproved: input.providerApproved }),
      noDoubleFundingDeclaredAt: input.declaredNoDoubleFunding,
    })
    .returning({ id: vouchers.id });
  return voucher.id;
}

/** The related-party reasons between a business and a provider, from their profiles and accounts. */
async function relatedPartyOf(tx: Executor, businessId: string, providerId: string) {
  const [business] = await tx
    .select({ enterpriseNumber: businesses.enterpriseNumber, iban: businesses.iban, phone: businesses.phone, street: businesses.street, postalCode: businesses.postalCode, userId: users.id, email: users.email, name: users.name })
    .from(businesses)
    .innerJoin(users, eq(users.id, businesses.ownerId))
    .where(eq(businesses.id, businessId));
  const [provider] = await tx
    .select({ enterpriseNumber: providers.enterpriseNumber, vatNumber: providers.vatNumber, iban: providers.iban, phone: providers.phone, street: providers.street, postalCode: providers.postalCode, userId: users.id, email: users.email, name: users.name })
    .from(providers)
    .innerJoin(users, eq(users.id, providers.userId))
    .where(eq(providers.id, providerId));
  return business && provider ? findRelatedParty(business, provider) : [];
}

/**
 * A provider changed something the related-party check reads (the IBAN: the textbook diversion
 * is paying a voucher to the customer's own account): every voucher of theirs still open is checked
 * again, in the caller's transaction. New reasons are added to the voucher (a requested one then
 * needs a written justification to be approved) and audited for the office.
 */
export async function recheckRelatedParties(tx: Executor, providerId: string, actorId: string) {
  const open = await tx
    .select({ id: vouchers.id, businessId: vouchers.businessId, relatedParty: vouchers.relatedParty })
    .from(vouchers)
    .innerJoin(engagements, eq(engagements.id, vouchers.engagementId))
    .where(and(eq(engagements.providerId, providerId), inArray(vouchers.status, ["requested", "approved"])));
  const flagged: { voucherId: string; reasons: string[] }[] = [];
  for (const voucher of open) {
    const reasons = await relatedPartyOf(tx, voucher.businessId, providerId);
    const added = reasons.filter((r) => !voucher.relatedParty.includes(r));
    if (added.length === 0) continue;
    await tx.update(vouchers).set({ relatedParty: [...voucher.relatedParty, ...added] }).where(eq(vouchers.id, voucher.id));
    await recordAudit(tx, { actorId, action: "voucher.related_party", entityType: "voucher", entityId: voucher.id, data: { relatedParty: added } });
    flagged.push({ voucherId: voucher.id, reasons: added });
  }
  return flagged;
}

export async function addLedger(tx: Executor, entry: { programmeId: string; voucherId: string; kind: LedgerKind; amountCents: number }) {
  if (entry.amountCents > 0) await tx.insert(budgetLedger).values(entry);
}

/**
 * Reserves the voucher's amount: one conditional update that only succeeds while the budget
 * allows it (and a CHECK constraint behind it), so concurrent approvals can never overspend.
 */
export async function reserveBudget(tx: Executor, voucher: { id: string; programmeId: string; amountCents: number }) {
  const reserved = await tx
    .update(programmes)
    .set({ committedCents: sql`${programmes.committedCents} + ${voucher.amountCents}` })
    .where(and(eq(programmes.id, voucher.programmeId), sql`${programmes.committedCents} + ${voucher.amountCents} <= ${programmes.budgetCents}`))
    .returning({ id: programmes.id });
  if (reserved.length === 0) return false;
  await addLedger(tx, { programmeId: voucher.programmeId, voucherId: voucher.id, kind: "reserve", amountCents: voucher.amountCents });
  return true;
}

/** This voucher's movements so far. */
export async function voucherBalance(tx: Executor, voucherId: string) {
  const [sums] = await queryRows<{ reserve: string | number; release: string | number; redeem: string | number }>(
    tx,
    sql`select coalesce(sum(amount_cents) filter (where kind = 'reserve'), 0)::bigint as reserve,
               coalesce(sum(amount_cents) filter (where kind = 'release'), 0)::bigint as release,
               coalesce(sum(amount_cents) filter (where kind = 'redeem'), 0)::bigint as redeem
        from budget_ledger where voucher_id = ${voucherId}`,
  );
  return { reserved: cents(sums.reserve) - cents(sums.release) - cents(sums.redeem), redeemed: cents(sums.redeem) };
}

/**
 * An approved milestone makes its share of the voucher payable (reserved becomes redeemed) and
 * owes the provider two payout lines: that voucher share, and their part of the own share the
 * programme collected (the rest of the milestone's price, plus its VAT).
 */
export async function redeemShare(tx: Executor, milestone: { id: string; engagementId: string; position: number }, milestonePrices: number[]) {
  const [voucher] = await tx.select().from(vouchers).where(and(eq(vouchers.engagementId, milestone.engagementId), eq(vouchers.status, "approved")));
  if (!voucher) return 0;
  // With the VAT rate the own share was computed with, not the setting in force today.
  const { voucherShare: share, ownSharePart } = milestonePayout(milestonePrices, milestone.position, voucher.amountCents, voucher.vatBasisPoints);
  const { reserved } = await voucherBalance(tx, voucher.id);
  if (reserved < share) throw new Error(`voucher ${voucher.id}: ${reserved} reserved, milestone ${milestone.position} redeems ${share}`);
  await addLedger(tx, { programmeId: voucher.programmeId, voucherId: voucher.id, kind: "redeem", amountCents: share });
  const [engagement] = await tx.select({ providerId: engagements.providerId }).from(engagements).where(eq(engagements.id, milestone.engagementId));
  const lines = [
    { kind: "voucher_share" as const, amountCents: share },
    // Only money the programme holds: the own share once it has been paid (settle() counts the same).
    { kind: "own_share" as const, amountCents: voucher.paidAt ? ownSharePart : 0 },
  ].filter((l) => l.amountCents > 0);
  if (lines.length) {
    const inserted = await tx
      .insert(payoutLines)
      .values(lines.map((l) => ({ ...l, providerId: engagement.providerId, engagementId: milestone.engagementId, milestoneId: milestone.id })))
      .onConflictDoNothing()
      .returning({ amountCents: payoutLines.amountCents });
    // Money waits for a provider without a valid IBAN: they are told at once, not when they wonder.
    const [provider] = await tx.select({ userId: providers.userId, iban: providers.iban }).from(providers).where(eq(providers.id, engagement.providerId));
    if (inserted.length && !hasValidIban(provider.iban)) {
      await notifyUser(tx, { userId: provider.userId, messageKey: "payouts.notice.noIban", subjectKey: "payouts.notice.noIbanSubject", link: "/aanbieder/profiel" });
    }
  }
  return share;
}

/** The next structured communication, numbered by a database sequence: unique by construction. */
export async function nextPaymentReference(tx: Executor) {
  const [{ n }] = await queryRows<{ n: number }>(tx, sql`select nextval('payment_reference_seq')::bigint as n`);
  return structuredCommunication(Number(n));
}

export async function listProgrammes() {
  return db.select().from(programmes).orderBy(desc(programmes.createdAt));
}

/** A new programme; the office's decision is audited. */
export async function createProgramme(adminId: string, input: ProgrammeInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(programmes)
      .values({
        name: input.name,
        budgetCents: input.budget,
        rateBasisPoints: input.rate,
        capCents: input.cap,
        eligibleSectors: input.sectors,
        eligibleNisCodes: input.municipalities,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        maxVouchersPerBusiness: input.maxVouchersPerBusiness,
        paymentDays: input.paymentDays,
        decisionDays: input.decisionDays,
        tacitApproval: input.tacitApproval,
        iban: input.iban,
        bic: input.bic ?? null,
      })
      .returning({ id: programmes.id });
    await recordAudit(tx, { actorId: adminId, action: "programme.create", entityType: "programme", entityId: row.id, data: { name: input.name, budgetCents: input.budget } });
    return row.id;
  });
}

/** Every programme with its figures from the ledger, for the office. */
export async function listProgrammesWithBudget() {
  const [rows, sums] = await Promise.all([listProgrammes(), ledgerSums(db)]);
  return rows.map((p) => ({ ...p, budget: budgetFigures(p, sums.get(p.id)) }));
}
