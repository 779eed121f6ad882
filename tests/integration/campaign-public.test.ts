import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { budgetLedger, campaignParticipants, programmes, quickscans, vouchers } from "~db/schema";
import { CampaignFeedSchema, getMunicipalFigures } from "~/modules/campaigns/index.server";
import * as feedApi from "~/routes/api.v1.campaigns.$edition.retailers";
import * as embed from "~/routes/embed.zomer.$municipality";
import * as staffHome from "~/routes/gemeente._index";
import * as robots from "~/routes/robots[.]txt";
import * as sitemap from "~/routes/sitemap[.]xml";
import * as overview from "~/routes/zomer._index";
import * as municipalityPage from "~/routes/zomer.$municipality._index";
import * as promotionPage from "~/routes/zomer.$municipality.$business._index";
import * as poster from "~/routes/zomer.$municipality.$business.affiche";
import { args, formRequest, getRequest, respond } from "../support/http";
import { account, approvedProvider, businessFor, engagementFor } from "../support/marketplace";

import { admin, BRUGGE, bruggeStaff, decide, KORTRIJK, kortrijkStaff, past, pendingParticipant, running, setUpCampaignWorld, today, year } from "../support/campaigns";

/* ZomerInWestVlaanderen in public: the pages, the feed for municipal websites, and the municipal figures. */

beforeAll(setUpCampaignWorld);

describe("public pages", () => {
  let featured: Awaited<ReturnType<typeof pendingParticipant>>;
  let plain: Awaited<ReturnType<typeof pendingParticipant>>;
  let pending: Awaited<ReturnType<typeof pendingParticipant>>;
  let removed: Awaited<ReturnType<typeof pendingParticipant>>;

  beforeAll(async () => {
    plain = await pendingParticipant("Aardewerk Atelier Blauw", BRUGGE, "8000", "retail");
    featured = await pendingParticipant("Zeilschool Zeebries", BRUGGE, "8000", "tourism");
    pending = await pendingParticipant("Wachtende Winkel", BRUGGE);
    removed = await pendingParticipant("Verwijderde Winkel", BRUGGE);
    for (const p of [plain, featured, removed]) await decide(bruggeStaff, p.participantId, "approve");
    await decide(bruggeStaff, featured.participantId, "feature");
    await decide(bruggeStaff, removed.participantId, "remove");
    // An approved participant of a finished edition never shows.
    await db.insert(campaignParticipants).values({ editionId: past.id, businessId: pending.businessId, status: "approved", promotionTitle: "Oud", promotionText: "Oud", validFrom: "2021-06-01", validUntil: "2021-09-30" });
  });

  const listed = async (query = "") => {
    const response = await respond(() => municipalityPage.loader(args(getRequest(`/zomer/brugge${query}`), { municipality: "brugge" })));
    return (await response.json()).participants as { name: string; featured: boolean; newOnline: boolean }[];
  };

  it("show only approved participants of the running edition, featured first", async () => {
    const participants = await listed();
    const names = participants.map((p) => p.name);
    const firstPlain = participants.findIndex((p) => !p.featured);
    expect(participants.slice(firstPlain).every((p) => !p.featured)).toBe(true);
    expect(names.slice(0, firstPlain)).toContain("Zeilschool Zeebries");
    expect(names).toContain("Aardewerk Atelier Blauw");
    expect(names).not.toContain("Wachtende Winkel");
    expect(names).not.toContain("Verwijderde Winkel");
  });

  it("filter by sector and by words, accents and case aside", async () => {
    expect((await listed("?sector=tourism")).map((p) => p.name)).toEqual(["Zeilschool Zeebries"]);
    expect((await listed("?q=AARDEWERK")).map((p) => p.name)).toEqual(["Aardewerk Atelier Blauw"]);
    expect((await listed("?q=%25")).map((p) => p.name)).toEqual([]);
    expect((await listed("?sector=onzin")).length).toBeGreaterThan(1);
  });

  it("count participants per municipality for the map, and answer 404 for an unknown municipality", async () => {
    const response = await respond(() => overview.loader(args(getRequest("/zomer"))));
    const data = await response.json();
    expect(data.edition.slug).toBe(running.slug);
    expect(data.counts[BRUGGE]).toBe((await listed()).length);
    expect(data.counts[KORTRIJK] ?? 0).toBe(0);
    expect(data.map.shapes).toHaveLength(62);
    expect((await respond(() => municipalityPage.loader(args(getRequest("/zomer/atlantis"), { municipality: "atlantis" })))).status).toBe(404);
  });

  it("give each approved participant a promotion page, a poster with a QR code, and nothing for the others", async () => {
    const slug = (await listed()).find((p) => p.name === "Zeilschool Zeebries") as unknown as { slug: string };
    const page = await respond(() => promotionPage.loader(args(getRequest(`/zomer/brugge/${slug.slug}`), { municipality: "brugge", business: slug.slug })));
    expect(page.status).toBe(200);
    expect((await page.json()).promotion).toMatchObject({ name: "Zeilschool Zeebries", featured: true });
    const print = await respond(() => poster.loader(args(getRequest(`/zomer/brugge/${slug.slug}/affiche`), { municipality: "brugge", business: slug.slug })));
    expect((await print.json()).qr).toMatch(/^<svg[^>]*>.*<path/s);
    const wrongTown = await respond(() => promotionPage.loader(args(getRequest(`/zomer/kortrijk/${slug.slug}`), { municipality: "kortrijk", business: slug.slug })));
    expect(wrongTown.status).toBe(404);
  });

  it("offer a framable widget with the same participants", async () => {
    const response = await respond(() => embed.loader(args(getRequest("/embed/zomer/brugge"), { municipality: "brugge" })));
    expect((await response.json()).participants.map((p: { name: string }) => p.name)).toEqual((await listed()).map((p) => p.name));
    expect(embed.handle).toEqual({ bare: true });
  });

  it("list the campaign pages in sitemap.xml and keep work areas out of robots.txt", async () => {
    const xml = await (await respond(() => sitemap.loader(args(getRequest("/sitemap.xml"))))).text();
    expect(xml).toContain("/zomer/brugge</loc>");
    expect(xml).toMatch(/\/zomer\/brugge\/zeilschool-zeebries[^<]*<\/loc>/);
    expect(xml).not.toContain("/zomer/brugge/wachtende-winkel");
    const txt = await (await respond(() => robots.loader(args(getRequest("/robots.txt"))))).text();
    expect(txt).toContain("Disallow: /beheer");
    expect(txt).toMatch(/Sitemap: .*\/sitemap\.xml/);
  });
});

describe("GET /api/v1/campaigns/<edition>/retailers", () => {
  const call = (slug: string, query = "", method = "GET") =>
    respond(() => feedApi.loader(args(new Request(`http://localhost:3000/api/v1/campaigns/${slug}/retailers${query}`, { method, headers: { Origin: "https://www.brugge.be" } }), { edition: slug })));

  it("answers a feed that matches its published schema, cached and open to every site", async () => {
    const response = await call(running.slug, `?nis=${BRUGGE}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    const feed = CampaignFeedSchema.parse(await response.json());
    expect(feed.municipality).toEqual({ nisCode: BRUGGE, name: "Brugge" });
    expect(feed.retailers.length).toBeGreaterThan(1);
    expect(feed.retailers.every((r) => r.municipality.nisCode === BRUGGE)).toBe(true);
    expect(feed.retailers.find((r) => r.name === "Zeilschool Zeebries")).toMatchObject({ featured: true, url: expect.stringMatching(/\/zomer\/brugge\/zeilschool-zeebries/) });
    expect(feed.retailers.map((r) => r.name)).not.toContain("Wachtende Winkel");
  });

  it("covers every municipality without nis, and refuses bad codes and editions that do not run", async () => {
    const all = CampaignFeedSchema.parse(await (await call(running.slug)).json());
    expect(all.municipality).toBeNull();
    expect((await call(running.slug, "?nis=99999")).status).toBe(400);
    expect((await call(running.slug, "?nis=31999")).status).toBe(404);
    expect((await call(past.slug)).status).toBe(404);
    expect((await call("zomer-1900")).status).toBe(404);
  });

  it("answers a browser's preflight and refuses writes", async () => {
    const preflight = await call(running.slug, "", "OPTIONS");
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toBe("GET, OPTIONS");
    const post = await respond(() => feedApi.action(args(formRequest(`/api/v1/campaigns/${running.slug}/retailers`, {}), { edition: running.slug })));
    expect(post.status).toBe(405);
  });
});

describe("municipal figures", () => {
  it("add up the municipality's businesses, maturity, engagements, voucher euros and participation", async () => {
    // A municipality no other test uses: Diksmuide (32003), postal code 8600.
    const DIKSMUIDE = "32003";
    const staff = await account("municipality", [DIKSMUIDE]);
    const owner = await account("retailer");
    const first = await businessFor(owner.id, { name: "Drukkerij IJzer", nisCode: DIKSMUIDE, postalCode: "8600" });
    const second = await businessFor(owner.id, { name: "Hoeve De Polder", nisCode: DIKSMUIDE, postalCode: "8600", sector: "tourism" });
    await businessFor(owner.id, { name: "Zonder Scan", nisCode: DIKSMUIDE, postalCode: "8600" });
    // Scores: first 40 then 70 (gain 30); second 50 only. Latest average (70 + 50) / 2 = 60; gain 30.
    const scan = (businessId: string, overallScore: number, createdAt: Date) => ({ businessId, overallScore, answers: {}, dimensionScores: {}, recommendedServices: [], createdAt });
    await db.insert(quickscans).values([scan(first.id, 40, new Date("2026-01-01")), scan(first.id, 70, new Date("2026-06-01")), scan(second.id, 50, new Date("2026-02-01"))]);

    const provider = await approvedProvider(admin.id);
    const completed = await engagementFor({ adminId: admin.id, retailerId: owner.id, providerUserId: provider.id, businessId: first.id }, "completed");
    await engagementFor({ adminId: admin.id, retailerId: owner.id, providerUserId: provider.id, businessId: second.id }, "intake");
    // Voucher money by hand: 975 reserved, 300 + 400 redeemed, 100 released → 700 spent, 175 still reserved.
    const [programme] = await db.insert(programmes).values({ name: "Testprogramma", budgetCents: 100_000, eligibleSectors: ["retail"], opensOn: "2026-01-01", closesOn: "2027-12-31", iban: "BE68539007547034" }).returning();
    const [voucher] = await db
      .insert(vouchers)
      .values({ programmeId: programme.id, engagementId: completed, businessId: first.id, amountCents: 97_500, ownShareCents: 32_500, status: "approved", noDoubleFundingDeclaredAt: new Date() })
      .returning();
    await db.insert(budgetLedger).values([
      { programmeId: programme.id, voucherId: voucher.id, kind: "reserve", amountCents: 97_500 },
      { programmeId: programme.id, voucherId: voucher.id, kind: "redeem", amountCents: 30_000 },
      { programmeId: programme.id, voucherId: voucher.id, kind: "redeem", amountCents: 40_000 },
      { programmeId: programme.id, voucherId: voucher.id, kind: "release", amountCents: 10_000 },
    ]);
    await db.insert(campaignParticipants).values([
      { editionId: running.id, businessId: first.id, status: "approved", featured: true, promotionTitle: "A", promotionText: "A", validFrom: today, validUntil: today },
      { editionId: running.id, businessId: second.id, status: "pending", promotionTitle: "B", promotionText: "B", validFrom: today, validUntil: today },
    ]);

    const [figures] = await getMunicipalFigures([DIKSMUIDE]);
    expect(figures).toEqual({
      nisCode: DIKSMUIDE,
      businesses: 3,
      averageMaturity: 60,
      averageMaturityGain: 30,
      engagementsByState: { completed: 1, intake: 1 },
      retailersWithCompletedEngagement: 1,
      voucherRedeemedCents: 70_000,
      voucherReservedCents: 17_500,
      participation: [{ editionId: running.id, title: `ZomerInWestVlaanderen ${year}`, approved: 1, pending: 1, featured: 1, removed: 0 }],
    });

    const page = await respond(() => staffHome.loader(args(getRequest("/gemeente", { cookie: staff.cookie }))));
    expect((await page.json()).municipalities.map((m: { nisCode: string }) => m.nisCode)).toEqual([DIKSMUIDE]);
    const other = await respond(() => staffHome.loader(args(getRequest("/gemeente", { cookie: kortrijkStaff.cookie }))));
    expect(JSON.stringify(await other.json())).not.toContain("Drukkerij");
  });
});
