import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { businesses, quickscans } from "~db/schema";
import { questions } from "~/modules/profiles/quickscan";
import * as businessRoute from "~/routes/ondernemer.zaken.$id/route";
import * as quickscanResult from "~/routes/ondernemer.quickscans.$scanId";
import * as quickscanRoute from "~/routes/ondernemer.zaken.$id_.quickscan";
import { newAccount } from "../support/factories";
import { args, formRequest, getRequest, respond } from "../support/http";
import { dutchErrors } from "../support/messages";
import { registerUser } from "../support/accounts";

let owner = "";
let other = "";

beforeAll(async () => {
  for (const role of ["owner", "other"] as const) {
    const result = await registerUser({ ...newAccount(), locale: "nl" });
    if (!result.ok) throw new Error("setup");
    if (role === "owner") owner = result.cookie.split(";")[0];
    else other = result.cookie.split(";")[0];
  }
});

/** A valid business form for Brugge; tests spoil one field at a time. */
const validBusiness = (overrides: Record<string, string | string[]> = {}) => ({
  name: "Boekhandel Het Zwin",
  enterpriseNumber: "0123.456.749",
  sector: "retail",
  naceCode: "47610",
  nisCode: "31005",
  postalCode: "8310",
  street: "Langestraat 12",
  inShoppingArea: "on",
  employeeBand: "1-4",
  languages: ["nl", "fr"],
  "hours.tue": "09:00-12:30, 13:30-18:00",
  "hours.sat": "10:00-17:00",
  "presence.website.url": "https://www.hetzwin.be",
  "presence.facebook.active": "on",
  description: "Boeken, strips en kaarten in Sint-Kruis.",
  ...overrides,
});

const save = (fields: Record<string, string | string[]>, id = "nieuw", cookie = owner) =>
  respond(() => businessRoute.action(args(formRequest(`/ondernemer/zaken/${id}`, fields, { cookie }), { id })));

async function businessCount() {
  return (await db.select({ n: count() }).from(businesses))[0].n;
}

describe("a business profile", () => {
  it("is saved with coordinates from its postal code, hours and presence", async () => {
    const response = await save(validBusiness());
    expect(response.status).toBe(302);
    const [row] = await db.select().from(businesses).where(eq(businesses.enterpriseNumber, "0123456749"));
    expect(row).toMatchObject({
      name: "Boekhandel Het Zwin",
      slug: "boekhandel-het-zwin-brugge",
      postalCode: "8310",
      inShoppingArea: true,
      languages: ["nl", "fr"],
      openingHours: { tue: [{ open: "09:00", close: "12:30" }, { open: "13:30", close: "18:00" }], sat: [{ open: "10:00", close: "17:00" }] },
      digitalPresence: { website: { active: true, url: "https://www.hetzwin.be" }, facebook: { active: true } },
    });
    // 8310 is Sint-Kruis (Brugge): its coordinates, not Brugge's centre.
    expect(row.latitude).toBeCloseTo(51.21, 1);
    expect(row.longitude).toBeCloseTo(3.25, 1);
  });

  it.each([
    ["an invalid enterprise number", { enterpriseNumber: "0123.456.748" }, "Dit is geen geldig ondernemingsnummer (10 cijfers, bv. 0123.456.749)."],
    ["a postal code of another municipality", { postalCode: "8500" }, "Deze postcode hoort niet bij de gekozen gemeente."],
    ["a postal code outside West Flanders", { postalCode: "9000" }, "Vul een West-Vlaamse postcode in (8000–8999)."],
    ["a javascript: URL", { "presence.website.url": "javascript:alert(1)" }, "Alleen adressen die beginnen met http:// of https:// zijn toegelaten."],
    ["a data: URL", { "presence.webshop.url": "data:text/html,<b>x</b>" }, "Alleen adressen die beginnen met http:// of https:// zijn toegelaten."],
    ["10,000 characters in the name", { name: "x".repeat(10_000) }, "Dit is te lang (maximaal {{max}} tekens)."],
    ["HTML in the description", { description: "<script>alert('x')</script>" }, "Gebruik geen < of > in dit veld."],
    ["a NACE code of another sector", { naceCode: "56301" }, "Deze activiteit (NACE-code) past niet bij de gekozen sector."],
    ["opening hours that end before they start", { "hours.mon": "18:00-09:00" }, "Schrijf de uren als 9u-12u30, 13u30-18u (of 09:00-12:30, 13:30-18:00), of laat leeg als je gesloten bent."],
    ["no language", { languages: [] }, "Kies er minstens één."],
    ["an unknown sector", { sector: "industry" }, "Kies een van de mogelijkheden."],
  ] as [string, Record<string, string | string[]>, string][])("refuses %s in Dutch and writes nothing", async (_case, spoil, message) => {
    const before = await businessCount();
    const fields: Record<string, string | string[]> = validBusiness({ enterpriseNumber: "0202.239.951", ...spoil });
    if (Array.isArray(spoil.languages) && spoil.languages.length === 0) delete fields.languages;
    const response = await save(fields);
    expect(response.status).toBe(400);
    expect(await dutchErrors(response)).toContain(message);
    expect(await businessCount()).toBe(before);
  });

  it("refuses a second business with the same enterprise number", async () => {
    const before = await businessCount();
    const response = await save(validBusiness({ name: "Een andere zaak" }));
    expect(response.status).toBe(400);
    expect(await dutchErrors(response)).toContain("Er bestaat al een profiel met dit ondernemingsnummer.");
    expect(await businessCount()).toBe(before);
  });

  it("is not there for another retailer: 404 to read or to write", async () => {
    const [row] = await db.select({ id: businesses.id }).from(businesses).where(eq(businesses.enterpriseNumber, "0123456749"));
    const read = await respond(() => businessRoute.loader(args(getRequest(`/ondernemer/zaken/${row.id}`, { cookie: other }), { id: row.id })));
    expect(read.status).toBe(404);
    const write = await save(validBusiness({ name: "Overgenomen" }), row.id, other);
    expect(write.status).toBe(404);
    const [after] = await db.select({ name: businesses.name }).from(businesses).where(eq(businesses.id, row.id));
    expect(after.name).toBe("Boekhandel Het Zwin");
  });

  it("can be edited by its owner", async () => {
    const [row] = await db.select({ id: businesses.id }).from(businesses).where(eq(businesses.enterpriseNumber, "0123456749"));
    const response = await save(validBusiness({ name: "Boekhandel Het Zwin & Co" }), row.id);
    expect(response.status).toBe(302);
    const [after] = await db.select({ name: businesses.name, slug: businesses.slug }).from(businesses).where(eq(businesses.id, row.id));
    expect(after).toEqual({ name: "Boekhandel Het Zwin & Co", slug: "boekhandel-het-zwin-co-brugge" });
  });
});

describe("the quickscan", () => {
  const answers = (value: string) => Object.fromEntries(questions.map((q) => [q.id, value]));

  it("keeps every scan and shows its result to the owner only", async () => {
    const [business] = await db.select({ id: businesses.id }).from(businesses).where(eq(businesses.enterpriseNumber, "0123456749"));
    const post = (fields: Record<string, string>, cookie = owner) =>
      respond(() => quickscanRoute.action(args(formRequest(`/ondernemer/zaken/${business.id}/quickscan`, fields, { cookie }), { id: business.id })));

    const first = await post(answers("1"));
    expect(first.status).toBe(302);
    const second = await post(answers("3"));
    const scanId = second.headers.get("Location")!.split("/").pop()!;
    const kept = await db.select().from(quickscans).where(eq(quickscans.businessId, business.id));
    expect(kept.map((k) => k.overallScore).sort()).toEqual([100, 33]);

    const result = await respond(() => quickscanResult.loader(args(getRequest(`/ondernemer/quickscans/${scanId}`, { cookie: owner }), { scanId })));
    expect(result.status).toBe(200);
    const data = await result.json();
    expect(data.quickscan.overallScore).toBe(100);
    expect(data.history).toHaveLength(2);

    const stranger = await respond(() => quickscanResult.loader(args(getRequest(`/ondernemer/quickscans/${scanId}`, { cookie: other }), { scanId })));
    expect(stranger.status).toBe(404);
    expect((await post(answers("2"), other)).status).toBe(404);
  });

  it("refuses missing or out-of-range answers and keeps nothing", async () => {
    const [business] = await db.select({ id: businesses.id }).from(businesses).where(eq(businesses.enterpriseNumber, "0123456749"));
    const before = (await db.select({ n: count() }).from(quickscans))[0].n;
    const response = await respond(() =>
      quickscanRoute.action(args(formRequest(`/ondernemer/zaken/${business.id}/quickscan`, { ...answers("2"), website: "7", backups: "" }, { cookie: owner }), { id: business.id })),
    );
    expect(response.status).toBe(400);
    expect(await dutchErrors(response)).toEqual(expect.arrayContaining(["Kies een van de mogelijkheden.", "Dit veld is verplicht."]));
    expect((await db.select({ n: count() }).from(quickscans))[0].n).toBe(before);
  });
});

/*
 * "Koppel in cijfers: 62 gemeenten" counted the reference list (issue 22, item 13). Expected: the
 * municipalities where a business on Koppel is: a first business in Diksmuide adds one, a second
 * one there adds none.
 */
describe("Koppel in figures", () => {
  it("counts the municipalities where businesses are, not the reference list", async () => {
    const { getPlatformFigures } = await import("~/modules/profiles/index.server");
    const { account, businessFor } = await import("../support/marketplace");
    const owner = await account("retailer");
    const before = await getPlatformFigures();
    expect(before.municipalities).toBeLessThan(62);
    // Diksmuide: NIS 32003, postal code 8600 (Statbel's list in ../shared/data).
    await businessFor(owner.id, { name: "Boekhandel Diksmuide", nisCode: "32003", postalCode: "8600" });
    const first = await getPlatformFigures();
    await businessFor(owner.id, { name: "Fietsen Diksmuide", nisCode: "32003", postalCode: "8600" });
    const second = await getPlatformFigures();
    expect([first.municipalities - before.municipalities, second.municipalities - first.municipalities]).toEqual([1, 0]);
    expect(second.businesses - before.businesses).toBe(2);
  });
});
