import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { auditEvents, businesses, outbox, payoutBatches, programmes, providers, users, vouchers } from "~db/schema";
import { createPayoutBatch, listPayables, sepaCreditTransferXml, sepaText } from "~/modules/payments/index.server";
import * as payoutsPage from "~/routes/beheer.uitbetalingen";
import { args, formRequest, respond } from "../support/http";
import { saveProviderProfile } from "~/modules/profiles/index.server";
import { account, approvedProvider, businessFor, engagementFor, providerProfile } from "../support/marketplace";
import { painErrors } from "../support/xsd";

/*
 * A payout file a Belgian bank accepts: valid against the official pain.001.001.03 schema, names
 * and texts in the EPC character set and within the schema's lengths, the debtor as it stood when
 * the batch was made, and an execution date that is a Belgian banking day and never in the past.
 */

let batchId = "";
let programmeId = "";

beforeAll(async () => {
  const admin = await account("admin");
  const retailer = await account("retailer");
  const business = await businessFor(retailer.id);
  const [programme] = await db
    .insert(programmes)
    .values({ name: "Relance West-Vlaanderen – Digitale Handel & Horeca", budgetCents: 1_000_000, eligibleSectors: ["retail"], opensOn: "2020-01-01", closesOn: "2099-12-31", iban: "BE68539007547034", bic: "GKCCBEBB" })
    .returning({ id: programmes.id });
  programmeId = programme.id;
  const provider = await approvedProvider(admin.id, { companyName: "Pixels & Café Zeeën — Webateliers voor de Westhoek, de Kust en het Brugse Ommeland" });
  await db.update(providers).set({ iban: "BE71 0961 2345 6769" }).where(eq(providers.id, provider.providerId));
  await engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId: business.id }, "completed", { voucher: true });
  const batch = await createPayoutBatch(admin.id);
  if (!batch.ok) throw new Error(batch.error);
  batchId = batch.batchId;
});

describe("a SEPA payout file", () => {
  it("is valid against the ISO 20022 schema", async () => {
    const xml = (await sepaCreditTransferXml(batchId))!;
    expect(await painErrors(xml)).toEqual([]);
    expect(xml).toContain("<DbtrAgt><FinInstnId><BIC>GKCCBEBB</BIC></FinInstnId></DbtrAgt>");
  });

  it("carries names and remittance text in the EPC character set, cut to the schema's lengths", async () => {
    const xml = (await sepaCreditTransferXml(batchId))!;
    const creditor = /<Cdtr><Nm>([^<]*)<\/Nm><\/Cdtr>/.exec(xml)![1];
    // The em dash is a hyphen in the EPC set (it used to vanish).
    expect(creditor).toBe("Pixels + Cafe Zeeen - Webateliers voor de Westhoek, de Kust en het Bru");
    expect(creditor.length).toBeLessThanOrEqual(70);
    expect(/<Dbtr><Nm>([^<]*)<\/Nm><\/Dbtr>/.exec(xml)![1]).toBe("Relance West-Vlaanderen - Digitale Handel + Horeca");
    for (const [, text] of xml.matchAll(/<(?:Nm|Ustrd|EndToEndId|MsgId|PmtInfId)>([^<]*)</g)) expect(text).toMatch(/^[A-Za-z0-9/\-?:().,'+ ]*$/);
    expect(/<Ustrd>([^<]*)<\/Ustrd>/.exec(xml)![1].length).toBeLessThanOrEqual(140);
  });

  it("tells the provider on their statement what the money is for: the engagement's business (issue 22, item 13)", async () => {
    const xml = (await sepaCreditTransferXml(batchId))!;
    // The business of beforeAll's engagement, "Winkel De Markt" (tests/support/marketplace.ts).
    expect(/<Ustrd>([^<]*)<\/Ustrd>/.exec(xml)![1]).toBe(`Koppel uitbetaling ${batchId.slice(0, 8)}: traject met Winkel De Markt`);
  });

  it("is the same file when downloaded again, even after the programme's account changed", async () => {
    const now = new Date();
    const first = await sepaCreditTransferXml(batchId, now);
    await db.update(programmes).set({ iban: "BE62510007547061", name: "Hernoemd", bic: null }).where(eq(programmes.id, programmeId));
    expect(await sepaCreditTransferXml(batchId, now)).toBe(first);
    expect(first).toContain("<DbtrAcct><Id><IBAN>BE68539007547034</IBAN></Id></DbtrAcct>");
  });

  it("pays the account the batch was made with: an IBAN changed or removed afterwards changes nothing in its file", async () => {
    const now = new Date();
    const first = (await sepaCreditTransferXml(batchId, now))!;
    expect(first).toContain("<CdtrAcct><Id><IBAN>BE71096123456769</IBAN></Id></CdtrAcct>");
    const [paid] = await db.select({ id: providers.id }).from(providers).where(eq(providers.iban, "BE71 0961 2345 6769"));
    // The textbook diversion: the account changed after the batch was made.
    await db.update(providers).set({ iban: "BE62 5100 0754 7061", companyName: "Iemand Anders" }).where(eq(providers.id, paid.id));
    expect(await sepaCreditTransferXml(batchId, now)).toBe(first);
    await db.update(providers).set({ iban: null }).where(eq(providers.id, paid.id));
    const again = (await sepaCreditTransferXml(batchId, now))!;
    expect(again).toBe(first);
    expect(await painErrors(again)).toEqual([]);
  });

  it("audits a provider's IBAN change with its old and new value, and mails the account's own address at once", async () => {
    const admin = await account("admin");
    const provider = await approvedProvider(admin.id);
    expect((await saveProviderProfile(provider.id, providerProfile({ iban: "BE71 0961 2345 6769" }))).ok).toBe(true);
    expect((await saveProviderProfile(provider.id, providerProfile({ iban: "BE62 5100 0754 7061" }))).ok).toBe(true);
    const changes = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, provider.providerId), eq(auditEvents.action, "provider.iban_change")));
    expect(changes.map((c) => c.data)).toEqual([{ oldIban: "BE71096123456769", newIban: "BE62510007547061" }]);
    const [owner] = await db.select({ email: users.email }).from(users).where(eq(users.id, provider.id));
    const mails = (await db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.topic, "mail.send"))).map((r) => r.payload).filter((m) => m.to === owner.email && m.subject === "Je rekeningnummer op Koppel is gewijzigd");
    expect(mails).toHaveLength(1);
    // Masked in the mail: the country, the check digits and the last four digits.
    expect(String(mails[0].text)).toContain("van BE71 •••• 6769 naar BE62 •••• 7061");
    // Saving the profile again without touching the IBAN changes nothing.
    expect((await saveProviderProfile(provider.id, providerProfile({ iban: "be62 5100 0754 7061" }))).ok).toBe(true);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, provider.providerId), eq(auditEvents.action, "provider.iban_change")))).toHaveLength(1);
  });

  it("holds a provider's payouts after an IBAN change until the office confirms it", async () => {
    const admin = await account("admin");
    const retailer = await account("retailer");
    const business = await businessFor(retailer.id);
    const provider = await approvedProvider(admin.id);
    expect((await saveProviderProfile(provider.id, providerProfile({ iban: "BE71 0961 2345 6769" }))).ok).toBe(true);
    await engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId: business.id }, "completed", { voucher: true });
    // The account changes while money is owed: nothing goes to the new account yet.
    expect((await saveProviderProfile(provider.id, providerProfile({ iban: "BE62 5100 0754 7061" }))).ok).toBe(true);
    const owed = async () => (await listPayables()).find((p) => p.providerId === provider.providerId)!;
    expect(await owed()).toMatchObject({ ibanValid: true, ready: false });
    const batch = await createPayoutBatch(admin.id);
    expect(batch.skipped).toContain((await owed()).name);
    // Its lines stayed out of the batch: still owed, and the office can open what they are made of
    // (issue 22, item 13): the engagement's business, milestone and part, adding up to the total.
    const stillOwed = await owed();
    expect(stillOwed.lines).toBeGreaterThan(0);
    expect(stillOwed.detail).toHaveLength(stillOwed.lines);
    expect(stillOwed.detail.every((l) => l.business === "Winkel De Markt" && ["advice", "implementation"].includes(l.phase))).toBe(true);
    expect(stillOwed.detail.reduce((sum, l) => sum + l.amountCents, 0)).toBe(stillOwed.totalCents);
    // The office checked it with the provider, and confirms on the payouts page.
    const confirm = () => respond(() => payoutsPage.action(args(formRequest("/beheer/uitbetalingen", { intent: "confirm-iban", providerId: provider.providerId }, { cookie: admin.cookie }))));
    expect((await confirm()).status).toBe(302);
    expect(await owed()).toMatchObject({ ready: true });
    expect((await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, provider.providerId), eq(auditEvents.action, "provider.iban_confirm")))).map((a) => a.actorId)).toEqual([admin.id]);
    // Nothing left to confirm: a second click is not found.
    expect((await confirm()).status).toBe(404);
  });

  it("checks related parties again when the new IBAN is a customer's own account, and warns before the office confirms", async () => {
    const admin = await account("admin");
    const retailer = await account("retailer");
    // Two shops of one owner, both banking on the same account (one voucher per business per programme).
    const [business, second] = [await businessFor(retailer.id), await businessFor(retailer.id)];
    await db.update(businesses).set({ iban: "BE62 5100 0754 7061" }).where(inArray(businesses.id, [business.id, second.id]));
    const provider = await approvedProvider(admin.id);
    expect((await saveProviderProfile(provider.id, providerProfile({ iban: "BE71 0961 2345 6769" }))).ok).toBe(true);
    const parties = { adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id };
    await engagementFor({ ...parties, businessId: business.id }, "completed", { voucher: true });
    const running = await engagementFor({ ...parties, businessId: second.id }, "intake", { voucher: true });
    const [before] = await db.select().from(vouchers).where(eq(vouchers.engagementId, running));
    expect(before.relatedParty).not.toContain("iban");
    // The textbook diversion: the provider's account becomes the customer's (or a stolen account's choice).
    expect((await saveProviderProfile(provider.id, providerProfile({ iban: "BE62 5100 0754 7061" }))).ok).toBe(true);
    const [after] = await db.select().from(vouchers).where(eq(vouchers.engagementId, running));
    expect(after.relatedParty).toContain("iban");
    expect((await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, after.id), eq(auditEvents.action, "voucher.related_party")))).map((a) => a.data)).toEqual([{ relatedParty: ["iban"] }]);
    const [{ name }] = await db.select({ name: businesses.name }).from(businesses).where(eq(businesses.id, business.id));
    const [{ name: secondName }] = await db.select({ name: businesses.name }).from(businesses).where(eq(businesses.id, second.id));
    expect((await listPayables()).find((p) => p.providerId === provider.providerId)).toMatchObject({ ready: false, ibanOfCustomers: expect.arrayContaining([name, secondName]) });
  });

  it("shows a provider every euro earned per milestone, and tells them when a batch pays it (issue 22, item 3)", async () => {
    const { listEarnings } = await import("~/modules/payments/index.server");
    const admin = await account("admin");
    const retailer = await account("retailer");
    const business = await businessFor(retailer.id);
    const provider = await approvedProvider(admin.id);
    await db.update(providers).set({ iban: "BE71 0961 2345 6769" }).where(eq(providers.id, provider.providerId));
    await engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId: business.id }, "completed", { voucher: true });
    // By hand, €400 + €900 at 75 % and 21 %: advice €300.00 + €184.00, implementation €675.00 + €414.00.
    const before = await listEarnings(provider.id);
    expect(before.lines.map((l) => [l.position, l.voucherCents, l.ownShareCents, l.paidAt]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, 30_000, 18_400, null],
      [2, 67_500, 41_400, null],
    ]);
    expect([before.owedCents, before.paidCents]).toEqual([157_300, 0]);
    const batch = await createPayoutBatch(admin.id);
    if (!batch.ok) throw new Error(batch.error);
    const after = await listEarnings(provider.id);
    expect([after.owedCents, after.paidCents]).toEqual([0, 157_300]);
    expect(after.lines.every((l) => l.paidAt instanceof Date && l.batchId === batch.batchId)).toBe(true);
    const [owner] = await db.select({ email: users.email }).from(users).where(eq(users.id, provider.id));
    const mails = (await db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.topic, "mail.send"))).map((r) => r.payload).filter((m) => m.to === owner.email);
    const paid = mails.find((m) => String(m.subject).startsWith("Uitbetaling van"));
    const { formatMoney } = await import("~/lib/format");
    expect(paid?.subject).toBe(`Uitbetaling van ${formatMoney(157_300, "nl")} onderweg naar je rekening`);
    expect(String(paid?.text)).toContain("naar BE71 •••• 6769");
  });

  it("makes one batch of two clicks at the same moment, never an empty one", async () => {
    const admin = await account("admin");
    const retailer = await account("retailer");
    const business = await businessFor(retailer.id);
    const provider = await approvedProvider(admin.id);
    await db.update(providers).set({ iban: "BE62 5100 0754 7061" }).where(eq(providers.id, provider.providerId));
    await engagementFor({ adminId: admin.id, retailerId: retailer.id, providerUserId: provider.id, businessId: business.id }, "completed", { voucher: true });
    const before = (await db.select({ id: payoutBatches.id }).from(payoutBatches)).length;
    const results = await Promise.all([createPayoutBatch(admin.id), createPayoutBatch(admin.id)]);
    expect((await db.select({ id: payoutBatches.id }).from(payoutBatches)).length - before).toBe(1);
    expect(results.map((r) => (r.ok ? "batch" : r.error)).sort()).toEqual(["batch", "nothingToPay"]);
  });

  it("writes names in the EPC character set: Ø as O, an en dash as a hyphen, and never an empty name", () => {
    expect(sepaText("Ørsted Søren ApS", 70)).toBe("Orsted Soren ApS");
    expect(sepaText("Programma 2026–2027", 70)).toBe("Programma 2026-2027");
    expect(sepaText("Straße & Œuvre", 70)).toBe("Strasse + OEuvre");
    expect(sepaText("Αθηνά", 70, "Begunstigde")).toBe("Begunstigde");
  });

  it("asks for execution on the next Belgian banking day, never in the past", async () => {
    await db.update(payoutBatches).set({ paidAt: new Date("2026-12-18T10:00:00Z") }).where(eq(payoutBatches.id, batchId));
    const executionOn = async (now: string) => /<ReqdExctnDt>([^<]+)</.exec((await sepaCreditTransferXml(batchId, new Date(now)))!)![1];
    // Made on Friday 18 December, downloaded the same day: that day.
    expect(await executionOn("2026-12-18T15:00:00Z")).toBe("2026-12-18");
    // Downloaded on Saturday: Monday.
    expect(await executionOn("2026-12-19T09:00:00Z")).toBe("2026-12-21");
    // Thursday 24 December at 23:30 in Brussels is still the 24th; at 00:30 it is Christmas, then
    // Boxing Day (TARGET2 closed) and a Sunday: Monday the 28th.
    expect(await executionOn("2026-12-24T22:30:00Z")).toBe("2026-12-24");
    expect(await executionOn("2026-12-24T23:30:00Z")).toBe("2026-12-28");
  });
});
