import { formatDate, formatMoney } from "~/lib/format";
import { vatShares, type Settlement } from "~/modules/vouchers/rules";
import { invoiceTotals, type InvoiceDocument, type InvoiceParty, type InvoiceVat } from "./ubl";

/*
 * What Koppel invoices on the provider's behalf, and when (docs/decisions/004-invoicing.md): one
 * invoice when the own share is received (the advance payment makes the VAT due, art. 22bis WBTW),
 * one line per milestone, everything paid (the voucher and the own share) so nothing is left due;
 * and, when the engagement ends early, one credit note for the milestones that were not delivered,
 * referring to the invoice. Both add up to what the settlement moves, to the cent: the VAT is split
 * over the milestones by the settlement's own rule (vatShares). The documents are in Dutch, the
 * language of the parties' region.
 */

/** The exemption's legal mention (art. 56bis WBTW), on the invoice and as its reason for category E. */
export const smallEnterpriseMention = "Bijzondere vrijstellingsregeling kleine ondernemingen";

const phaseNames: Record<string, string> = { advice: "Advies en plan", implementation: "Uitvoering" };

/** An engagement as its invoices need it: the parties, the file, the milestones and the money. */
export interface InvoiceFacts {
  seller: InvoiceParty;
  buyer: InvoiceParty;
  dossierNumber: string;
  title: string;
  programme: string;
  milestones: { position: number; phase: string; deliverables: string; priceCents: number; approved: boolean }[];
  voucherCents: number;
  ownShareCents: number;
  /** The rate frozen on the voucher: 0 under the small-enterprise exemption. */
  vatBasisPoints: number;
  paymentReference: string;
  /** The Brussels date the own share was received. */
  paidOn: string;
}

const euros = (cents: number) => formatMoney(cents, "nl");

function vatOf(facts: InvoiceFacts): InvoiceVat {
  return facts.vatBasisPoints === 0 ? { category: "E", reason: smallEnterpriseMention } : { category: "S", basisPoints: facts.vatBasisPoints };
}

function noteFor(facts: InvoiceFacts, kind: string) {
  const mentions = [`${kind} opgemaakt door Koppel in naam en voor rekening van ${facts.seller.name} (facturatie door een derde, art. 53, §2 WBTW).`, `Traject: ${facts.title}.`];
  if (facts.vatBasisPoints === 0) mentions.push(`${smallEnterpriseMention}: geen btw.`);
  return mentions.join(" ");
}

function lineOf(m: InvoiceFacts["milestones"][number]) {
  return { name: `Mijlpaal ${m.position}: ${phaseNames[m.phase] ?? m.phase}`, description: m.deliverables, netCents: m.priceCents };
}

/**
 * A document over some of the engagement's milestones, each with its share of the VAT (the
 * settlement's rule, so the parts add up to the whole), everything settled: its total must be
 * `settledCents` (what was paid, or given back) — anything else is a defect, not a rounding.
 */
function documentOver(
  facts: InvoiceFacts,
  include: (m: InvoiceFacts["milestones"][number]) => boolean,
  settledCents: number,
  fields: Pick<InvoiceDocument, "kind" | "number" | "issueDate" | "note" | "paymentTerms" | "corrects">,
): InvoiceDocument {
  const shares = vatShares(facts.milestones.map((m) => m.priceCents), facts.vatBasisPoints);
  const chosen = facts.milestones.map((m, index) => ({ m, vat: shares[index] })).filter(({ m }) => include(m));
  const document: InvoiceDocument = {
    ...fields,
    buyerReference: facts.dossierNumber,
    seller: facts.seller,
    buyer: facts.buyer,
    vat: vatOf(facts),
    lines: chosen.map(({ m }) => lineOf(m)),
    vatCents: chosen.reduce((sum, { vat }) => sum + vat, 0),
    prepaidCents: settledCents,
  };
  const { grossCents } = invoiceTotals(document);
  if (grossCents !== settledCents) throw new Error(`${fields.kind} ${fields.number}: ${grossCents} on the document, ${settledCents} settled`);
  return document;
}

/** The invoice for the whole engagement, issued when the own share is received: the voucher and the own share paid it. */
export function invoiceDocument(facts: InvoiceFacts, number: string, issueDate: string): InvoiceDocument {
  return documentOver(facts, () => true, facts.voucherCents + facts.ownShareCents, {
    kind: "invoice",
    number,
    issueDate,
    note: noteFor(facts, "Factuur"),
    paymentTerms:
      `Volledig betaald, niets meer te betalen: ${euros(facts.voucherCents)} door de voucher van ${facts.programme} (dossier ${facts.dossierNumber}), ` +
      `die het programma rechtstreeks aan ${facts.seller.name} betaalt; ${euros(facts.ownShareCents)} eigen bijdrage van ${facts.buyer.name}, ontvangen op ${formatDate(facts.paidOn, "nl")} ` +
      `met de gestructureerde mededeling ${facts.paymentReference}.`,
  });
}

/**
 * The credit note for an engagement that ended early: the milestones not approved, with their
 * share of the VAT, which is what the settlement gave back (to the retailer and to the budget).
 * Null when every milestone was approved.
 */
export function creditNoteDocument(facts: InvoiceFacts, invoice: { number: string; issueDate: string }, settlement: Settlement, number: string, issueDate: string): InvoiceDocument | null {
  if (facts.milestones.every((m) => m.approved)) return null;
  return documentOver(facts, (m) => !m.approved, settlement.retailerRefundCents + settlement.budgetReleasedCents, {
    kind: "credit_note",
    number,
    issueDate,
    note: `${noteFor(facts, "Creditnota")} Het traject werd voortijdig beëindigd: deze creditnota crediteert de mijlpalen die niet werden opgeleverd van factuur ${invoice.number}.`,
    paymentTerms:
      `Niets te betalen: ${euros(settlement.retailerRefundCents)} van de eigen bijdrage gaat terug naar ${facts.buyer.name}, ` +
      `${euros(settlement.budgetReleasedCents)} van de voucher gaat terug naar het budget van ${facts.programme} (dossier ${facts.dossierNumber}).`,
    corrects: invoice,
  });
}
