import { csvEuros, toExcelCsv } from "~/lib/csv";
import { and, desc, eq, inArray, isNull, sql, TransactionRollbackError } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { payoutBatches, payoutLines, programmes, providers, vouchers, type PayoutDebtor } from "~db/schema";
import { belgianDate, belgianDateTime, nextBelgianBankingDay } from "~/lib/dates";
import { hasValidIban, parseIban } from "~/modules/profiles/iban";
import { recordAudit } from "~/modules/reporting/index.server";

/** What the programme owes each provider now: lines not yet in a paid batch. */
export async function listPayables() {
  const rows = await db
    .select({
      providerId: payoutLines.providerId,
      name: providers.companyName,
      iban: providers.iban,
      ibanHoldSince: providers.ibanHoldSince,
      totalCents: sql<number>`sum(${payoutLines.amountCents})::int`,
      lines: sql<number>`count(*)::int`,
    })
    .from(payoutLines)
    .innerJoin(providers, eq(providers.id, payoutLines.providerId))
    .where(isNull(payoutLines.batchId))
    .groupBy(payoutLines.providerId, providers.companyName, providers.iban, providers.ibanHoldSince)
    .orderBy(providers.companyName);
  // Ready: a valid IBAN that is not waiting for the office to confirm a change.
  return rows.map((r) => ({ ...r, ibanValid: hasValidIban(r.iban), ready: hasValidIban(r.iban) && r.ibanHoldSince === null }));
}

export async function listPayoutBatches() {
  return db.select().from(payoutBatches).orderBy(desc(payoutBatches.paidAt)).limit(50);
}

/**
 * The programme accounts as they stand now, and which one pays a line: the programme whose voucher
 * funded the engagement, or the newest programme's for an engagement without a voucher.
 */
async function programmeAccounts(executor: Executor) {
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
      .returning({ amountCents: payoutLines.amountCents });
    // A second click at the same moment waited for the first one's lines and found none left: no
    // empty batch (its file would fail the schema), the first click's batch is the one.
    if (marked.length === 0) return tx.rollback();
    // Lines added between the read and this update join the batch too: the total follows the lines.
    const markedTotal = marked.reduce((sum, l) => sum + l.amountCents, 0);
    if (markedTotal !== total) await tx.update(payoutBatches).set({ totalCents: markedTotal }).where(eq(payoutBatches.id, batch.id));
    await recordAudit(tx, { actorId: adminId, action: "payout.batch", entityType: "payout_batch", entityId: batch.id, data: { totalCents: markedTotal, providers: ids.length } });
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
    .select({ providerId: payoutLines.providerId, name: providers.companyName, iban: providers.iban, programmeId: vouchers.programmeId, amountCents: sql<number>`sum(${payoutLines.amountCents})::int` })
    .from(payoutLines)
    .innerJoin(providers, eq(providers.id, payoutLines.providerId))
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

const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
const euros = (cents: number) => (cents / 100).toFixed(2);

/** Letters and signs that carry no accent to take off, as the EPC's conversion table writes them in Latin. */
const epcTransliteration: Record<string, string> = {
  Ø: "O", ø: "o", Æ: "AE", æ: "ae", Œ: "OE", œ: "oe", ß: "ss", Ł: "L", ł: "l", Đ: "D", đ: "d", Þ: "TH", þ: "th", ð: "d", Ð: "D", ı: "i",
  "–": "-", "—": "-", "‐": "-", "‑": "-", "‘": "'", "’": "'", "‚": "'", "“": "'", "”": "'", "„": "'", "«": "'", "»": "'", "€": "EUR", "@": "(at)", _: "-", "&": "+",
};

/**
 * Text as a SEPA credit transfer may carry it: the EPC's Latin character set (a–z, A–Z, 0–9 and
 * / - ? : ( ) . , ' + space), accents taken off (é → e), other letters and signs transliterated
 * (Ø → O, ß → ss, – → -, & → +), anything else dropped, cut to the schema's length (Max35Text for
 * identifiers, Max70Text for names, Max140Text for remittance). A text left empty (a name in
 * another script) becomes `fallback`: the schema refuses an empty name.
 */
export function sepaText(text: string, max: 35 | 70 | 140, fallback = "") {
  const converted = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, (character) => epcTransliteration[character] ?? (/\s/.test(character) ? " " : ""))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max)
    .trim();
  return converted || fallback;
}

/**
 * The batch as a SEPA credit transfer initiation (pain.001.001.03), one payment block per account
 * paid from. Downloaded again it is the same file, but for the requested execution date: the next
 * Belgian banking day on or after the batch's date, or after today once that has passed, since a
 * bank refuses a date in the past.
 */
export async function sepaCreditTransferXml(batchId: string, now = new Date()) {
  const found = await batchTransfers(batchId);
  if (!found) return null;
  const { batch, transfers } = found;
  const total = transfers.reduce((sum, t) => sum + t.amountCents, 0);
  const batchDay = belgianDate(batch.paidAt);
  const today = belgianDate(now);
  const executionDate = nextBelgianBankingDay(batchDay > today ? batchDay : today);
  const blocks = [...new Map(transfers.map((t) => [t.debtor?.programmeId ?? "", t.debtor])).entries()].map(([programmeId, debtor], blockIndex) => {
    const own = transfers.filter((t) => (t.debtor?.programmeId ?? "") === programmeId);
    const name = xml(sepaText(debtor?.name ?? "Koppel", 70, "Koppel"));
    const agent = debtor?.bic ? `<BIC>${xml(sepaText(debtor.bic, 35))}</BIC>` : "<Othr><Id>NOTPROVIDED</Id></Othr>";
    const tx = own
      .map(
        (t, i) => `      <CdtTrfTxInf>
        <PmtId><EndToEndId>${sepaText(`KOPPEL-${batchId.slice(0, 8)}-${blockIndex + 1}-${i + 1}`, 35)}</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="EUR">${euros(t.amountCents)}</InstdAmt></Amt>
        <Cdtr><Nm>${xml(sepaText(t.name, 70, "Begunstigde"))}</Nm></Cdtr>
        <CdtrAcct><Id><IBAN>${parseIban(t.iban ?? "")}</IBAN></Id></CdtrAcct>
        <RmtInf><Ustrd>${xml(sepaText(`Koppel uitbetaling ${batchId.slice(0, 8)} ${t.name}`, 140))}</Ustrd></RmtInf>
      </CdtTrfTxInf>`,
      )
      .join("\n");
    return `    <PmtInf>
      <PmtInfId>${sepaText(`PAYOUT-${batchId.slice(0, 24)}-${blockIndex + 1}`, 35)}</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <BtchBookg>true</BtchBookg>
      <NbOfTxs>${own.length}</NbOfTxs>
      <CtrlSum>${euros(own.reduce((sum, t) => sum + t.amountCents, 0))}</CtrlSum>
      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>
      <ReqdExctnDt>${executionDate}</ReqdExctnDt>
      <Dbtr><Nm>${name}</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>${debtor?.iban ?? ""}</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId>${agent}</FinInstnId></DbtrAgt>
      <ChrgBr>SLEV</ChrgBr>
${tx}
    </PmtInf>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>${sepaText(`KOPPEL-${batchId.replace(/-/g, "").slice(0, 28)}`, 35)}</MsgId>
      <CreDtTm>${belgianDateTime(batch.paidAt)}</CreDtTm>
      <NbOfTxs>${transfers.length}</NbOfTxs>
      <CtrlSum>${euros(total)}</CtrlSum>
      <InitgPty><Nm>${xml(sepaText(transfers[0]?.debtor?.name ?? "Koppel", 70, "Koppel"))}</Nm></InitgPty>
    </GrpHdr>
${blocks.join("\n")}
  </CstmrCdtTrfInitn>
</Document>
`;
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
    ["aanbieder", "iban", "bedrag_eur"],
    [...perProvider.values()].map((t) => [t.name, parseIban(t.iban ?? "") ?? "", csvEuros(t.amountCents)]),
  );
}
