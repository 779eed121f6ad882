import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinSearch, createMeilisearchAdapter, type ProviderSearchPort } from "~/modules/matching/index.server";
import { conformanceDocuments } from "../support/search-fixtures";

/*
 * The same cases for every search engine Koppel can use. The built-in engine always runs (on
 * PGlite, and on PostgreSQL when TEST_DATABASE_URL is set); Meilisearch runs when MEILI_HOST is set.
 */
const engines: [string, () => ProviderSearchPort][] = [["built-in", () => builtinSearch]];
const meiliHost = process.env.MEILI_HOST;
if (meiliHost) {
  const uid = `koppel_conformance_${process.pid}_${Date.now()}`;
  engines.push(["meilisearch", () => createMeilisearchAdapter({ host: meiliHost, apiKey: process.env.MEILI_API_KEY, indexUid: uid })]);
} else {
  console.info("search conformance: Meilisearch cases not run because MEILI_HOST is not set (no Meilisearch server can run on this machine)");
}

const starterSince = "2021-11-28";
const ids = (hits: { id: string }[]) => hits.map((h) => h.id).sort();

describe.each(engines)("the %s search engine", (_name, make) => {
  let port: ProviderSearchPort;

  beforeAll(async () => {
    port = make();
    await port.setup();
    await port.remove(await port.ids());
    await port.upsert(conformanceDocuments);
  });
  afterAll(async () => {
    await port.remove(await port.ids());
  });

  it("holds exactly the documents put in, and forgets removed ones", async () => {
    expect((await port.ids()).sort()).toEqual(conformanceDocuments.map((d) => d.id).sort());
    await port.remove(["full-brugge"]);
    expect(await port.ids()).not.toContain("full-brugge");
    await port.upsert(conformanceDocuments.filter((d) => d.id === "full-brugge"));
    expect(await port.ids()).toContain("full-brugge");
  });

  it("updates a document in place on a second upsert", async () => {
    const changed = { ...conformanceDocuments[0], name: "Reiewinkels & Co" };
    await port.upsert([changed]);
    const page = await port.search({ q: "reiewinkels", starterSince });
    expect(page.hits.find((h) => h.id === "shop-brugge")?.name).toBe("Reiewinkels & Co");
    await port.upsert([conformanceDocuments[0]]);
  });

  it.each([
    ["a plain word", "webshop"],
    ["a typo", "webshp"],
    ["a synonym", "webwinkel"],
  ])("finds webshop builders by %s", async (_case, q) => {
    const page = await port.search({ q, starterSince });
    expect(ids(page.hits)).toEqual(expect.arrayContaining(["shop-brugge", "shop-kortrijk"]));
    expect(ids(page.hits)).not.toContain("booking-ieper");
  });

  it("finds by a two-word synonym and by a Dutch word for an English one", async () => {
    expect(ids((await port.search({ q: "sociale media", starterSince })).hits)).toContain("social-oostende");
    expect(ids((await port.search({ q: "reservatiesysteem", starterSince })).hits)).toEqual(["booking-ieper"]);
  });

  it("filters on service, sector, language, municipality served and starters", async () => {
    expect(ids((await port.search({ services: ["pos_integration"], starterSince })).hits)).toEqual(["shop-kortrijk"]);
    expect(ids((await port.search({ sectors: ["hospitality"], starterSince })).hits)).toEqual(["social-oostende"]);
    expect(ids((await port.search({ languages: ["fr"], starterSince })).hits)).toEqual(["shop-kortrijk"]);
    expect(ids((await port.search({ municipality: "31006", starterSince })).hits)).toEqual(["shop-brugge"]);
    expect(ids((await port.search({ starter: true, starterSince })).hits)).toEqual(["booking-ieper", "social-oostende"]);
  });

  it("counts facets over the filtered set", async () => {
    const page = await port.search({ services: ["webshop"], starterSince });
    expect(page.total).toBe(3);
    expect(page.facets.service).toMatchObject({ webshop: 3, website: 2, pos_integration: 1 });
    expect(page.facets.language).toMatchObject({ nl: 3, fr: 1 });
    expect(page.facets.municipality["34022"]).toBe(1);
    expect(page.facets.starter).toEqual({ true: 0, false: 3 });
  });

  it("sorts by distance from a place and by rating", async () => {
    const byDistance = await port.search({ sort: "distance", near: { latitude: 50.8279, longitude: 3.2649 }, starterSince });
    expect(byDistance.hits[0].id).toBe("shop-kortrijk");
    expect(byDistance.hits[0].distanceKm).toBeLessThan(1);
    const distances = byDistance.hits.map((h) => h.distanceKm!);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    const byRating = await port.search({ sort: "rating", starterSince });
    expect(byRating.hits.slice(0, 2).map((h) => h.id)).toEqual(["shop-brugge", "shop-kortrijk"]);
  });

  it("pages through results", async () => {
    const first = await port.search({ sort: "rating", perPage: 4, page: 1, starterSince });
    const second = await port.search({ sort: "rating", perPage: 4, page: 2, starterSince });
    expect(first.total).toBe(6);
    expect(first.hits).toHaveLength(4);
    expect(second.hits).toHaveLength(2);
    expect(new Set([...ids(first.hits), ...ids(second.hits)]).size).toBe(6);
  });

  it("applies matching's hard filters to candidates", async () => {
    const candidates = await port.candidates({ nisCode: "31005", services: ["website", "webshop"], languages: ["nl"], enterpriseNumber: "0700000104", limit: 50 });
    // In Brugge, offering a needed service: shop-brugge, social-oostende (no: no needed service),
    // full-brugge (no: full), conflict-brugge (no: declared conflict with this business).
    expect(ids(candidates)).toEqual(["shop-brugge"]);
    const noConflict = await port.candidates({ nisCode: "31005", services: ["website", "webshop"], languages: ["nl"], enterpriseNumber: "0999999999", limit: 50 });
    expect(ids(noConflict)).toEqual(["conflict-brugge", "shop-brugge"]);
    const french = await port.candidates({ nisCode: "34022", services: ["webshop"], languages: ["fr"], limit: 50 });
    expect(ids(french)).toEqual(["shop-kortrijk"]);
    expect(await port.candidates({ nisCode: "33011", services: ["webshop"], languages: ["nl"], limit: 50 })).toEqual([]);
  });

  it("scores text relevance between 0 and 1 for candidates", async () => {
    const [best] = await port.candidates({ nisCode: "31005", services: ["website", "webshop"], languages: ["nl"], text: "webwinkel", limit: 50 });
    expect(best.textRelevance).toBeGreaterThan(0);
    expect(best.textRelevance).toBeLessThanOrEqual(1);
  });
});
