import { csvEuros, toExcelCsv } from "~/lib/csv";
import { and, desc, eq, inArray, isNotNull, isNull, sql, TransactionRollbackError, type SQL } from "drizzle-orm";
import { cents, db, type Executor } from "~db/client";
import { businesses, engagements, helpRequests, milestones, payoutBatches, payoutLines, programmes, providers, vouchers, type PayoutDebtor } from "~db/schema";
import { belgianDate, nextBelgianBankingDay } from "~/lib/dates";
import { sepaCreditTransfer } from "./sepa";
import { notifyUser } from "~/modules/notifications/index.server";
import { hasValidIban, maskedIban, parseIban } from "~/modules/profiles/iban";
import { recordAudit } from "~/modules/reporting/index.server";

/**
 * Payout lines with what they are for (the provider, the engagement's business and request, the
 * milestone) and the date their batch paid them: the office's payouts page and the provider's
 * earnings read the same rows.
 */
function payoutLineRows(where: SQL) {
  return db
    .select({
      providerId: payoutLines.providerId,
      engagementId: payoutLines.engagementId,
      business: businesses.name,
      title: helpRequests.title,
      milestoneId: payoutLines.milestoneId,
      position: milestones.position,
      phase: milestones.phase,
      kind: payoutLines.kind,
      amountCents: payoutLines.amountCents,
      earnedAt: payoutLines.createdAt,
      batchId: payoutLines.batchId,
      paidAt: payoutBatches.paidAt,
    })
    .from(payoutLines)
    .innerJoin(providers, eq(providers.id, payoutLines.providerId))
    .innerJoin(engagements, eq(engagements.id, payoutLines.engagementId))
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .innerJoin(helpRequests, eq(helpRequests.id, engagements.helpRequestId))
    .innerJoin(milestones, eq(milestones.id, payoutLines.milestoneId))
    .leftJoin(payoutBatches, eq(payoutBatches.id, payoutLines.batchId))
    .where(where);
}

/** What the programme owes each provider now: lines not yet in a paid batch. */
export async function listPayables() {
  const rows = await db
    .select({
      providerId: payoutLines.providerId,
      name: providers.companyName,
      iban: providers.iban,
      ibanHoldSince: providers.ibanHoldSince,
      totalCents: sql<number>`sum(${payoutLines.amountCents})::bigint`.mapWith(cents),
      lines: sql<number>`count(*)::int`,
    })
    .from(payoutLines)
    .innerJoin(providers, eq(providers.id, payoutLines.providerId))
    .where(isNull(payoutLines.batchId))
    .groupBy(payoutLines.providerId, providers.companyName, providers.iban, providers.ibanHoldSince)
    .orderBy(providers.companyName);
  // A changed IBAN that is a customer's own account is the diversion to look for before confirming.
  const customers = await db
    .selectDistinct({ providerId: engagements.providerId, business: businesses.name })
    .from(engagements)
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .innerJoin(providers, eq(providers.id, engagements.providerId))
    .where(and(isNotNull(providers.ibanHoldSince), sql`upper(replace(${businesses.iban}, ' ', '')) = upper(replace(${providers.iban}, ' ', ''))`));
  // What each provider's total is made of, for the office to open before it pays.
  const lines = await payoutLineRows(isNull(payoutLines.batchId)).orderBy(businesses.name, milestones.position, payoutLines.kind);
  // Ready: a valid IBAN that is not waiting for the office to confirm a change.
  return rows.map((r) => ({
    ...r,
    ibanValid: hasValidIban(r.iban),
    ready: hasValidIban(r.iban) && r.ibanHoldSince === null,
    ibanOfCustomers: customers.filter((c) => c.providerId === r.providerId).map((c) => c.business),
    detail: lines.filter((l) => l.providerId === r.providerId),
  }));
}

export async function listPayoutBatches() {
  return db.select().from(payoutBatches).orderBy(desc(payoutBatches.paidAt)).limit(50);
}

/**
 * The programme accounts as they stand now, and which one pays a line: the programme whose voucher
 * funded the engagement, or the newest programme's for an engagement without a voucher.
 */
export async function programmeAccounts(executor: Executor) {
  const accounts = await executor.select({ programmeId: programmes.id, name: programmes.name, iban: programmes.iban, bic: programmes.bic }).from(programmes).orderBy(desc(programmes.createdAt));
  return (programmeId: string | null): PayoutDebtor | null => accounts.find((a) => a.programmeId === programmeId) ?? accounts[0] ?? null;
}

/**
 * Pays what is owed in one batch: every open line of providers with a valid IBAN. Providers
 * without one stay owed (and are named), so no money goes to an account that cannot be right. The
 * accounts paid from are stored on the batch, so its file can be downloaded again unchanged.
 */
export async function createPayoutBatch(adminId: string) {
  const payables = await listPayables();
  const payable = payables.filter((p) => p.ready);
  const nothingToPay = { ok: false as const, error: "nothingToPay" as const, skipped: payables.map((p) => p.name) };
  if (payable.length === 0) return nothingToPay;
  return db.transaction(async (tx) => {
    const ids = payable.map((p) => p.providerId);
    const total = payable.reduce((sum, p) => sum + p.totalCents, 0);
    const debtorOf = await programmeAccounts(tx);
    const funding = await tx
      .selectDistinct({ programmeId: vouchers.programmeId })
      .from(payoutLines)
      .leftJoin(vouchers, eq(vouchers.engagementId, payoutLines.engagementId))
      .where(and(isNull(payoutLines.batchId), inArray(payoutLines.providerId, ids)));
    const debtors = [...new Map(funding.flatMap(({ programmeId }) => [debtorOf(programmeId)].filter((d) => d !== null).map((d) => [d.programmeId, d] as const))).values()];
    // Who is paid and to which account, as they are now: the file never follows a later edit.
    const creditors = payable.map((p) => ({ providerId: p.providerId, name: p.name, iban: parseIban(p.iban ?? "")! }));
    const [batch] = await tx.insert(payoutBatches).values({ createdBy: adminId, totalCents: total, debtors, creditors }).returning({ id: payoutBatches.id });
    const marked = await tx
      .update(payoutLines)
      .set({ batchId: batch.id })
      .where(and(isNull(payoutLines.batchId), inArray(payoutLines.providerId, ids)))
      .returning({ amountCents: payoutLines.amountCents, providerId: payoutLines.providerId });
    // A second click at the same moment waited for the first one's lines and found none left: no
    // empty batch (its file would fail the schema), the first click's batch is the one.
    if (marked.length === 0) return tx.rollback();
    // Lines added between the read and this update join the batch too: the total follows the lines.
    const markedTotal = marked.reduce((sum, l) => sum + l.amountCents, 0);
    if (markedTotal !== total) await tx.update(payoutBatches).set({ totalCents: markedTotal }).where(eq(payoutBatches.id, batch.id));
    await recordAudit(tx, { actorId: adminId, action: "payout.batch", entityType: "payout_batch", entityId: batch.id, data: { totalCents: markedTotal, providers: ids.length } });
    // Each provider hears what is on its way, to which account and from when: their money, in view.
    const executionDate = nextBelgianBankingDay(belgianDate());
    for (const providerId of new Set(marked.map((l) => l.providerId))) {
      const amount = marked.filter((l) => l.providerId === providerId).reduce((sum, l) => sum + l.amountCents, 0);
      const [paid] = await tx.select({ userId: providers.userId }).from(providers).where(eq(providers.id, providerId));
      const account = creditors.find((c) => c.providerId === providerId)?.iban ?? "";
      await notifyUser(tx, {
        userId: paid.userId,
        messageKey: "payouts.notice.paid",
        subjectKey: "payouts.notice.paidSubject",
        params: { amount, date: executionDate, account: maskedIban(account) },
        moneyParams: ["amount"],
        dateParams: ["date"],
        link: "/aanbieder/verdiensten",
      });
    }
    return { ok: true as const, batchId: batch.id, skipped: payables.filter((p) => !p.ready).map((p) => p.name) };
  }).catch((error: unknown) => {
    if (error instanceof TransactionRollbackError) return nothingToPay;
    throw error;
  });
}

/** A batch's transfers, one per provider and account paid from, with the debtors stored on it. */
async function batchTransfers(batchId: string) {
  const [batch] = await db.select().from(payoutBatches).where(eq(payoutBatches.id, batchId));
  if (!batch) return null;
  const rows = await db
    .select({
      providerId: payoutLines.providerId,
      name: providers.companyName,
      iban: providers.iban,
      programmeId: vouchers.programmeId,
      amountCents: sql<number>`sum(${payoutLines.amountCents})::bigint`.mapWith(cents),
      // What the money is for, as the provider reads it on their statement: the engagements' businesses.
      businesses: sql<string>`string_agg(distinct ${businesses.name}, ', ')`,
    })
    .from(payoutLines)
    .innerJoin(providers, eq(providers.id, payoutLines.providerId))
    .innerJoin(engagements, eq(engagements.id, payoutLines.engagementId))
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .leftJoin(vouchers, eq(vouchers.engagementId, payoutLines.engagementId))
    .where(eq(payoutLines.batchId, batchId))
    .groupBy(payoutLines.providerId, providers.companyName, providers.iban, vouchers.programmeId)
    .orderBy(providers.companyName);
  // The accounts stored on the batch; only a batch made before they were stored reads today's.
  const stored = batch.debtors;
  const debtorFor = stored.length
    ? (programmeId: string | null) => stored.find((d) => d.programmeId === programmeId) ?? stored[0]
    : await programmeAccounts(db);
  // The creditors stored on the batch: their names and accounts as they were when it was made.
  const creditor = new Map(batch.creditors.map((c) => [c.providerId, c]));
  const transfers = rows.map((r) => ({ ...r, name: creditor.get(r.providerId)?.name ?? r.name, iban: creditor.get(r.providerId)?.iban ?? r.iban, debtor: debtorFor(r.programmeId) }));
  return { batch, transfers };
}

/**
 * The batch as a SEPA credit transfer initiation, one payment block per account paid from.
 * Downloaded again it is the same file, but for the requested execution date: the next Belgian
 * banking day on or after the batch's date, or after today once that has passed, since a bank
 * refuses a date in the past.
 */
export async function sepaCreditTransferXml(batchId: string, now = new Date()) {
  const found = await batchTransfers(batchId);
  if (!found) return null;
  const { batch, transfers } = found;
  const programmeIds = [...new Set(transfers.map((t) => t.debtor?.programmeId ?? ""))];
  return sepaCreditTransfer({
    messageId: `KOPPEL-${batchId.replace(/-/g, "").slice(0, 28)}`,
    createdAt: batch.paidAt,
    executionDate: executionDateFor(batch.paidAt, now),
    blocks: programmeIds.map((programmeId, blockIndex) => {
      const own = transfers.filter((t) => (t.debtor?.programmeId ?? "") === programmeId);
      return {
        paymentInfoId: `PAYOUT-${batchId.slice(0, 24)}-${blockIndex + 1}`,
        debtor: own[0]?.debtor ?? null,
        transfers: own.map((t, i) => ({
          endToEndId: `KOPPEL-${batchId.slice(0, 8)}-${blockIndex + 1}-${i + 1}`,
          amountCents: t.amountCents,
          name: t.name,
          iban: t.iban ?? "",
          remittance: `Koppel uitbetaling ${batchId.slice(0, 8)}: traject met ${t.businesses}`,
        })),
      };
    }),
  });
}

/** The next Belgian banking day on or after the day a file was made, or after today once that has passed. */
export function executionDateFor(madeAt: Date, now: Date) {
  const madeOn = belgianDate(madeAt);
  const today = belgianDate(now);
  return nextBelgianBankingDay(madeOn > today ? madeOn : today);
}

/** The batch for accounting: UTF-8 with BOM and semicolons, as Belgian Excel expects. */
export async function payoutBatchCsv(batchId: string) {
  const found = await batchTransfers(batchId);
  if (!found) return null;
  // One row per provider, whatever accounts paid them.
  const perProvider = new Map<string, { name: string; iban: string | null; amountCents: number }>();
  for (const t of found.transfers) {
    const row = perProvider.get(t.providerId) ?? { name: t.name, iban: t.iban, amountCents: 0 };
    row.amountCents += t.amountCents;
    perProvider.set(t.providerId, row);
  }
  return toExcelCsv(
    ["Aanbieder", "IBAN", "Bedrag (EUR)"],
    [...perProvider.values()].map((t) => [t.name, parseIban(t.iban ?? "") ?? "", csvEuros(t.amountCents)]),
  );
}

/**
 * What a provider earned, line by line: per engagement and milestone, the voucher's part and the
 * own share's part, and whether it is owed (waiting for a batch) or paid (in a batch, on its date).
 * The same payout lines the office pays from, so the provider's figures are the office's.
 */
export async function listEarnings(providerUserId: string) {
  const rows = await payoutLineRows(eq(providers.userId, providerUserId)).orderBy(desc(payoutLines.createdAt), milestones.position);
  // One row per milestone: its two parts side by side.
  const byMilestone = new Map<string, { engagementId: string; business: string; title: string; position: number; phase: string; voucherCents: number; ownShareCents: number; earnedAt: Date; paidAt: Date | null; batchId: string | null }>();
  for (const r of rows) {
    const row = byMilestone.get(r.milestoneId) ?? { engagementId: r.engagementId, business: r.business, title: r.title, position: r.position, phase: r.phase, voucherCents: 0, ownShareCents: 0, earnedAt: r.earnedAt, paidAt: r.paidAt, batchId: r.batchId };
    if (r.kind === "voucher_share") row.voucherCents += r.amountCents;
    else row.ownShareCents += r.amountCents;
    byMilestone.set(r.milestoneId, row);
  }
  const lines = [...byMilestone.values()];
  const sum = (filter: (l: (typeof lines)[number]) => boolean) => lines.filter(filter).reduce((total, l) => total + l.voucherCents + l.ownShareCents, 0);
  return { lines, owedCents: sum((l) => l.paidAt === null), paidCents: sum((l) => l.paidAt !== null) };
}
