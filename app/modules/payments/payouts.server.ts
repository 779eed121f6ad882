import { csvEuros, toExcelCsv } from "~/lib/csv";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "~db/client";
import { payoutBatches, payoutLines, programmes, providers } from "~db/schema";
import { parseIban } from "~/modules/profiles/iban";
import { recordAudit } from "~/modules/reporting/index.server";

/** What the programme owes each provider now: lines not yet in a paid batch. */
export async function listPayables() {
  const rows = await db
    .select({
      providerId: payoutLines.providerId,
      name: providers.companyName,
      iban: providers.iban,
      totalCents: sql<number>`sum(${payoutLines.amountCents})::int`,
      lines: sql<number>`count(*)::int`,
    })
    .from(payoutLines)
    .innerJoin(providers, eq(providers.id, payoutLines.providerId))
    .where(isNull(payoutLines.batchId))
    .groupBy(payoutLines.providerId, providers.companyName, providers.iban)
    .orderBy(providers.companyName);
  return rows.map((r) => ({ ...r, ibanValid: Boolean(r.iban && parseIban(r.iban)) }));
}

export async function listPayoutBatches() {
  return db.select().from(payoutBatches).orderBy(desc(payoutBatches.paidAt)).limit(50);
}

/**
 * Pays what is owed in one batch: every open line of providers with a valid IBAN. Providers
 * without one stay owed (and are named), so no money goes to an account that cannot be right.
 */
export async function createPayoutBatch(adminId: string) {
  const payables = await listPayables();
  const payable = payables.filter((p) => p.ibanValid);
  if (payable.length === 0) return { ok: false as const, error: "nothingToPay" as const, skipped: payables.map((p) => p.name) };
  return db.transaction(async (tx) => {
    const ids = payable.map((p) => p.providerId);
    const total = payable.reduce((sum, p) => sum + p.totalCents, 0);
    const [batch] = await tx.insert(payoutBatches).values({ createdBy: adminId, totalCents: total }).returning({ id: payoutBatches.id });
    const marked = await tx
      .update(payoutLines)
      .set({ batchId: batch.id })
      .where(and(isNull(payoutLines.batchId), inArray(payoutLines.providerId, ids)))
      .returning({ amountCents: payoutLines.amountCents });
    // Lines added between the read and this update join the batch too: the total follows the lines.
    const markedTotal = marked.reduce((sum, l) => sum + l.amountCents, 0);
    if (markedTotal !== total) await tx.update(payoutBatches).set({ totalCents: markedTotal }).where(eq(payoutBatches.id, batch.id));
    await recordAudit(tx, { actorId: adminId, action: "payout.batch", entityType: "payout_batch", entityId: batch.id, data: { totalCents: markedTotal, providers: ids.length } });
    return { ok: true as const, batchId: batch.id, skipped: payables.filter((p) => !p.ibanValid).map((p) => p.name) };
  });
}

async function batchTransfers(batchId: string) {
  const [batch] = await db.select().from(payoutBatches).where(eq(payoutBatches.id, batchId));
  if (!batch) return null;
  const transfers = await db
    .select({ providerId: payoutLines.providerId, name: providers.companyName, iban: providers.iban, amountCents: sql<number>`sum(${payoutLines.amountCents})::int` })
    .from(payoutLines)
    .innerJoin(providers, eq(providers.id, payoutLines.providerId))
    .where(eq(payoutLines.batchId, batchId))
    .groupBy(payoutLines.providerId, providers.companyName, providers.iban)
    .orderBy(providers.companyName);
  const [programme] = await db.select({ iban: programmes.iban, name: programmes.name }).from(programmes).orderBy(desc(programmes.createdAt)).limit(1);
  return { batch, transfers, debtor: programme };
}

const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
const euros = (cents: number) => (cents / 100).toFixed(2);
/** SEPA allows 35 characters for identifiers and 70 for names and remittance text. */
const sepaId = (text: string) => text.replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, "").slice(0, 35);

/** The batch as a SEPA credit transfer initiation (pain.001.001.03) for the programme's bank. */
export async function sepaCreditTransferXml(batchId: string) {
  const found = await batchTransfers(batchId);
  if (!found) return null;
  const { batch, transfers, debtor } = found;
  const total = transfers.reduce((sum, t) => sum + t.amountCents, 0);
  const created = batch.paidAt.toISOString().slice(0, 19);
  const executionDate = batch.paidAt.toISOString().slice(0, 10);
  const tx = transfers
    .map(
      (t, i) => `      <CdtTrfTxInf>
        <PmtId><EndToEndId>${sepaId(`KOPPEL-${batchId.slice(0, 8)}-${i + 1}`)}</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="EUR">${euros(t.amountCents)}</InstdAmt></Amt>
        <Cdtr><Nm>${xml(t.name.slice(0, 70))}</Nm></Cdtr>
        <CdtrAcct><Id><IBAN>${parseIban(t.iban ?? "")}</IBAN></Id></CdtrAcct>
        <RmtInf><Ustrd>${xml(`Koppel uitbetaling ${batchId.slice(0, 8)}`)}</Ustrd></RmtInf>
      </CdtTrfTxInf>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>${sepaId(`KOPPEL-${batchId}`)}</MsgId>
      <CreDtTm>${created}</CreDtTm>
      <NbOfTxs>${transfers.length}</NbOfTxs>
      <CtrlSum>${euros(total)}</CtrlSum>
      <InitgPty><Nm>${xml(debtor?.name.slice(0, 70) ?? "Koppel")}</Nm></InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>${sepaId(`PAYOUT-${batchId}`)}</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <BtchBookg>true</BtchBookg>
      <NbOfTxs>${transfers.length}</NbOfTxs>
      <CtrlSum>${euros(total)}</CtrlSum>
      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>
      <ReqdExctnDt>${executionDate}</ReqdExctnDt>
      <Dbtr><Nm>${xml(debtor?.name.slice(0, 70) ?? "Koppel")}</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>${debtor?.iban ?? ""}</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>
      <ChrgBr>SLEV</ChrgBr>
${tx}
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
`;
}

/** The batch for accounting: UTF-8 with BOM and semicolons, as Belgian Excel expects. */
export async function payoutBatchCsv(batchId: string) {
  const found = await batchTransfers(batchId);
  if (!found) return null;
  return toExcelCsv(
    ["aanbieder", "iban", "bedrag_eur"],
    found.transfers.map((t) => [t.name, parseIban(t.iban ?? "") ?? "", csvEuros(t.amountCents)]),
  );
}
