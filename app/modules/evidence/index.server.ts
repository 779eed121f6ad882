import { asc, eq } from "drizzle-orm";
import { db } from "~db/client";
import { bankTransactions, invoiceDeliveries, invoices, milestones, payments, payoutBatches, payoutLines, refunds, users } from "~db/schema";
import { toExcelCsv } from "~/lib/csv";
import { belgianDate, belgianDateTime } from "~/lib/dates";
import { formatDate, formatMoney } from "~/lib/format";
import { zipFiles } from "~/lib/zip";
import { listHistory, recordAudit } from "~/modules/reporting/index.server";
import { findVoucherDossier } from "~/modules/vouchers/index.server";

/*
 * A voucher's evidence file, as the inspector of a public subsidy scheme asks for it: one ZIP for
 * the office with an overview (the decision and its reasons, the declarations with their dates, the
 * price and its split, every payment, payout and refund with its date, the invoices and credit notes
 * and how they were delivered), each e-invoice as issued, and the audit trail. Kept ten years
 * (docs/retention.md); nothing in it is computed anew from what may since have changed, but the
 * parties' current names in the overview.
 */

/** How long the file must be kept: ten years after the year of the voucher's decision (docs/retention.md). */
const retentionYears = 10;

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const euros = (cents: number) => formatMoney(cents, "nl");
const day = (at: Date | string | null) => (at ? formatDate(typeof at === "string" ? at : belgianDate(at), "nl") : "—");
const moment = (at: Date | null) => (at ? belgianDateTime(at).replace("T", " ") : "—");

function table(head: string[], rows: string[][]) {
  if (rows.length === 0) return "<p>Geen.</p>";
  return `<table><thead><tr>${head.map((h) => `<th>${escape(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
}

/** The evidence file of one voucher as a ZIP, with its name; null when there is no such voucher. */
export async function voucherEvidenceFile(voucherId: string, adminId: string, now = new Date()) {
  const file = await findVoucherDossier(db, { voucherId });
  if (!file) return null;
  // Who took the file out, and when: an inspection's copy is itself on record.
  await recordAudit(db, { actorId: adminId, action: "voucher.evidence", entityType: "voucher", entityId: voucherId });
  const { voucher, programme } = file;
  const { provider } = file;
  const [steps, documents, deliveries, cardPayments, movements, lines, returned, decidedBy] = await Promise.all([
    db.select().from(milestones).where(eq(milestones.engagementId, voucher.engagementId)).orderBy(asc(milestones.position)),
    db.select().from(invoices).where(eq(invoices.voucherId, voucherId)).orderBy(asc(invoices.createdAt)),
    db.select({ invoiceId: invoiceDeliveries.invoiceId, channel: invoiceDeliveries.channel, reference: invoiceDeliveries.reference, at: invoiceDeliveries.deliveredAt }).from(invoiceDeliveries).innerJoin(invoices, eq(invoices.id, invoiceDeliveries.invoiceId)).where(eq(invoices.voucherId, voucherId)),
    db.select().from(payments).where(eq(payments.voucherId, voucherId)).orderBy(asc(payments.createdAt)),
    db.select().from(bankTransactions).where(eq(bankTransactions.voucherId, voucherId)).orderBy(asc(bankTransactions.createdAt)),
    db.select({ line: payoutLines, paidAt: payoutBatches.paidAt }).from(payoutLines).leftJoin(payoutBatches, eq(payoutBatches.id, payoutLines.batchId)).where(eq(payoutLines.engagementId, voucher.engagementId)).orderBy(asc(payoutLines.createdAt)),
    db.select().from(refunds).where(eq(refunds.voucherId, voucherId)).orderBy(asc(refunds.createdAt)),
    voucher.decidedBy ? db.select({ name: users.name }).from(users).where(eq(users.id, voucher.decidedBy)) : Promise.resolve([]),
  ]);
  const history = await listHistory([
    { entityType: "voucher", entityId: voucherId },
    { entityType: "engagement", entityId: voucher.engagementId },
    ...steps.map((m) => ({ entityType: "milestone", entityId: m.id })),
    ...documents.map((d) => ({ entityType: "invoice", entityId: d.id })),
  ]);
  const dossier = voucher.dossierNumber ?? voucher.id;
  const keepUntil = `${Number((voucher.decidedAt ? belgianDate(voucher.decidedAt) : belgianDate(voucher.createdAt)).slice(0, 4)) + retentionYears + 1}-01-01`;
  const decision =
    voucher.status === "requested"
      ? "Nog niet beslist."
      : voucher.status === "rejected"
        ? `Geweigerd op ${day(voucher.decidedAt)}: ${voucher.decisionReason ?? ""}`
        : `Toegekend op ${day(voucher.decidedAt)} ${voucher.decidedBy ? `door ${decidedBy[0]?.name ?? "het programmabureau"}` : "stilzwijgend, na de beslistermijn"}${voucher.approvalJustification ? `; verantwoording (verbonden partij): ${voucher.approvalJustification}` : ""}.`;
  const overview = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Bewijsdossier ${escape(dossier)}</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}</style></head>
<body>
<h1>Bewijsdossier voucher ${escape(dossier)}</h1>
<p>${escape(programme.name)} · opgemaakt op ${escape(moment(now))} (Brussel) · te bewaren tot ${escape(day(keepUntil))}</p>
<h2>Partijen</h2>
${table(["", "Naam", "Ondernemingsnummer"], [
  ["Begunstigde (zaak)", file.business.name, file.business.enterpriseNumber],
  ["Dienstverlener", file.provider.companyName, file.provider.enterpriseNumber],
])}
<h2>Beslissing</h2>
<p>${escape(decision)}</p>
${table(["Voorwaarde", "Resultaat"], [
  ...["sector", "municipality", "window", "perBusinessLimit", "providerNotApproved"].map((check) => [check, voucher.eligibilityIssues.includes(check) ? "niet voldaan" : "voldaan"]),
  ["verbonden partij", voucher.relatedParty.length ? `vermoeden: ${voucher.relatedParty.join(", ")}` : "geen aanwijzing"],
])}
<h2>Verklaringen</h2>
${table(["Verklaring", "Datum"], [
  ["Zaak: geen dubbele financiering van dezelfde dienst", moment(voucher.noDoubleFundingDeclaredAt)],
  ["Dienstverlener: geen belangenconflict", moment(provider.conflictDeclaredAt)],
  [`Dienstverlener: facturatieopdracht aan Koppel (tekst ${provider.billingMandateVersion ?? "—"})`, moment(provider.billingMandateAt)],
])}
<h2>Bedragen</h2>
${table(["", "Bedrag"], [
  ["Prijs excl. btw", euros(file.priceCents)],
  [`Btw (${voucher.vatBasisPoints / 100} %${voucher.vatBasisPoints === 0 ? ", vrijstellingsregeling kleine ondernemingen" : ""})`, euros(voucher.ownShareCents + voucher.amountCents - file.priceCents)],
  [`Voucher (${voucher.rateBasisPoints / 100} %)`, euros(voucher.amountCents)],
  ["Eigen bijdrage", euros(voucher.ownShareCents)],
])}
<h2>Mijlpalen</h2>
${table(["#", "Fase", "Prijs excl. btw", "Status", "Beslist op"], steps.map((m) => [String(m.position), m.phase, euros(m.priceCents), m.status, day(m.decidedAt)]))}
<h2>Betalingen van de eigen bijdrage</h2>
<p>Betaald: ${escape(moment(voucher.paidAt))} · gestructureerde mededeling ${escape(voucher.paymentReference ?? "—")}</p>
${table(["Wijze", "Datum", "Bedrag", "Resultaat"], [
  ...movements.map((t) => ["overschrijving", t.valueDate ? day(t.valueDate) : moment(t.createdAt), t.amountCents === null ? "—" : euros(t.amountCents), t.result]),
  ...cardPayments.map((p) => ["online", moment(p.createdAt), euros(p.amountCents), p.status]),
])}
<h2>Uitbetalingen aan de dienstverlener</h2>
${table(["Soort", "Bedrag", "Uitbetaald"], lines.map(({ line, paidAt }) => [line.kind === "voucher_share" ? "voucherdeel" : "deel eigen bijdrage", euros(line.amountCents), paidAt ? moment(paidAt) : "nog niet"]))}
<h2>Terugbetalingen</h2>
${table(["Reden", "Wijze", "Bedrag", "Status", "Gedaan op"], returned.map((r) => [r.reason, r.method, euros(r.amountCents), r.status, moment(r.doneAt)]))}
<h2>Facturen en creditnota's</h2>
${table(["Nummer", "Soort", "Datum", "Incl. btw", "Afgeleverd"], documents.map((d) => {
  const delivery = deliveries.find((x) => x.invoiceId === d.id);
  return [d.number, d.kind === "invoice" ? "factuur" : "creditnota", day(d.issuedOn), euros(d.grossCents), delivery ? `${delivery.channel === "peppol" ? "via Peppol" : "per e-mail"} op ${moment(delivery.at)}` : "nog niet"];
}))}
<p>Elke e-factuur zit zoals uitgereikt in de map facturen/ (UBL 2.1, Peppol BIS Billing 3.0).</p>
<h2>Geschiedenis</h2>
<p>Zie geschiedenis.csv: ${history.length} stappen uit het auditlog.</p>
</body></html>`;
  const trail = toExcelCsv(
    ["Moment (Brussel)", "Wie", "Rol", "Actie", "Soort", "Van", "Naar", "Reden"],
    history.map((h) => [moment(h.at), h.actorName ?? "Koppel (automatisch)", h.actorRole ?? "", h.action, h.entityType, h.fromState ?? "", h.toState ?? "", h.reason ?? ""]),
  );
  const zip = zipFiles(
    [
      { name: "overzicht.html", content: overview },
      ...documents.map((d) => ({ name: `facturen/${d.number}.xml`, content: d.xml })),
      { name: "geschiedenis.csv", content: trail },
    ],
    now,
  );
  return { filename: `bewijsdossier-${dossier}.zip`, zip, keepUntil };
}
