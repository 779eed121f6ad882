import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { auditEvents, notices, outbox, providers, users } from "~db/schema";
import * as publicProvider from "~/routes/aanbieders.$slug";
import * as profile from "~/routes/aanbieder.profiel/route";
import * as screening from "~/routes/beheer.screening";
import * as noticesPage from "~/routes/meldingen";
import { newAccount } from "../support/factories";
import { args, formRequest, getRequest, respond } from "../support/http";
import { dutchErrors } from "../support/messages";
import { registerUser } from "../support/accounts";

const cookies: Record<"provider" | "admin" | "retailer" | "otherProvider" | "municipality", string> = {
  provider: "",
  admin: "",
  retailer: "",
  otherProvider: "",
  municipality: "",
};
let providerUserId = "";

beforeAll(async () => {
  for (const who of Object.keys(cookies) as (keyof typeof cookies)[]) {
    const role = who === "provider" || who === "otherProvider" ? "provider" : "retailer";
    const result = await registerUser({ ...newAccount({ role }), locale: "nl" });
    if (!result.ok) throw new Error("setup");
    cookies[who] = result.cookie.split(";")[0];
    if (who === "admin" || who === "municipality") await db.update(users).set({ role: who }).where(eq(users.id, result.user.id));
    if (who === "provider") providerUserId = result.user.id;
  }
});

const validProfile = (overrides: Record<string, string | string[]> = {}) => ({
  companyName: "Golfslag Digitaal",
  enterpriseNumber: "0456.789.133",
  foundedOn: "2024-02-01",
  kind: "both",
  services: ["website", "social_media"],
  sectors: ["retail", "hospitality"],
  baseNisCode: "35013",
  radiusKm: "30",
  serviceNisCodes: ["31005"],
  languages: ["nl", "fr"],
  hourlyRate: "62,50",
  capacity: "3",
  bio: "Websites en sociale media voor zaken aan de kust.",
  portfolioLinks: "https://golfslag.example/werk\nhttps://golfslag.example/cases",
  iban: "BE68 5390 0754 7034",
  vatNumber: "BE 0456.789.133",
  conflictDeclaration: "on",
  billingMandate: "on",
  ...overrides,
});

const saveProfile = (fields: Record<string, string | string[]>, cookie = cookies.provider) =>
  respond(() => profile.action(args(formRequest("/aanbieder/profiel", fields, { cookie }))));

const decide = (fields: Record<string, string>, cookie = cookies.admin) =>
  respond(() => screening.action(args(formRequest("/beheer/screening", fields, { cookie }))));

async function ourProvider() {
  const [row] = await db.select().from(providers).where(eq(providers.userId, providerUserId));
  return row;
}

const viewPublic = (slug: string, cookie?: string) =>
  respond(() => publicProvider.loader(args(getRequest(`/aanbieders/${slug}`, { cookie }), { slug })));

describe("a provider profile", () => {
  it.each([
    ["an invalid IBAN", { iban: "BE68 5390 0754 7035" }, "Dit IBAN-nummer klopt niet (controlegetal)."],
    ["an invalid enterprise number", { enterpriseNumber: "0456.789.134" }, "Dit is geen geldig ondernemingsnummer (10 cijfers, bv. 0123.456.749)."],
    ["a javascript: portfolio link", { portfolioLinks: "javascript:alert(1)" }, "Alleen adressen die beginnen met http:// of https:// zijn toegelaten."],
    ["a bio of 10,000 characters", { bio: "x".repeat(10_000) }, "Dit is te lang (maximaal {{max}} tekens)."],
    ["HTML in the company name", { companyName: "<img src=x onerror=alert(1)>" }, "Gebruik geen < of > in dit veld."],
    ["no conflict-of-interest declaration", { conflictDeclaration: "" }, "Je moet de verklaring over belangenconflicten aanvinken."],
    ["no billing mandate", { billingMandate: "" }, "Vink de facturatieopdracht aan: zonder kan Koppel je trajecten niet factureren."],
    ["an unknown VAT status", { vatStatus: "sometimes" }, "Kies een van de mogelijkheden."],
    ["a VAT number that is not the Belgian form", { vatNumber: "NL123456789B01" }, "Vul een Belgisch btw-nummer in: BE gevolgd door je ondernemingsnummer."],
    ["a rate of 5 euros", { hourlyRate: "5" }, "Het uurtarief moet tussen € 15 en € 500 liggen."],
    ["an unknown service", { services: ["website", "blockchain"] }, "Kies een van de mogelijkheden."],
    ["a founding date in the future", { foundedOn: "2999-01-01" }, "Vul een geldige datum in (niet in de toekomst)."],
    ["an unknown municipality", { serviceNisCodes: ["39999"] }, "Kies een gemeente uit de lijst."],
  ] as [string, Record<string, string | string[]>, string][])("refuses %s in Dutch and writes nothing", async (_c, spoil, message) => {
    const response = await saveProfile(validProfile(spoil));
    expect(response.status).toBe(400);
    expect(await dutchErrors(response)).toContain(message);
    expect(await ourProvider()).toBeUndefined();
  });

  it("is created pending, with the declaration dated, and audited", async () => {
    const response = await saveProfile(validProfile());
    expect(response.status).toBe(302);
    const row = await ourProvider();
    expect(row).toMatchObject({
      status: "pending",
      slug: "golfslag-digitaal",
      hourlyRateCents: 6250,
      iban: "BE68539007547034",
      vatNumber: "BE0456789133",
      services: ["website", "social_media"],
      serviceNisCodes: ["31005"],
      portfolioLinks: ["https://golfslag.example/werk", "https://golfslag.example/cases"],
    });
    expect(row.conflictDeclaredAt).toBeInstanceOf(Date);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.entityId, row.id));
    expect(audit.map((a) => a.action)).toEqual(["provider.submit"]);
  });

  it("is invisible to everyone but its owner and the programme office while pending", async () => {
    const { slug } = await ourProvider();
    expect((await viewPublic(slug)).status).toBe(404);
    for (const who of ["retailer", "otherProvider", "municipality"] as const) {
      expect((await viewPublic(slug, cookies[who])).status, who).toBe(404);
    }
    expect((await viewPublic(slug, cookies.provider)).status).toBe(200);
    expect((await viewPublic(slug, cookies.admin)).status).toBe(200);
  });
});

describe("vetting", () => {
  it("only the programme office decides", async () => {
    const { id } = await ourProvider();
    const response = await decide({ intent: "approve", providerId: id }, cookies.retailer);
    expect(response.status).toBe(403);
    expect((await ourProvider()).status).toBe("pending");
  });

  it("a rejection needs a reason, is mailed, noticed and audited; an edit submits the profile again", async () => {
    const { id } = await ourProvider();
    const noReason = await decide({ intent: "reject", providerId: id, reason: "" });
    expect(noReason.status).toBe(400);
    expect((await ourProvider()).status).toBe("pending");

    const rejected = await decide({ intent: "reject", providerId: id, reason: "Het ondernemingsnummer hoort bij een andere zaak." });
    expect(rejected.status).toBe(302);
    expect(await ourProvider()).toMatchObject({ status: "rejected", statusReason: "Het ondernemingsnummer hoort bij een andere zaak." });
    const mails = await db.select().from(outbox).where(eq(outbox.topic, "mail.send"));
    expect(mails.map((m) => m.payload.subject)).toContain("Je profiel op Koppel werd niet goedgekeurd");
    const [notice] = await db.select().from(notices).where(eq(notices.userId, providerUserId));
    expect(notice).toMatchObject({ messageKey: "provider.rejectedNotice", params: { reason: "Het ondernemingsnummer hoort bij een andere zaak." } });
    expect((await viewPublic((await ourProvider()).slug, cookies.retailer)).status).toBe(404);

    // The provider reads the notice; opening the list marks it read.
    const page = await respond(() => noticesPage.loader(args(getRequest("/meldingen", { cookie: cookies.provider }))));
    expect((await page.json()).notices.map((n: { messageKey: string }) => n.messageKey)).toEqual(["provider.rejectedNotice"]);
    const [read] = await db.select().from(notices).where(eq(notices.userId, providerUserId));
    expect(read.readAt).toBeInstanceOf(Date);

    expect((await saveProfile(validProfile({ bio: "Aangepast profiel." }))).status).toBe(302);
    expect((await ourProvider()).status).toBe("pending");
  });

  it("approval makes the profile public; suspension hides it again; each is audited with its actor", async () => {
    const { id, slug } = await ourProvider();
    expect((await decide({ intent: "approve", providerId: id })).status).toBe(302);
    const page = await viewPublic(slug);
    expect(page.status).toBe(200);
    const body = await page.json();
    expect(body.provider).not.toHaveProperty("iban");
    expect(body.provider).not.toHaveProperty("enterpriseNumber");
    expect(body.provider.starter).toBe(true);

    expect((await decide({ intent: "suspend", providerId: id, reason: "Klachten over onafgewerkte trajecten." })).status).toBe(302);
    expect((await viewPublic(slug, cookies.retailer)).status).toBe(404);

    const trail = await db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(auditEvents.id);
    expect(trail.map((a) => [a.action, a.fromState, a.toState])).toEqual([
      ["provider.submit", null, "pending"],
      ["provider.reject", "pending", "rejected"],
      ["provider.resubmit", "rejected", "pending"],
      ["provider.approve", "pending", "approved"],
      ["provider.suspend", "approved", "suspended"],
    ]);
    expect(trail[3].actorId).not.toBe(providerUserId);
  });

  it("refuses a decision the table does not allow, changing nothing", async () => {
    const { id } = await ourProvider();
    const [before] = await db.select({ n: count() }).from(auditEvents);
    const response = await decide({ intent: "reject", providerId: id, reason: "Te laat." });
    expect(response.status).toBe(409);
    expect(await dutchErrors(response)).toEqual(["Deze beslissing kan niet in de huidige status van het profiel."]);
    expect((await ourProvider()).status).toBe("suspended");
    expect((await db.select({ n: count() }).from(auditEvents))[0].n).toBe(before.n);
  });

  it("keeps the audit log append-only at the database", async () => {
    await expect(db.update(auditEvents).set({ reason: "herschreven" }).where(sql`true`)).rejects.toThrow();
    await expect(db.delete(auditEvents).where(sql`true`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_events`)).rejects.toThrow();
    expect((await db.select({ n: count() }).from(auditEvents))[0].n).toBeGreaterThanOrEqual(5);
  });
});
