import { describe, expect, it } from "vitest";
import { peppolExample, peppolFatal } from "../support/peppol";

/*
 * The validation itself, proven before it judges our invoices (issue 23: "a hand-made wrong invoice
 * must fail, so the validation itself is proven"). OpenPEPPOL's own reference documents pass; each
 * is then broken by hand in one place, and the rule that catches it is named by the official rule
 * sets, not by us.
 */
describe("the Peppol validation (UBL 2.1 XSD, CEN EN 16931, OpenPEPPOL)", () => {
  it.each(["base-example.xml", "vat-category-E.xml", "base-creditnote-correction.xml"] as const)("passes OpenPEPPOL's own example %s", async (file) => {
    expect(await peppolFatal(peppolExample(file))).toEqual([]);
  }, 120_000);

  it("fails an invoice whose amount due does not add up (BR-CO-16)", async () => {
    const wrong = peppolExample("base-example.xml").replace('<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>', '<cbc:PayableAmount currencyID="EUR">1656.26</cbc:PayableAmount>');
    expect(await peppolFatal(wrong)).toContain("cen:BR-CO-16");
  }, 120_000);

  it("fails an exempt line without its exemption reason (BR-E-10)", async () => {
    const wrong = peppolExample("vat-category-E.xml").replace("<cbc:TaxExemptionReasonCode>VATEX-EU-F</cbc:TaxExemptionReasonCode>", "");
    expect(await peppolFatal(wrong)).toContain("cen:BR-E-10");
  }, 120_000);

  it("fails a Belgian enterprise number whose check digits are wrong as a Peppol endpoint", async () => {
    // 0123.456.749 is the valid form of the KBO's own example; 0123.456.748 breaks its mod-97 check.
    const valid = peppolExample("base-example.xml").replace('<cbc:EndpointID schemeID="0002">FR23342</cbc:EndpointID>', '<cbc:EndpointID schemeID="0208">0123456749</cbc:EndpointID>');
    expect(await peppolFatal(valid)).toEqual([]);
    const wrong = valid.replace("0123456749", "0123456748");
    expect((await peppolFatal(wrong)).filter((f) => f.startsWith("peppol:"))).toEqual(["peppol:PEPPOL-COMMON-R043"]);
  }, 120_000);

  it("fails a document the UBL schema does not allow", async () => {
    const wrong = peppolExample("base-example.xml").replace("<cbc:IssueDate>", "<cbc:IssueDay>").replace("</cbc:IssueDate>", "</cbc:IssueDay>");
    expect((await peppolFatal(wrong)).some((f) => f.startsWith("xsd:"))).toBe(true);
  }, 120_000);
});
