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
    // Listed on the retailer's dashboard too.
    const home = await import("~/routes/ondernemer._index");
    const dashboard = await (await respond(() => home.loader(args(getRequest("/ondernemer", { cookie: retailer.cookie }))))).json();
    expect(dashboard.invoices.map((i: { id: string }) => i.id)).toContain(invoice.id);
    const download = await respond(() => invoiceXml.loader(args(getRequest(`/facturen/${invoice.id}.xml`, { cookie: retailer.cookie }), { id: invoice.id })));
    expect(download.headers.get("Content-Disposition")).toBe(`attachment; filename="${invoice.number}.xml"`);
    expect(await download.text()).toBe(invoice.xml);
  });

  it("goes to the provider's accountant as a CSV, with the invoice linked from the earnings page", async () => {
    const csvRoute = await import("~/routes/aanbieder.facturen[.]csv");
    const earningsPage = await import("~/routes/aanbieder.verdiensten");
    const provider = await approvedProvider(admin.id);
    const engagementId = await engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId }, "completed", { voucher: true });
    const [invoice] = await documentsOf(engagementId);
    const csv = await (await respond(() => csvRoute.loader(args(getRequest("/aanbieder/facturen.csv", { cookie: provider.cookie }))))).text();
    // €1,300 + €273 VAT = €1,573 (docs/vouchers.md), in the Belgian spreadsheet's decimals.
    expect(csv).toBe(`Nummer;Soort;Datum;Klant;Bedrag excl. btw (EUR);Btw (EUR);Bedrag incl. btw (EUR)\r\n${invoice.number};factuur;${invoice.issuedOn};Winkel De Markt;1300,00;273,00;1573,00\r\n`);
    const earnings = await (await respond(() => earningsPage.loader(args(getRequest("/aanbieder/verdiensten", { cookie: provider.cookie }))))).json();
    expect(earnings.invoiceOf[engagementId]).toEqual({ id: invoice.id, number: invoice.number });
  });

  it("is in the voucher's evidence file with the decision, the declarations, the money and the audit trail (one ZIP, office only)", async () => {
    const { execFileSync } = await import("node:child_process");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const evidence = await import("~/routes/beheer.vouchers.$id.dossier[.]zip");
    const provider = await approvedProvider(admin.id, { companyName: "Zandloper Media" });
    const engagementId = await engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId }, "completed", { voucher: true });
    const [invoice] = await documentsOf(engagementId);
    const download = (cookie: string) => respond(() => evidence.loader(args(getRequest(`/beheer/vouchers/${invoice.voucherId}/dossier.zip`, { cookie }), { id: invoice.voucherId })));
    expect((await download(retailer.cookie)).status).toBe(403);
    const response = await download(admin.cookie);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="bewijsdossier-V-\d{4}-\d{6}\.zip"$/);
    // Read by Info-ZIP's unzip, not by us.
    const archive = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "koppel-evidence-")), "dossier.zip");
    fs.writeFileSync(archive, Buffer.from(await response.arrayBuffer()));
    expect(execFileSync("unzip", ["-Z1", archive], { encoding: "utf8" }).trim().split("\n")).toEqual(["overzicht.html", `facturen/${invoice.number}.xml`, "geschiedenis.csv"]);
    expect(execFileSync("unzip", ["-p", archive, `facturen/${invoice.number}.xml`], { encoding: "utf8" })).toBe(invoice.xml);
    const overview = execFileSync("unzip", ["-p", archive, "overzicht.html"], { encoding: "utf8" });
    for (const fact of ["Toegekend op", "geen dubbele financiering", "facturatieopdracht", "Zandloper Media", "voucherdeel", invoice.number]) expect(overview).toContain(fact);
    const trail = execFileSync("unzip", ["-p", archive, "geschiedenis.csv"], { encoding: "utf8" });
    for (const step of ["voucher.approve", "engagement.complete", "invoice.issue"]) expect(trail).toContain(step);
  });

  it("is not issued for a provider without a billing mandate", async () => {
    const provider = await approvedProvider(admin.id);
    await db.update(providers).set({ billingMandateAt: null }).where(eq(providers.userId, provider.id));
    const engagementId = await engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId }, "intake", { voucher: true });
    expect(await db.select().from(invoices).where(and(eq(invoices.engagementId, engagementId)))).toEqual([]);
  });
});

/*
 * Delivery (issue 23): on the embedded default by mail with the UBL attached; with an access point
 * over Peppol, faked here only at its HTTP edge, answering as docs/decisions/005-peppol-access-point.md
 * describes (a lookup that says 404 for a buyer not on Peppol, a 202 with the document's id).
 */
describe("delivering an invoice to its buyer", () => {
  async function fakeAccessPoint(onPeppol: Set<string>, options: { failSending?: boolean } = {}) {
    const http = await import("node:http");
    const received: { auth: string | undefined; body: string }[] = [];
    const server = http.createServer((request, response) => {
      const auth = request.headers.authorization;
      if (auth !== "Bearer geheim") return response.writeHead(401).end();
      const lookup = /^\/participants\/0208:(\d{10})$/.exec(request.url ?? "");
      if (request.method === "GET" && lookup) return response.writeHead(onPeppol.has(lookup[1]) ? 200 : 404).end();
      if (request.method === "POST" && request.url === "/documents") {
        let body = "";
        request.on("data", (chunk) => (body += chunk));
        request.on("end", () => {
          received.push({ auth, body });
          if (options.failSending) return response.writeHead(503).end("maintenance");
          response.writeHead(202, { "Content-Type": "application/json" }).end(JSON.stringify({ id: `doc-${received.length}` }));
        });
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  async function issued() {
    const provider = await approvedProvider(admin.id);
    const engagementId = await engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId }, "intake", { voucher: true });
    const [invoice] = await documentsOf(engagementId);
    return invoice;
  }
  /** The mails to the buyer about this document (every provider's first invoice is numbered -0001: its link tells them apart). */
  const mailsTo = async (invoice: { id: string }) => {
    const { outbox, users } = await import("~db/schema");
    const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, retailer.id));
    return (await db.select().from(outbox).where(eq(outbox.topic, "mail.send")))
      .map((m) => m.payload as { to: string; text: string; attachments?: { filename: string; content: string }[] })
      .filter((m) => m.to === email && m.text?.includes(`/facturen/${invoice.id}`));
  };

  it("mails the buyer the UBL on the embedded default, once", async () => {
    const { deliverInvoice } = await import("~/modules/invoices/index.server");
    const { invoiceDeliveries } = await import("~db/schema");
    const invoice = await issued();
    await deliverInvoice(invoice.id, null);
    await deliverInvoice(invoice.id, null);
    const mails = await mailsTo(invoice);
    expect(mails).toHaveLength(1);
    expect(mails[0].attachments?.map((a) => a.filename)).toEqual([`${invoice.number}.xml`]);
    expect(mails[0].attachments?.[0].content).toBe(invoice.xml);
    expect((await db.select().from(invoiceDeliveries).where(eq(invoiceDeliveries.invoiceId, invoice.id)))[0].channel).toBe("mail");
  });

  it("sends it over Peppol when the buyer is on the network, mails it when not, and retries when the access point is down", async () => {
    const { deliverInvoice, httpAccessPoint } = await import("~/modules/invoices/index.server");
    const { invoiceDeliveries } = await import("~db/schema");
    const onPeppol = await issued();
    const fake = await fakeAccessPoint(new Set([onPeppol.document.buyer.enterpriseNumber]));
    try {
      await deliverInvoice(onPeppol.id, httpAccessPoint(fake.url, "geheim"));
      expect(fake.received.map((r) => r.body)).toEqual([onPeppol.xml]);
      expect((await db.select().from(invoiceDeliveries).where(eq(invoiceDeliveries.invoiceId, onPeppol.id)))[0]).toMatchObject({ channel: "peppol", reference: "doc-1" });
      // The buyer is told, without a second copy to book.
      expect((await mailsTo(onPeppol)).map((m) => m.attachments)).toEqual([undefined]);
    } finally {
      await fake.close();
    }
    const notOnPeppol = await issued();
    const elsewhere = await fakeAccessPoint(new Set());
    try {
      await deliverInvoice(notOnPeppol.id, httpAccessPoint(elsewhere.url, "geheim"));
      expect(elsewhere.received).toEqual([]);
      expect((await mailsTo(notOnPeppol))[0].attachments?.[0].filename).toBe(`${notOnPeppol.number}.xml`);
    } finally {
      await elsewhere.close();
    }
    const later = await issued();
    const down = await fakeAccessPoint(new Set([later.document.buyer.enterpriseNumber]), { failSending: true });
    try {
      await expect(deliverInvoice(later.id, httpAccessPoint(down.url, "geheim"))).rejects.toThrow(/503/);
      expect(await db.select().from(invoiceDeliveries).where(eq(invoiceDeliveries.invoiceId, later.id))).toEqual([]);
    } finally {
      await down.close();
    }
  });
});
