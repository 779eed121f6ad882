/*
 * A Koppel invoice or credit note as a Peppol BIS Billing 3.0 document: UBL 2.1 with the Peppol
 * customization and profile identifiers, both parties addressed by their Belgian enterprise number
 * (scheme 0208), amounts that add up as EN 16931 computes them. Element order follows the UBL 2.1
 * schema; the tests validate every kind of document against the schema and both rule sets.
 */

export type InvoiceKind = "invoice" | "credit_note";

export interface InvoiceParty {
  name: string;
  /** Ten digits, the Belgian enterprise number (KBO/BCE). */
  enterpriseNumber: string;
  /** BE followed by the enterprise number; null for a party without one. */
  vatNumber: string | null;
  street: string;
  postalCode: string;
  city: string;
}

/** How the lines are taxed: standard rate, or exempt with the reason the invoice must state. */
export type InvoiceVat = { category: "S"; basisPoints: number } | { category: "E"; reason: string };

export interface InvoiceLine {
  name: string;
  description: string;
  netCents: number;
}

export interface InvoiceDocument {
  kind: InvoiceKind;
  number: string;
  /** YYYY-MM-DD, the Brussels date it was issued. */
  issueDate: string;
  /** What the buyer quotes: the voucher's file number. */
  buyerReference: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  vat: InvoiceVat;
  lines: InvoiceLine[];
  /** The document's VAT, computed by the settlement's one rounding rule (within BR-CO-17's tolerance). */
  vatCents: number;
  /** Already paid (the voucher and the own share): what is left due is the rest. */
  prepaidCents: number;
  /** One note (Peppol allows one): who issued it on whose behalf, and the legal mentions. */
  note: string;
  /** Who paid what and how, so nobody pays twice. */
  paymentTerms: string;
  /** A credit note's invoice. */
  corrects?: { number: string; issueDate: string };
}

const peppolCustomization = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
const peppolProfile = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

export function invoiceTotals(doc: Pick<InvoiceDocument, "lines" | "vatCents" | "prepaidCents">) {
  const netCents = doc.lines.reduce((sum, l) => sum + l.netCents, 0);
  const grossCents = netCents + doc.vatCents;
  return { netCents, vatCents: doc.vatCents, grossCents, prepaidCents: doc.prepaidCents, dueCents: grossCents - doc.prepaidCents };
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const amount = (cents: number) => `${cents < 0 ? "-" : ""}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;
const money = (element: string, cents: number) => `<cbc:${element} currencyID="EUR">${amount(cents)}</cbc:${element}>`;
const optional = (element: string, text: string) => (text.trim() ? `<cbc:${element}>${escape(text)}</cbc:${element}>` : "");
const percent = (vat: InvoiceVat) => (vat.category === "S" ? String(vat.basisPoints / 100) : "0");

function taxCategory(element: "ClassifiedTaxCategory" | "TaxCategory", vat: InvoiceVat) {
  const reason = element === "TaxCategory" && vat.category === "E" ? `<cbc:TaxExemptionReason>${escape(vat.reason)}</cbc:TaxExemptionReason>` : "";
  return `<cac:${element}><cbc:ID>${vat.category}</cbc:ID><cbc:Percent>${percent(vat)}</cbc:Percent>${reason}<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:${element}>`;
}

function party(role: "AccountingSupplierParty" | "AccountingCustomerParty", p: InvoiceParty) {
  const taxScheme = p.vatNumber ? `<cac:PartyTaxScheme><cbc:CompanyID>${escape(p.vatNumber)}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>` : "";
  return [
    `<cac:${role}><cac:Party>`,
    `<cbc:EndpointID schemeID="0208">${p.enterpriseNumber}</cbc:EndpointID>`,
    `<cac:PartyName><cbc:Name>${escape(p.name)}</cbc:Name></cac:PartyName>`,
    // Peppol refuses empty elements: a part of the address that is not known is left out.
    `<cac:PostalAddress>${optional("StreetName", p.street)}${optional("CityName", p.city)}${optional("PostalZone", p.postalCode)}<cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>`,
    taxScheme,
    `<cac:PartyLegalEntity><cbc:RegistrationName>${escape(p.name)}</cbc:RegistrationName><cbc:CompanyID schemeID="0208">${p.enterpriseNumber}</cbc:CompanyID></cac:PartyLegalEntity>`,
    `</cac:Party></cac:${role}>`,
  ].join("");
}

/** The document as UBL 2.1 XML (Invoice or CreditNote), ready for an access point. */
export function ublXml(doc: InvoiceDocument) {
  const credit = doc.kind === "credit_note";
  const root = credit ? "CreditNote" : "Invoice";
  const lineElement = credit ? "CreditNoteLine" : "InvoiceLine";
  const quantityElement = credit ? "CreditedQuantity" : "InvoicedQuantity";
  const totals = invoiceTotals(doc);
  const lines = doc.lines.map((line, index) =>
    [
      `<cac:${lineElement}>`,
      `<cbc:ID>${index + 1}</cbc:ID>`,
      `<cbc:${quantityElement} unitCode="C62">1</cbc:${quantityElement}>`,
      money("LineExtensionAmount", line.netCents),
      `<cac:Item>${optional("Description", line.description)}<cbc:Name>${escape(line.name)}</cbc:Name>${taxCategory("ClassifiedTaxCategory", doc.vat)}</cac:Item>`,
      `<cac:Price>${money("PriceAmount", line.netCents)}</cac:Price>`,
      `</cac:${lineElement}>`,
    ].join(""),
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">`,
    `<cbc:CustomizationID>${peppolCustomization}</cbc:CustomizationID>`,
    `<cbc:ProfileID>${peppolProfile}</cbc:ProfileID>`,
    `<cbc:ID>${escape(doc.number)}</cbc:ID>`,
    `<cbc:IssueDate>${doc.issueDate}</cbc:IssueDate>`,
    credit ? `<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>` : `<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>`,
    `<cbc:Note>${escape(doc.note)}</cbc:Note>`,
    `<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>`,
    `<cbc:BuyerReference>${escape(doc.buyerReference)}</cbc:BuyerReference>`,
    doc.corrects ? `<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>${escape(doc.corrects.number)}</cbc:ID><cbc:IssueDate>${doc.corrects.issueDate}</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>` : "",
    party("AccountingSupplierParty", doc.seller),
    party("AccountingCustomerParty", doc.buyer),
    `<cac:PaymentTerms><cbc:Note>${escape(doc.paymentTerms)}</cbc:Note></cac:PaymentTerms>`,
    `<cac:TaxTotal>${money("TaxAmount", totals.vatCents)}<cac:TaxSubtotal>${money("TaxableAmount", totals.netCents)}${money("TaxAmount", totals.vatCents)}${taxCategory("TaxCategory", doc.vat)}</cac:TaxSubtotal></cac:TaxTotal>`,
    `<cac:LegalMonetaryTotal>${money("LineExtensionAmount", totals.netCents)}${money("TaxExclusiveAmount", totals.netCents)}${money("TaxInclusiveAmount", totals.grossCents)}${money("PrepaidAmount", totals.prepaidCents)}${money("PayableAmount", totals.dueCents)}</cac:LegalMonetaryTotal>`,
    ...lines,
    `</${root}>`,
  ].join("\n");
}
