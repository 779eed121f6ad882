import fs from "node:fs";
import path from "node:path";
import { and, eq, isNotNull } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { auditEvents, campaignEditions, campaignInvitations, campaignParticipants, notices, users } from "~db/schema";
import { env } from "~/lib/env.server";
import { allOutboxHandlers } from "~/modules/platform/index.server";
import { sniffImageType, uploads } from "~/modules/uploads/index.server";
import * as adminEditions from "~/routes/beheer.zomer";
import * as staffHome from "~/routes/gemeente._index";
import * as staffCampaign from "~/routes/gemeente.zomer";
import * as staffCsv from "~/routes/gemeente.zomer_.deelnemers[.]csv";
import * as promotionForm from "~/routes/ondernemer.zomer.$businessId.$edition";
import { args, formRequest, getRequest, respond } from "../support/http";
import { saveBusiness } from "~/modules/profiles/index.server";
import { BusinessSchema } from "~/modules/profiles/schemas";
import { listPublicParticipants } from "~/modules/campaigns/index.server";
import { account, businessFor } from "../support/marketplace";
import { drainEverything } from "../support/outbox";
import { newEnterpriseNumber } from "../support/factories";

import { admin, BRUGGE, bruggeStaff, day, decide, file, KORTRIJK, kortrijkStaff, optIn, participantOf, pendingParticipant, png, promotionFields, retailer, running, setUpCampaignWorld, uploadedFiles } from "../support/campaigns";

/* ZomerInWestVlaanderen: editions, retailers opting in with photos, and what municipality staff may do. */

beforeAll(setUpCampaignWorld);

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
    const filesBefore = (await uploadedFiles()).length;
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
    expect((await uploadedFiles())).toHaveLength(filesBefore);
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
    // A second click on "feature" changes nothing and is not audited again.
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

  it("keep the public campaign as they approved it: a renamed business or a new link waits for their approval (issue 20, item 4)", async () => {
    const owner = await account("retailer");
    const fields = { name: "Boekhandel Het Anker", enterpriseNumber: newEnterpriseNumber(), sector: "retail", nisCode: BRUGGE, postalCode: "8000", languages: ["nl"] };
    const saved = await saveBusiness(owner.id, BusinessSchema.parse({ ...fields, presence: { website: { url: "https://hetanker.be" } } }));
    if (!saved.ok) throw new Error("setup");
    expect((await optIn(owner, saved.id, promotionFields(running.id))).status).toBe(302);
    const { id: participantId } = await participantOf(saved.id);
    await decide(bruggeStaff, participantId, "approve");
    await decide(bruggeStaff, participantId, "feature");
    const shown = async () => (await listPublicParticipants(running.id, { nisCode: BRUGGE })).find((p) => p.participantId === participantId);
    expect(await shown()).toMatchObject({ name: "Boekhandel Het Anker", digitalPresence: { website: { active: true, url: "https://hetanker.be" } } });

    // The retailer rewrites the name and the website after approval.
    const changed = await saveBusiness(owner.id, BusinessSchema.parse({ ...fields, name: "Winactie gratis iPhone", presence: { website: { url: "https://evil.example" } } }), saved.id);
    expect(changed.ok).toBe(true);
    expect(await shown()).toMatchObject({ name: "Boekhandel Het Anker", featured: true, digitalPresence: { website: { url: "https://hetanker.be" } } });
    expect((await listPublicParticipants(running.id, { q: "iPhone" })).map((p) => p.participantId)).not.toContain(participantId);

    // Staff see that it changed, and only they can publish the change.
    const staffView = async () =>
      ((await (await respond(() => staffCampaign.loader(args(getRequest(`/gemeente/zomer?editie=${running.slug}`, { cookie: bruggeStaff.cookie }))))).json()).participants as { id: string; changedSinceApproval: boolean; publicName: string }[]).find(
        (p) => p.id === participantId,
      );
    expect(await staffView()).toMatchObject({ changedSinceApproval: true, publicName: "Boekhandel Het Anker" });
    expect((await decide(bruggeStaff, participantId, "approveChanges")).status).toBe(302);
    expect(await shown()).toMatchObject({ name: "Winactie gratis iPhone", digitalPresence: { website: { url: "https://evil.example" } } });
    expect(await staffView()).toMatchObject({ changedSinceApproval: false });
    // Nothing left to approve: a second click changes nothing and is not audited again.
    await decide(bruggeStaff, participantId, "approveChanges");
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, participantId), eq(auditEvents.action, "campaign.participant.approveChanges")))).toHaveLength(1);
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
    await drainEverything(allOutboxHandlers);
    const mailFiles = fs.readdirSync(path.join(env.DATA_DIR, "mail")).map((f) => fs.readFileSync(path.join(env.DATA_DIR, "mail", f), "utf8"));
    expect(mailFiles.some((m) => m.includes("nieuwe.winkel@voorbeeld.be") && m.includes("/registreren"))).toBe(true);
  });

  it("see whether a retailer of another municipality takes part only once that municipality approved it", async () => {
    const brugse = await pendingParticipant("Brugse Kaaswinkel");
    const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, brugse.owner.id));
    const invited = await respond(() =>
      staffCampaign.action(args(formRequest(`/gemeente/zomer?editie=${running.slug}`, { intent: "invite", email, nisCode: KORTRIJK }, { cookie: kortrijkStaff.cookie }))),
    );
    expect(invited.status).toBe(302);
    const joinedAsKortrijkSeesIt = async () => {
      const page = await respond(() => staffCampaign.loader(args(getRequest(`/gemeente/zomer?editie=${running.slug}`, { cookie: kortrijkStaff.cookie }))));
      const { invitations } = (await page.json()) as { invitations: { email: string | null; joined: boolean }[] };
      return invitations.find((i) => i.email === email)?.joined;
    };
    // Pending in Brugge: Brugge's decision to make, nobody else's business.
    expect(await joinedAsKortrijkSeesIt()).toBe(false);
    expect((await decide(bruggeStaff, brugse.participantId, "approve")).status).toBe(302);
    // Approved, it is on the public pages: Kortrijk may see it too.
    expect(await joinedAsKortrijkSeesIt()).toBe(true);
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
    // Headers a person reads in a spreadsheet, not column names (issue 22, item 13: "CSV headers like bedrag_eur").
    expect(text.startsWith("Zaak;Gemeente;Sector;Status;Uitgelicht;Promotie;Geldig van;Geldig tot;Pagina\r\n")).toBe(true);
    expect(text).toMatch(/\r\nBakkerij Het Ambacht;Brugge;Kleinhandel;Goedgekeurd;ja;Actie van Bakkerij Het Ambacht;\d{4}-\d{2}-\d{2};\d{4}-\d{2}-\d{2};http[^;]*\/zomer\/brugge\/bakkerij-het-ambacht[^;]*\r\n/);
  });
});
