import fs from "node:fs";
import path from "node:path";
import { and, eq, isNotNull } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { auditEvents, budgetLedger, campaignEditions, campaignInvitations, campaignParticipants, notices, programmes, quickscans, vouchers } from "~db/schema";
import { env } from "~/lib/env.server";
import { belgianDate } from "~/lib/format";
import { CampaignFeedSchema, createEdition, getMunicipalFigures } from "~/modules/campaigns/index.server";
import { EditionSchema } from "~/modules/campaigns/schemas";
import { drainOutbox } from "~/modules/notifications/index.server";
import { allOutboxHandlers } from "~/modules/platform/index.server";
import { sniffImageType, uploads } from "~/modules/uploads/index.server";
import * as feedApi from "~/routes/api.v1.campaigns.$edition.retailers";
import * as adminEditions from "~/routes/beheer.zomer";
import * as embed from "~/routes/embed.zomer.$municipality";
import * as staffHome from "~/routes/gemeente._index";
import * as staffCampaign from "~/routes/gemeente.zomer";
import * as staffCsv from "~/routes/gemeente.zomer_.deelnemers[.]csv";
import * as promotionForm from "~/routes/ondernemer.zomer.$businessId.$edition";
import * as robots from "~/routes/robots[.]txt";
import * as sitemap from "~/routes/sitemap[.]xml";
import * as overview from "~/routes/zomer._index";
import * as municipalityPage from "~/routes/zomer.$municipality._index";
import * as promotionPage from "~/routes/zomer.$municipality.$business._index";
import * as poster from "~/routes/zomer.$municipality.$business.affiche";
import { args, formRequest, getRequest, multipartRequest, respond } from "../support/http";
import { account, approvedProvider, businessFor, engagementFor } from "../support/marketplace";

const BRUGGE = "31005";
const KORTRIJK = "34022";
const today = belgianDate();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

let admin: Awaited<ReturnType<typeof account>>;
let bruggeStaff: Awaited<ReturnType<typeof account>>;
let kortrijkStaff: Awaited<ReturnType<typeof account>>;
let retailer: Awaited<ReturnType<typeof account>>;
let running: { id: string; slug: string };
let past: { id: string; slug: string };

async function edition(y: number, startsOn: string, endsOn: string) {
  const created = await createEdition(admin.id, EditionSchema.parse({ year: String(y), title: `ZomerInWestVlaanderen ${y}`, startsOn, endsOn }));
  if (!created.ok) throw new Error(created.error);
  return { id: created.id, slug: `zomer-${y}` };
}

const png = (width = 2400, height = 1200) => sharp({ create: { width, height, channels: 3, background: "#0b5d4b" } }).png().toBuffer();
const file = (bytes: Uint8Array, name: string, type: string) => new File([new Uint8Array(bytes)], name, { type });
const promotionFields = (editionId: string, overrides: Record<string, string> = {}) => ({
  intent: "save",
  editionId,
  promotionTitle: "Gratis koffie bij elke aankoop",
  promotionText: "Deze zomer trakteren we elke klant op een koffie van de lokale branderij.",
  validFrom: day(-5),
  validUntil: day(40),
  ...overrides,
});
const optIn = (owner: { cookie: string }, businessId: string, fields: Record<string, string>, files: Record<string, File> = {}) =>
  respond(() => promotionForm.action(args(multipartRequest(`/ondernemer/zomer/${businessId}/${running.slug}`, fields, files, { cookie: owner.cookie }), { businessId, edition: running.slug })));
const decide = (staff: { cookie: string }, participantId: string, intent: string) =>
  respond(() => staffCampaign.action(args(formRequest(`/gemeente/zomer?editie=${running.slug}`, { intent, participantId }, { cookie: staff.cookie }))));
const participantOf = async (businessId: string, editionId = running.id) =>
  (await db.select().from(campaignParticipants).where(and(eq(campaignParticipants.businessId, businessId), eq(campaignParticipants.editionId, editionId))))[0];
const uploadedFiles = () => (fs.existsSync(path.join(env.DATA_DIR, "uploads")) ? fs.readdirSync(path.join(env.DATA_DIR, "uploads")) : []);

/** A retailer with a business in Brugge that has opted in to the running edition (pending). */
async function pendingParticipant(name: string, nisCode = BRUGGE, postalCode = "8000", sector = "retail") {
  const owner = await account("retailer");
  const business = await businessFor(owner.id, { name, nisCode, postalCode, sector });
  const response = await optIn(owner, business.id, promotionFields(running.id, { promotionTitle: `Actie van ${name}` }));
  expect(response.status).toBe(302);
  return { owner, businessId: business.id, participantId: (await participantOf(business.id)).id };
}

beforeAll(async () => {
  admin = await account("admin");
  bruggeStaff = await account("municipality", [BRUGGE]);
  kortrijkStaff = await account("municipality", [KORTRIJK]);
  retailer = await account("retailer");
  running = await edition(year, day(-10), day(60));
  past = await edition(2021, "2021-06-01", "2021-09-30");
});

describe("editions", () => {
  it("are created by the office, one per year, with an audit entry", async () => {
    const fields = { year: "2099", title: "ZomerInWestVlaanderen 2099", introduction: "", startsOn: "2099-06-01", endsOn: "2099-09-30" };
    const created = await respond(() => adminEditions.action(args(formRequest("/beheer/zomer", fields, { cookie: admin.cookie }))));
    expect(created.status).toBe(302);
    const [row] = await db.select().from(campaignEditions).where(eq(campaignEditions.slug, "zomer-2099"));
    expect(row).toMatchObject({ year: 2099, startsOn: "2099-06-01", endsOn: "2099-09-30" });
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, row.id), eq(auditEvents.action, "campaign.edition.create")))).toHaveLength(1);

    const again = await respond(() => adminEditions.action(args(formRequest("/beheer/zomer", fields, { cookie: admin.cookie }))));
    expect(again.status).toBe(409);
  });

  it("refuse an end before the start and other roles, writing nothing", async () => {
    const before = await db.select().from(campaignEditions);
    const backwards = await respond(() =>
      adminEditions.action(args(formRequest("/beheer/zomer", { year: "2098", title: "X", startsOn: "2098-09-30", endsOn: "2098-06-01" }, { cookie: admin.cookie }))),
    );
    expect(backwards.status).toBe(400);
    const asStaff = await respond(() =>
      adminEditions.action(args(formRequest("/beheer/zomer", { year: "2097", title: "X", startsOn: "2097-06-01", endsOn: "2097-09-30" }, { cookie: bruggeStaff.cookie }))),
    );
    expect(asStaff.status).toBe(403);
    expect(await db.select().from(campaignEditions)).toHaveLength(before.length);
  });
});

describe("opting in with a promotion", () => {
  it("stores a pending promotion with the photo re-encoded as WebP, at most 1600 px, and tells the municipality", async () => {
    const business = await businessFor(retailer.id, { name: "Koffiebar Het Zand" });
    const response = await optIn(retailer, business.id, promotionFields(running.id), { photo: file(await png(), "terras.png", "image/png") });
    expect(response.status).toBe(302);
    const row = await participantOf(business.id);
    expect(row).toMatchObject({ status: "pending", featured: false, promotionTitle: "Gratis koffie bij elke aankoop", photoWidth: 1600, photoHeight: 800 });
    const stored = await uploads.get(row.photoKey!);
    expect(sniffImageType(stored!)).toBe("image/webp");
    const metadata = await sharp(stored!).metadata();
    expect({ format: metadata.format, width: metadata.width, exif: metadata.exif }).toEqual({ format: "webp", width: 1600, exif: undefined });
    expect(await db.select().from(notices).where(and(eq(notices.userId, bruggeStaff.id), eq(notices.messageKey, "campaigns.notice.promotionToReview")))).toHaveLength(1);
    expect(await db.select().from(notices).where(and(eq(notices.userId, kortrijkStaff.id), eq(notices.messageKey, "campaigns.notice.promotionToReview")))).toHaveLength(0);
  });

  it("refuses a wrong type, an oversized file and content that does not match its type, writing nothing", async () => {
    const owner = await account("retailer");
    const business = await businessFor(owner.id, { name: "Bloemen Lore" });
    const filesBefore = uploadedFiles().length;
    const jpegHeaderThenJunk = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(400).fill(7)]);
    const cases: [File, number, string][] = [
      [file(new TextEncoder().encode("gewoon tekst"), "promo.txt", "text/plain"), 400, "Kies een foto in JPEG, PNG of WebP."],
      [file(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"), "promo.svg", "image/svg+xml"), 400, "Kies een foto in JPEG, PNG of WebP."],
      [file(await png(20, 20), "promo.jpg", "image/jpeg"), 400, "De inhoud van het bestand past niet bij het bestandstype. Sla de foto opnieuw op en probeer nog eens."],
      [file(new TextEncoder().encode("geen foto"), "promo.png", "image/png"), 400, "Kies een foto in JPEG, PNG of WebP."],
      [file(jpegHeaderThenJunk, "kapot.jpg", "image/jpeg"), 400, "Deze foto kunnen we niet lezen. Probeer een andere."],
      [file(new Uint8Array(5 * 1024 * 1024 + 1), "groot.png", "image/png"), 413, "De foto is groter dan 5 MB."],
    ];
    for (const [photo, status, message] of cases) {
      const response = await optIn(owner, business.id, promotionFields(running.id), { photo });
      expect(response.status, photo.name).toBe(status);
      const body = await response.json();
      expect(body.error.photo, photo.name).toEqual([expect.any(String)]);
      const { translator } = await import("~/lib/i18n");
      expect(translator("nl")(body.error.photo[0]), photo.name).toBe(message);
    }
    expect(await participantOf(business.id)).toBeUndefined();
    expect(uploadedFiles()).toHaveLength(filesBefore);
  });

  it("refuses a body announced over the limit before reading it", async () => {
    const owner = await account("retailer");
    const business = await businessFor(owner.id, { name: "Fietsen Jan" });
    const request = new Request(`http://localhost:3000/ondernemer/zomer/${business.id}/${running.slug}`, {
      method: "POST",
      headers: { Origin: "http://localhost:3000", Cookie: owner.cookie, "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(6 * 1024 * 1024) },
      body: "--x--",
    });
    const response = await respond(() => promotionForm.action(args(request, { businessId: business.id, edition: running.slug })));
    expect(response.status).toBe(413);
    expect(await participantOf(business.id)).toBeUndefined();
  });

  it("refuses validity outside the edition and another owner's business (404)", async () => {
    const business = await businessFor(retailer.id, { name: "Snoepwinkel Suikerspin" });
    const outside = await optIn(retailer, business.id, promotionFields(running.id, { validFrom: day(100), validUntil: day(120) }));
    expect(outside.status).toBe(400);
    const stranger = await account("retailer");
    const notTheirs = await optIn(stranger, business.id, promotionFields(running.id));
    expect(notTheirs.status).toBe(404);
    expect(await participantOf(business.id)).toBeUndefined();
  });

  it("sends an edited promotion back for approval, and keeps a removal by the municipality", async () => {
    const { owner, businessId, participantId } = await pendingParticipant("Kapsalon Knip");
    expect((await decide(bruggeStaff, participantId, "approve")).status).toBe(302);
    expect((await participantOf(businessId)).status).toBe("approved");
    expect((await optIn(owner, businessId, promotionFields(running.id, { promotionTitle: "Nieuwe actie" }))).status).toBe(302);
    expect(await participantOf(businessId)).toMatchObject({ status: "pending", promotionTitle: "Nieuwe actie" });
    expect((await decide(bruggeStaff, participantId, "remove")).status).toBe(302);
    const edit = await optIn(owner, businessId, promotionFields(running.id, { promotionTitle: "Toch weer" }));
    expect(edit.status).toBe(409);
    expect(await participantOf(businessId)).toMatchObject({ status: "removed", promotionTitle: "Nieuwe actie" });
  });
});

describe("municipality staff", () => {
  it("cannot see or change another municipality's participants (404)", async () => {
    const { businessId, participantId } = await pendingParticipant("Slagerij Vanhee");
    for (const intent of ["approve", "remove"]) expect((await decide(kortrijkStaff, participantId, intent)).status).toBe(404);
    expect((await participantOf(businessId)).status).toBe("pending");

    const list = await respond(() => staffCampaign.loader(args(getRequest(`/gemeente/zomer?editie=${running.slug}`, { cookie: kortrijkStaff.cookie }))));
    const ids = (await list.json()).participants.map((p: { id: string }) => p.id);
    expect(ids).not.toContain(participantId);
    const csv = await respond(() => staffCsv.loader(args(getRequest(`/gemeente/zomer/deelnemers.csv?editie=${running.slug}`, { cookie: kortrijkStaff.cookie }))));
    expect(await csv.text()).not.toContain("Slagerij Vanhee");

    const own = await respond(() => staffCampaign.loader(args(getRequest(`/gemeente/zomer?editie=${running.slug}`, { cookie: bruggeStaff.cookie }))));
    expect((await own.json()).participants.map((p: { id: string }) => p.id)).toContain(participantId);
  });

  it("approve and feature with an audit entry each, and the retailer hears of it", async () => {
    const { owner, participantId } = await pendingParticipant("Bakkerij Het Ambacht");
    expect((await decide(bruggeStaff, participantId, "feature")).status).toBe(302);
    expect((await db.select().from(campaignParticipants).where(eq(campaignParticipants.id, participantId)))[0].featured).toBe(false);
    await decide(bruggeStaff, participantId, "approve");
    await decide(bruggeStaff, participantId, "feature");
    const [row] = await db.select().from(campaignParticipants).where(eq(campaignParticipants.id, participantId));
    expect(row).toMatchObject({ status: "approved", featured: true, decidedBy: bruggeStaff.id });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.entityId, participantId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["campaign.promotion.save", "campaign.participant.approve", "campaign.participant.feature"]));
    expect(audit.filter((a) => a.action === "campaign.participant.feature")).toHaveLength(1);
    expect((await db.select().from(notices).where(eq(notices.userId, owner.id))).map((n) => n.messageKey)).toEqual(
      expect.arrayContaining(["campaigns.notice.approve", "campaigns.notice.feature"]),
    );
  });

  it("invite retailers of their own municipality by e-mail, once per address", async () => {
    const send = (staff: { cookie: string }, email: string, nisCode = BRUGGE) =>
      respond(() => staffCampaign.action(args(formRequest(`/gemeente/zomer?editie=${running.slug}`, { intent: "invite", email, nisCode }, { cookie: staff.cookie }))));
    expect((await send(bruggeStaff, "nieuwe.winkel@voorbeeld.be")).status).toBe(302);
    expect((await send(bruggeStaff, "Nieuwe.Winkel@voorbeeld.be")).status).toBe(409);
    expect((await send(bruggeStaff, "andere.winkel@voorbeeld.be", KORTRIJK)).status).toBe(400);
    expect((await send(bruggeStaff, "geen-adres")).status).toBe(400);
    const rows = await db.select().from(campaignInvitations).where(and(eq(campaignInvitations.editionId, running.id), isNotNull(campaignInvitations.email)));
    expect(rows.map((r) => [r.email, r.nisCode])).toEqual([["nieuwe.winkel@voorbeeld.be", BRUGGE]]);
    await drainOutbox(allOutboxHandlers);
    const mailFiles = fs.readdirSync(path.join(env.DATA_DIR, "mail")).map((f) => fs.readFileSync(path.join(env.DATA_DIR, "mail", f), "utf8"));
    expect(mailFiles.some((m) => m.includes("nieuwe.winkel@voorbeeld.be") && m.includes("/registreren"))).toBe(true);
  });

  it("see the businesses of their own municipality and invite one without seeing its owner's address", async () => {
    const owner = await account("retailer");
    const business = await businessFor(owner.id, { name: "Antiek Het Oude Huis" });
    const elsewhere = await businessFor(owner.id, { name: "Antiek Kortrijk", nisCode: KORTRIJK, postalCode: "8500" });
    const home = await respond(() => staffHome.loader(args(getRequest("/gemeente", { cookie: bruggeStaff.cookie }))));
    const listed = (await home.json()).businesses as { id: string; participation: string | null; invited: boolean }[];
    expect(listed.find((b) => b.id === business.id)).toMatchObject({ participation: null, invited: false });
    expect(listed.map((b) => b.id)).not.toContain(elsewhere.id);
    expect(JSON.stringify(listed)).not.toContain("@");

    const invite = (businessId: string) =>
      respond(() => staffCampaign.action(args(formRequest(`/gemeente/zomer?editie=${running.slug}`, { intent: "invite-business", businessId, back: "gemeente" }, { cookie: bruggeStaff.cookie }))));
    const sent = await invite(business.id);
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe("/gemeente");
    expect(await db.select().from(notices).where(and(eq(notices.userId, owner.id), eq(notices.messageKey, "campaigns.notice.invited")))).toHaveLength(1);
    expect((await invite(business.id)).status).toBe(302);
    expect(await db.select().from(campaignInvitations).where(eq(campaignInvitations.businessId, business.id))).toHaveLength(1);
    expect((await invite(elsewhere.id)).status).toBe(404);
    expect(await db.select().from(campaignInvitations).where(eq(campaignInvitations.businessId, elsewhere.id))).toHaveLength(0);

    const after = await respond(() => staffHome.loader(args(getRequest("/gemeente", { cookie: bruggeStaff.cookie }))));
    expect(((await after.json()).businesses as { id: string; invited: boolean }[]).find((b) => b.id === business.id)?.invited).toBe(true);
  });

  it("export their participants as a Belgian Excel CSV", async () => {
    const response = await respond(() => staffCsv.loader(args(getRequest(`/gemeente/zomer/deelnemers.csv?editie=${running.slug}`, { cookie: bruggeStaff.cookie }))));
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.subarray(3));
    expect(text.startsWith("zaak;gemeente;sector;status;uitgelicht;promotie;geldig_van;geldig_tot;pagina\r\n")).toBe(true);
    expect(text).toMatch(/\r\nBakkerij Het Ambacht;Brugge;Kleinhandel;Goedgekeurd;ja;Actie van Bakkerij Het Ambacht;\d{4}-\d{2}-\d{2};\d{4}-\d{2}-\d{2};http[^;]*\/zomer\/brugge\/bakkerij-het-ambacht[^;]*\r\n/);
  });
});

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
    expect(names).not.toContain("Slagerij Vanhee");
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
