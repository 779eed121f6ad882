import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { invoices, milestones, providers } from "~db/schema";
import { decideMilestone, submitMilestone, transition } from "~/modules/engagements/index.server";
import * as invoicePage from "~/routes/facturen.$id";
import * as invoiceXml from "~/routes/facturen.$id[.]xml";
import { args, getRequest, respond } from "../support/http";
import { account, approvedProvider, businessFor, engagementFor, newProgramme } from "../support/marketplace";
import { peppolFatal } from "../support/peppol";

/*
 * Every engagement closes with its paperwork (issue 23): the provider's invoice when the own share
 * is received, a credit note when an early ending gives money back, both stored as issued and
 * judged by the official Peppol rule sets. Amounts: tests/support/marketplace.ts's default bid,
 * €400 + €900 (docs/vouchers.md, by hand: 21 % VAT is €273; 75 % voucher €975).
 */

let admin: Awaited<ReturnType<typeof account>>;
let retailer: Awaited<ReturnType<typeof account>>;
let stranger: Awaited<ReturnType<typeof account>>;
let businessId = "";

beforeAll(async () => {
  admin = await account("admin");
  retailer = await account("retailer");
  stranger = await account("retailer");
  businessId = (await businessFor(retailer.id)).id;
  await newProgramme(10_000_000, { name: "Facturen", maxVouchersPerBusiness: 100 });
});

const year = new Date().getFullYear();
const documentsOf = (engagementId: string) => db.select().from(invoices).where(eq(invoices.engagementId, engagementId)).orderBy(invoices.createdAt);

describe("the provider's invoice", () => {
  it("is issued when the own share is received, numbered per provider and year, valid Peppol, and never changed", async () => {
    const provider = await approvedProvider(admin.id, { companyName: "Leiedigitaal" });
    const parties = { adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId };
    const first = await engagementFor(parties, "intake", { voucher: true });
    const [invoice] = await documentsOf(first);
    expect(invoice).toMatchObject({ kind: "invoice", number: `KOPPEL-${year}-0001`, netCents: 130_000, vatCents: 27_300, grossCents: 157_300 });
    expect(await peppolFatal(invoice.xml)).toEqual([]);
    expect(invoice.xml).toContain("<cbc:PayableAmount currencyID=\"EUR\">0.00</cbc:PayableAmount>");
    // The next one of the same provider continues the sequence.
    const second = await engagementFor(parties, "intake", { voucher: true });
    expect((await documentsOf(second)).map((d) => d.number)).toEqual([`KOPPEL-${year}-0002`]);
    // The database refuses to change or remove an issued invoice.
    await expect(db.update(invoices).set({ grossCents: 1 }).where(eq(invoices.id, invoice.id))).rejects.toThrow();
    await expect(db.delete(invoices).where(eq(invoices.id, invoice.id))).rejects.toThrow();
  }, 120_000);

  it("states the small-enterprise exemption for an exempt provider: €1,300, no VAT", async () => {
    const provider = await approvedProvider(admin.id, { companyName: "Kustcode", vatStatus: "small_enterprise" });
    const engagementId = await engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId }, "intake", { voucher: true });
    const [invoice] = await documentsOf(engagementId);
    expect(invoice).toMatchObject({ netCents: 130_000, vatCents: 0, grossCents: 130_000 });
    expect(invoice.xml).toContain("<cbc:TaxExemptionReason>Bijzondere vrijstellingsregeling kleine ondernemingen</cbc:TaxExemptionReason>");
    expect(await peppolFatal(invoice.xml)).toEqual([]);
  }, 120_000);

  it("is credited for what an early ending did not deliver, referring to the invoice", async () => {
    const provider = await approvedProvider(admin.id, { companyName: "Pixelpier" });
    const engagementId = await engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId }, "plan", { voucher: true });
    const steps = await db.select().from(milestones).where(eq(milestones.engagementId, engagementId)).orderBy(milestones.position);
    await submitMilestone({ id: provider.id, role: "provider" }, steps[0].id, { text: "Plan", links: [] });
    await decideMilestone({ id: retailer.id, role: "retailer" }, steps[0].id, { approve: true });
    expect((await transition(engagementId, "cancel", { userId: retailer.id, role: "retailer" }, "We stoppen na het advies.")).ok).toBe(true);
    const [invoice, credit] = await documentsOf(engagementId);
    // The implementation: €900 and its €189 share of the VAT (21 % of €900), €1,089 credited.
    expect(credit).toMatchObject({ kind: "credit_note", number: `KOPPEL-${year}-0002`, correctsId: invoice.id, netCents: 90_000, vatCents: 18_900, grossCents: 108_900 });
    expect(credit.xml).toContain(`<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>${invoice.number}</cbc:ID>`);
    expect(await peppolFatal(credit.xml)).toEqual([]);
  }, 120_000);

  it("is shown and downloaded by its buyer, its seller and the office only", async () => {
    const provider = await approvedProvider(admin.id);
    const engagementId = await engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId }, "intake", { voucher: true });
    const [invoice] = await documentsOf(engagementId);
    const page = (cookie: string) => respond(() => invoicePage.loader(args(getRequest(`/facturen/${invoice.id}`, { cookie }), { id: invoice.id })));
    for (const who of [retailer, admin]) expect((await page(who.cookie)).status).toBe(200);
    expect((await page(provider.cookie)).status).toBe(200);
    expect((await page(stranger.cookie)).status).toBe(404);
    const download = await respond(() => invoiceXml.loader(args(getRequest(`/facturen/${invoice.id}.xml`, { cookie: retailer.cookie }), { id: invoice.id })));
    expect(download.headers.get("Content-Disposition")).toBe(`attachment; filename="${invoice.number}.xml"`);
    expect(await download.text()).toBe(invoice.xml);
  });

  it("is not issued for a provider without a billing mandate", async () => {
    const provider = await approvedProvider(admin.id);
    await db.update(providers).set({ billingMandateAt: null }).where(eq(providers.userId, provider.id));
    const engagementId = await engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId }, "intake", { voucher: true });
    expect(await db.select().from(invoices).where(and(eq(invoices.engagementId, engagementId)))).toEqual([]);
  });
});
