import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { apiTokens, auditEvents, bids, budgetLedger, engagements, helpRequests, programmes, quickscans, settings, vouchers } from "~db/schema";
import { authenticateApiToken, createApiToken } from "~/modules/auth/index.server";
import { saveProviderProfile } from "~/modules/profiles/index.server";
import { getDashboardFigures, getWorkQueues } from "~/modules/reporting/index.server";
import { refreshSettings } from "~/modules/settings/index.server";
import * as healthz from "~/routes/healthz";
import * as privacyPage from "~/routes/privacy";
import * as rootModule from "~/root";
import { currentSettings, useSettingsForTest } from "../support/settings";
import { estimateVouchers } from "~/modules/vouchers/index.server";
import * as audit from "~/routes/beheer.audit";
import * as exportCsv from "~/routes/beheer.export.$kind[.]csv";
import * as users from "~/routes/beheer.gebruikers";
import * as settingsPage from "~/routes/beheer.instellingen";
import * as dashboard from "~/routes/beheer._index";
import * as report from "~/routes/beheer.programmas_.$id.rapport";
import * as retailerHome from "~/routes/ondernemer._index";
import { args, formRequest, getRequest, respond } from "../support/http";
import { account, approvedProvider, businessFor, engagementFor, providerProfile } from "../support/marketplace";

/*
 * The office's figures against a small world whose answers are worked out by hand below. This file
 * has its own database, so every count is exact.
 *
 *   request r1 (Brugge, retail)   published 2026-03-01, 2 bids, awarded 2026-03-05 to a starter (founded
 *                                  2024), completed 2026-04-04; quickscans 40 then 70; voucher A, approved
 *   request r2 (Kortrijk, tourism) published 2026-03-10, 1 bid, awarded 2026-03-20 to a provider founded
 *                                  2010, in intake; voucher B, requested
 *   request r3 (Brugge)            published 2026-03-12, no bids
 *   ledger (programme A)           reserve 975,00 on 03-06; redeem 300,00 on 03-20; redeem 675,00 on 04-04
 */
let admin: Awaited<ReturnType<typeof account>>;
let programmeA = "";
let programmeB = "";
let e1 = "";
let e2 = "";

async function programme(name: string) {
  const [row] = await db
    .insert(programmes)
    .values({ name, budgetCents: 10_000_000, eligibleSectors: ["retail", "tourism", "hospitality"], opensOn: "2026-01-01", closesOn: "2027-12-31", iban: "BE68539007547034" })
    .returning({ id: programmes.id });
  return row.id;
}
const at = (iso: string) => new Date(`${iso}T10:00:00Z`);

beforeAll(async () => {
  admin = await account("admin");
  const owner = await account("retailer");
  const brugge = await businessFor(owner.id, { name: "Winkel Brugge", sector: "retail" });
  const kortrijk = await businessFor(owner.id, { name: "Logies Kortrijk", sector: "tourism", nisCode: "34022", postalCode: "8500" });
  const starter = await approvedProvider(admin.id, { foundedOn: "2024-01-01", sectors: ["retail", "tourism"] });
  const veteran = await approvedProvider(admin.id, { foundedOn: "2010-01-01", sectors: ["retail", "tourism"], baseNisCode: "34022" });
  e1 = await engagementFor({ adminId: admin.id, retailerId: owner.id, providerUserId: starter.id, businessId: brugge.id }, "completed");
  e2 = await engagementFor({ adminId: admin.id, retailerId: owner.id, providerUserId: veteran.id, businessId: kortrijk.id }, "intake");
  const [one] = await db.select().from(engagements).where(eq(engagements.id, e1));
  const [two] = await db.select().from(engagements).where(eq(engagements.id, e2));
  // A second bid on r1 (the veteran's), and r3 without any.
  await db.update(helpRequests).set({ publishedAt: at("2026-03-01") }).where(eq(helpRequests.id, one.helpRequestId));
  await db.update(helpRequests).set({ publishedAt: at("2026-03-10") }).where(eq(helpRequests.id, two.helpRequestId));
  await db.update(engagements).set({ createdAt: at("2026-03-05"), completedAt: at("2026-04-04") }).where(eq(engagements.id, e1));
  await db.update(engagements).set({ createdAt: at("2026-03-20") }).where(eq(engagements.id, e2));
  const [won] = await db.select().from(bids).where(eq(bids.helpRequestId, one.helpRequestId));
  const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = won;
  await db.insert(bids).values({ ...copy, providerId: veteran.providerId, status: "rejected" });
  await db.insert(helpRequests).values({
    businessId: brugge.id,
    title: "Zonder voorstellen",
    description: "x",
    services: ["website"],
    budgetBand: "1000_2500",
    bidDeadline: at("2026-03-26"),
    maxBids: 5,
    status: "expired",
    publishedAt: at("2026-03-12"),
  });
  await db.insert(quickscans).values([
    { businessId: brugge.id, overallScore: 40, answers: {}, dimensionScores: {}, recommendedServices: [], createdAt: at("2026-02-01") },
    { businessId: brugge.id, overallScore: 70, answers: {}, dimensionScores: {}, recommendedServices: [], createdAt: at("2026-04-10") },
    { businessId: kortrijk.id, overallScore: 20, answers: {}, dimensionScores: {}, recommendedServices: [], createdAt: at("2026-02-01") },
    { businessId: kortrijk.id, overallScore: 90, answers: {}, dimensionScores: {}, recommendedServices: [], createdAt: at("2026-04-10") },
  ]);

  programmeA = await programme("Programma A");
  programmeB = await programme("Programma B");
  const [voucherA] = await db
    .insert(vouchers)
    .values({ programmeId: programmeA, engagementId: e1, businessId: brugge.id, amountCents: 97_500, ownShareCents: 59_800, status: "approved", noDoubleFundingDeclaredAt: new Date(), createdAt: at("2026-03-06") })
    .returning();
  await db.insert(vouchers).values({ programmeId: programmeB, engagementId: e2, businessId: kortrijk.id, amountCents: 50_000, ownShareCents: 40_000, status: "requested", noDoubleFundingDeclaredAt: new Date(), createdAt: at("2026-03-21") });
  await db.update(programmes).set({ committedCents: 97_500 }).where(eq(programmes.id, programmeA));
  await db.insert(budgetLedger).values([
    { programmeId: programmeA, voucherId: voucherA.id, kind: "reserve", amountCents: 97_500, createdAt: at("2026-03-06") },
    { programmeId: programmeA, voucherId: voucherA.id, kind: "redeem", amountCents: 30_000, createdAt: at("2026-03-20") },
    { programmeId: programmeA, voucherId: voucherA.id, kind: "redeem", amountCents: 67_500, createdAt: at("2026-04-04") },
  ]);
  // One provider waiting for vetting.
  const pending = await account("provider");
  await saveProviderProfile(pending.id, providerProfile({ companyName: "Nog Te Screenen", foundedOn: "2025-01-01", services: ["website"] }));
});

describe("dashboard figures", () => {
  it("add up to the hand-worked values over everything", async () => {
    const f = await getDashboardFigures({}, 5);
    expect(f.funnel).toEqual({ published: 3, withBids: 2, awarded: 2, started: 2, completed: 1 });
    expect(f.vouchersByStatus).toEqual([
      { status: "approved", count: 1, cents: 97_500 },
      { status: "requested", count: 1, cents: 50_000 },
    ]);
    expect(f.burnUp).toEqual([
      { day: "2026-03-06", spentCents: 0, committedCents: 97_500 },
      { day: "2026-03-20", spentCents: 30_000, committedCents: 97_500 },
      { day: "2026-04-04", spentCents: 97_500, committedCents: 97_500 },
    ]);
    expect(f.bySector).toEqual([
      { key: "retail", label: "retail", engagements: 1, completed: 1, redeemedCents: 97_500 },
      { key: "tourism", label: "tourism", engagements: 1, completed: 0, redeemedCents: 0 },
    ]);
    expect(f.byArrondissement.map((g) => [g.label, g.engagements])).toEqual([
      ["Brugge", 1],
      ["Kortrijk", 1],
    ]);
    expect(f.byMunicipality.map((g) => [g.key, g.engagements, g.completed])).toEqual([
      ["31005", 1, 1],
      ["34022", 1, 0],
    ]);
    // Starters: 1 of 2. Maturity gain only for the completed engagement's business: 70 − 40 = 30.
    // Days to award: 4 (r1) and 10 (r2), median 7. Award to completion: 30 (r1 only).
    expect(f.outcomes).toEqual({ engagements: 2, starterEngagements: 1, starterShare: 0.5, averageMaturityGain: 30, medianDaysToAward: 7, medianDaysToComplete: 30 });
  });

  it("narrow to one programme's engagements, and to a period", async () => {
    const a = await getDashboardFigures({ programmeId: programmeA }, 5);
    expect(a.outcomes).toMatchObject({ engagements: 1, starterShare: 1, medianDaysToAward: 4 });
    expect(a.vouchersByStatus).toEqual([{ status: "approved", count: 1, cents: 97_500 }]);
    expect(a.bySector.map((g) => g.key)).toEqual(["retail"]);
    const b = await getDashboardFigures({ programmeId: programmeB }, 5);
    expect(b.burnUp).toEqual([]);

    const late = await getDashboardFigures({ from: "2026-03-15", until: "2026-03-31" }, 5);
    expect(late.outcomes).toMatchObject({ engagements: 1, starterShare: 0, medianDaysToAward: 10, medianDaysToComplete: null });
    expect(late.burnUp).toEqual([{ day: "2026-03-20", spentCents: 30_000, committedCents: 0 }]);
    expect(late.funnel).toEqual({ published: 0, withBids: 0, awarded: 0, started: 0, completed: 0 });
  });

  it("count the work queues", async () => {
    expect(await getWorkQueues()).toEqual({ vetting: 1, vouchers: 1, relatedParty: 0, payments: 0, disputes: 0, paymentProblems: 0 });
    // Refunds waiting are counted by the payments module, by the same rule as its refund list.
    const { countRefundsWaiting } = await import("~/modules/payments/index.server");
    expect(await countRefundsWaiting()).toBe(0);
  });

  it("render for the office only, with malformed filters dropped", async () => {
    const page = await respond(() => dashboard.loader(args(getRequest("/beheer?programme=geen-uuid&from=gisteren", { cookie: admin.cookie }))));
    expect(page.status).toBe(200);
    const data = await page.json();
    expect(data.filter).toEqual({});
    expect(data.figures.funnel.published).toBe(3);
    const retailer = await account("retailer");
    expect((await respond(() => dashboard.loader(args(getRequest("/beheer", { cookie: retailer.cookie }))))).status).toBe(403);
    const printable = await respond(() => report.loader(args(getRequest(`/beheer/programmas/${programmeA}/rapport`, { cookie: admin.cookie }), { id: programmeA })));
    expect((await printable.json()).programme.budget).toMatchObject({ budgetCents: 10_000_000, redeemedCents: 97_500, reservedCents: 0, availableCents: 9_902_500 });
    expect((await respond(() => report.loader(args(getRequest("/beheer/programmas/x/rapport", { cookie: admin.cookie }), { id: "x" })))).status).toBe(404);
  });
});

describe("exports", () => {
  const download = (kind: string, cookie = admin.cookie) => respond(() => exportCsv.loader(args(getRequest(`/beheer/export/${kind}.csv`, { cookie }), { kind })));

  it("give every kind as a Belgian Excel CSV with one row per record, each export audited", async () => {
    const expected: Record<string, [header: string, rows: number]> = {
      businesses: ["Naam;Ondernemingsnummer;Sector;NACE-code;Gemeente;Postcode;Aangemaakt op", 2],
      providers: ["Bedrijf;Ondernemingsnummer;Soort;Status;Gemeente;Uurtarief (EUR);Opgericht op;Aangemaakt op", 3],
      requests: ["Titel;Zaak;Gemeente;Status;Budget;Gepubliceerd op;Voorstellen tot;Aantal voorstellen", 3],
      engagements: ["Traject;Zaak;Aanbieder;Gemeente;Fase;Prijs excl. btw (EUR);Toegekend op;Afgerond op", 2],
      vouchers: ["Voucher;Programma;Zaak;Status;Bedrag (EUR);Eigen bijdrage (EUR);Gestructureerde mededeling;Aangevraagd op;Beslist op;Betaald op", 2],
      payments: ["Voucher;Zaak;Wijze;Status;Bedrag (EUR);Gestructureerde mededeling;Betaald op", 1],
      payouts: ["Aanbieder;Traject;Soort;Bedrag (EUR);Batch;Uitbetaald op", 0],
    };
    for (const [kind, [header, rows]] of Object.entries(expected)) {
      const response = await download(kind);
      expect(response.headers.get("Content-Disposition"), kind).toMatch(new RegExp(`^attachment; filename="koppel-${kind}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)], kind).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes.subarray(3)).split("\r\n");
      expect(lines[0], kind).toBe(header);
      expect(lines.length - 2, kind).toBe(rows);
    }
    const vouchersCsv = new TextDecoder().decode(new Uint8Array(await (await download("vouchers")).arrayBuffer()));
    // Codes in the words the office reads elsewhere; moments in Brussels time.
    expect(vouchersCsv).toMatch(/;Programma A;Winkel Brugge;Toegekend;975,00;598,00;/);
    const businessesCsv = new TextDecoder().decode(new Uint8Array(await (await download("businesses")).arrayBuffer()));
    expect(businessesCsv).toMatch(/;Kleinhandel;/);
    expect(businessesCsv).not.toMatch(/;retail;/);
    const requestsCsv = new TextDecoder().decode(new Uint8Array(await (await download("requests")).arrayBuffer()));
    expect(requestsCsv).not.toMatch(/;(open|awarded|draft|expired|cancelled);/);
    const logged = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "export.csv"), eq(auditEvents.actorId, admin.id)));
    expect(logged.map((e) => e.entityId).sort()).toEqual([...Object.keys(expected), "vouchers", "businesses", "requests"].sort());
    expect(logged.find((e) => e.entityId === "businesses")?.data).toEqual({ rows: 2 });
  });

  it("refuse other roles and unknown kinds", async () => {
    const staff = await account("municipality", ["31005"]);
    expect((await download("businesses", staff.cookie)).status).toBe(403);
    expect((await download("wachtwoorden")).status).toBe(404);
  });
});

describe("settings", () => {
  const fields = (overrides: Record<string, string> = {}) => ({
    "weights.coverage": "25",
    "weights.sector": "10",
    "weights.distance": "10",
    "weights.text": "8",
    "weights.quality": "12",
    "weights.capacity": "8",
    "weights.starter": "15",
    "weights.price": "12",
    "weights.exposure": "20",
    invitationCount: "7",
    maxBids: "6",
    autoApproveDays: "10",
    transferGraceDays: "4",
    starterMaxAgeYears: "4",
    vatPercent: "6",
    ...overrides,
  });
  const save = (f: Record<string, string>) => respond(() => settingsPage.action(args(formRequest("/beheer/instellingen", f, { cookie: admin.cookie }))));

  it("refuse values out of bounds and weights that do not add up to 100, storing nothing", async () => {
    const bads: Record<string, string>[] = [{ "weights.coverage": "30" }, { invitationCount: "0" }, { maxBids: "99" }, { vatPercent: "31" }, { autoApproveDays: "veertien" }, { transferGraceDays: "16" }];
    for (const bad of bads) {
      const response = await save(fields(bad));
      expect(response.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await db.select().from(settings)).toHaveLength(0);
    expect(currentSettings().invitationCount).toBe(5);
  });

  it("store, audit and apply a valid change, so new requests and prices use it", async () => {
    const response = await save(fields());
    expect(response.status).toBe(302);
    const snapshot = currentSettings();
    expect({ invitationCount: snapshot.invitationCount, maxBids: snapshot.maxBids, vat: snapshot.vatBasisPoints, starter: snapshot.weights.starter, grace: snapshot.transferGraceDays }).toEqual({
      grace: 4,
      invitationCount: 7,
      maxBids: 6,
      vat: 600,
      starter: 15,
    });
    // The snapshot cannot be written into: a change goes through saveSettings, audited, or not at all.
    expect(Object.isFrozen(snapshot) && Object.isFrozen(snapshot.weights)).toBe(true);
    expect((await estimateVouchers([{ priceCents: 10_000, vatStatus: "registered" }]))[0].priceInclVatCents).toBe(10_600);
    const [entry] = await db.select().from(auditEvents).where(eq(auditEvents.action, "settings.update"));
    expect(entry).toMatchObject({ actorId: admin.id, entityType: "settings" });
    expect(entry.data).toMatchObject({ invitationCount: { from: 5, to: 7 }, vatBasisPoints: { from: 2100, to: 600 } });
    expect(entry.data).not.toHaveProperty("maxBids.from", 6);

    // Another process picks the stored values up on its next refresh, and its /healthz says which.
    const [stored] = await db.select().from(settings);
    useSettingsForTest({ ...snapshot, vatBasisPoints: 2100 });
    await refreshSettings();
    expect(currentSettings().vatBasisPoints).toBe(600);
    expect((await (await respond(() => healthz.loader())).json()).settings).toBe(stored.updatedAt.toISOString());

    const page = await respond(() => settingsPage.loader(args(getRequest("/beheer/instellingen", { cookie: admin.cookie }))));
    expect((await page.json()).current).toMatchObject({ invitationCount: 7, vatBasisPoints: 600 });
    // Back to the defaults for the rest of the file.
    expect((await save(fields({ "weights.coverage": "30", "weights.starter": "10", "weights.exposure": "15", invitationCount: "5", maxBids: "5", autoApproveDays: "14", transferGraceDays: "3", starterMaxAgeYears: "5", vatPercent: "21" }))).status).toBe(302);
    expect(currentSettings().vatBasisPoints).toBe(2100);
  });

  it("keep the office's contact details, shown on the privacy page and in every page's footer", async () => {
    const before = await respond(() => privacyPage.loader());
    expect((await before.json()).contact).toEqual({ phone: null, address: "" });
    expect((await save(fields({ contactEmail: "geen adres" }))).status).toBe(400);
    expect((await save(fields({ contactPhone: "12" }))).status).toBe(400);

    const contact = { contactEmail: "Koppel@POM.voorbeeld.be", contactPhone: "050 14 01 50", contactAddress: "Baron Ruzettelaan 33, 8310 Brugge" };
    expect((await save(fields(contact))).status).toBe(302);
    const shown = { email: "koppel@pom.voorbeeld.be", phone: "050 14 01 50", address: "Baron Ruzettelaan 33, 8310 Brugge" };
    expect((await (await respond(() => privacyPage.loader())).json()).contact).toEqual(shown);
    const root = await respond(() => rootModule.loader(args(getRequest("/over"))));
    expect((await root.json()).contact).toEqual(shown);

    // Cleared again, they disappear.
    expect((await save(fields())).status).toBe(302);
    expect((await (await respond(() => privacyPage.loader())).json()).contact).toEqual({ phone: null, address: "" });
  });
});

describe("users", () => {
  it("invite staff with an audit entry naming the role", async () => {
    const response = await respond(() =>
      users.action(args(formRequest("/beheer/gebruikers", { name: "Dienst Economie Ieper", email: "economie@ieper.voorbeeld.be", role: "municipality", municipalities: ["33011"] }, { cookie: admin.cookie }))),
    );
    expect(response.status).toBe(302);
    const [entry] = await db.select().from(auditEvents).where(eq(auditEvents.action, "user.invite"));
    expect(entry).toMatchObject({ actorId: admin.id, toState: "municipality", data: { municipalities: ["33011"] } });
  });

  it("deactivate a user: sessions and tokens stop at once, audited; reactivation lets them log in again", async () => {
    const user = await account("retailer");
    const { token } = await createApiToken(user.id);
    expect(await authenticateApiToken(token)).not.toBeNull();
    const toggle = (intent: string, userId = user.id) => respond(() => users.action(args(formRequest("/beheer/gebruikers", { intent, userId }, { cookie: admin.cookie }))));
    expect((await toggle("deactivate")).status).toBe(302);
    expect((await respond(() => retailerHome.loader(args(getRequest("/ondernemer", { cookie: user.cookie }))))).status).toBe(302);
    expect(await authenticateApiToken(token)).toBeNull();
    expect((await db.select().from(apiTokens).where(eq(apiTokens.userId, user.id)))[0].revokedAt).not.toBeNull();
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "user.deactivate")))).toHaveLength(1);

    expect((await toggle("deactivate")).status).toBe(302);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "user.deactivate")))).toHaveLength(1);
    expect((await toggle("reactivate")).status).toBe(302);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "user.reactivate")))).toHaveLength(1);
    // Their own account is not the office's to lock itself out of.
    expect((await toggle("deactivate", admin.id)).status).toBe(302);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, admin.id), eq(auditEvents.action, "user.deactivate")))).toHaveLength(0);
  });
});

describe("audit log viewer", () => {
  const view = (query: string) => respond(() => audit.loader(args(getRequest(`/beheer/audit${query}`, { cookie: admin.cookie }))));

  it("filters by actor, entity, action and date, newest first", async () => {
    const all = await (await view("")).json();
    expect(all.events.length).toBeGreaterThan(5);
    expect(all.events.map((e: { id: number }) => e.id)).toEqual([...all.events.map((e: { id: number }) => e.id)].sort((a, b) => b - a));
    const exports = await (await view("?action=export")).json();
    expect(exports.events.length).toBeGreaterThan(0);
    expect(exports.events.every((e: { action: string }) => e.action.startsWith("export"))).toBe(true);
    const settingsOnly = await (await view("?entity=settings")).json();
    expect(settingsOnly.events.every((e: { entityType: string }) => e.entityType === "settings")).toBe(true);
    const [me] = await db.select({ email: sql<string>`email` }).from(sql`users`).where(sql`id = ${admin.id}`);
    const mine = await (await view(`?actor=${encodeURIComponent(me.email)}`)).json();
    expect(mine.events.every((e: { actorEmail: string }) => e.actorEmail === me.email)).toBe(true);
    expect((await (await view("?until=2000-01-01")).json()).events).toEqual([]);
    expect((await (await view("?from=onzin")).json()).filter).toEqual({});
    const provider = await account("provider");
    expect((await respond(() => audit.loader(args(getRequest("/beheer/audit", { cookie: provider.cookie }))))).status).toBe(403);
  });

  it("names what each line is about instead of an id (issue 22, item 13), linked where the office can open it", async () => {
    const { acceptedBid, newProgramme } = await import("../support/marketplace");
    const { approveVoucher } = await import("~/modules/engagements/index.server");
    const retailer = await account("retailer");
    const business = await businessFor(retailer.id);
    await newProgramme(1_000_000, { name: "Auditnamen", maxVouchersPerBusiness: 100 });
    const provider = await approvedProvider(admin.id, { companyName: "Leiedigitaal", services: ["webshop"] });
    const { voucher, engagementId } = await acceptedBid({ retailerId: retailer.id, businessId: business.id, providerUserId: provider.id }, { services: ["webshop"], price: { advicePrice: "400", implementationPrice: "900" } });
    expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: true });
    const page = await (await view("?entity=voucher")).json();
    const line = page.events.find((e: { entityId: string; action: string }) => e.entityId === voucher.id && e.action === "voucher.approve");
    const [{ dossier }] = await db.select({ dossier: vouchers.dossierNumber }).from(vouchers).where(eq(vouchers.id, voucher.id));
    const [{ name }] = await db.select({ name: sql<string>`name` }).from(sql`businesses`).where(sql`id = ${business.id}`);
    expect(page.names[`voucher:${line.entityId}`]).toEqual({ name: `${dossier} · ${name}`, href: `/trajecten/${engagementId}` });
    const engagementsPage = await (await view("?entity=engagement")).json();
    expect(engagementsPage.names[`engagement:${engagementId}`]).toEqual({ name: `${name} · Leiedigitaal`, href: `/trajecten/${engagementId}` });
  });

  it("has no path to change a line: the database refuses", async () => {
    await expect(db.update(auditEvents).set({ reason: "herschreven" }).where(sql`true`)).rejects.toThrow();
    await expect(db.delete(auditEvents).where(sql`true`)).rejects.toThrow();
  });
});
