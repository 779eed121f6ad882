import { afterEach, describe, expect, it } from "vitest";
import { createMeilisearchAdapter } from "~/modules/matching/meilisearch.server";
import { startFakeMeilisearch } from "../support/fakes/meilisearch";
import { conformanceDocuments, providerDocument } from "../support/search-fixtures";

/*
 * The adapter's side of the protocol, against a fake of Meilisearch's documented API: settings
 * before documents, every task awaited, a failed task surfaced as an error (so the outbox retries),
 * and what it makes of the answers: hits, distances, facets, totals and ranking scores. How well
 * Meilisearch itself ranks and forgives typos is the conformance suite's job, with a real server.
 */
let fake: Awaited<ReturnType<typeof startFakeMeilisearch>> | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("the Meilisearch adapter", () => {
  it("creates the index and applies its settings, waiting for each task, before adding documents", async () => {
    fake = await startFakeMeilisearch({ existingIndex: true });
    const port = createMeilisearchAdapter({ host: fake.host, indexUid: "providers", taskTimeoutMs: 2000 });
    await port.setup();
    await port.upsert([providerDocument({ id: "p1", latitude: 51.2, longitude: 3.2, foundedOn: "2024-01-01", capacity: 3, activeEngagements: 1 })]);

    const writes = fake.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path.split("?")[0]}`);
    expect(writes).toEqual(["POST /indexes", "PATCH /indexes/providers/settings", "POST /indexes/providers/documents"]);
    // Each write is followed by polling its task until it has finished.
    const taskPolls = fake.requests.filter((r) => r.path.startsWith("/tasks/")).map((r) => r.path);
    expect(taskPolls).toEqual(["/tasks/1", "/tasks/1", "/tasks/2", "/tasks/2", "/tasks/3", "/tasks/3"]);

    const settings = fake.requests.find((r) => r.method === "PATCH")!.body as Record<string, unknown>;
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(["services", "servedNisCodes", "_geo", "freeCapacity"]));
    expect(settings.sortableAttributes).toEqual(expect.arrayContaining(["_geo", "ratingAverage"]));
    expect((settings.synonyms as Record<string, string[]>).webwinkel).toContain("webshop");
    expect(settings.typoTolerance).toMatchObject({ enabled: true });

    const [document] = fake.requests.find((r) => r.path.startsWith("/indexes/providers/documents"))!.body as Record<string, unknown>[];
    expect(document).toMatchObject({ id: "p1", _geo: { lat: 51.2, lng: 3.2 }, freeCapacity: 2, foundedOnDay: 19723 });
  });

  it("surfaces a failed task as an error instead of swallowing it", async () => {
    fake = await startFakeMeilisearch({ failTypes: ["documentAdditionOrUpdate"] });
    const port = createMeilisearchAdapter({ host: fake.host, taskTimeoutMs: 2000 });
    await expect(port.upsert([providerDocument({ id: "p1" })])).rejects.toThrow(/documentAdditionOrUpdate\) failed: internal Simulated failure\./);
  });

  it("surfaces an unreachable server as an error", async () => {
    const port = createMeilisearchAdapter({ host: "http://127.0.0.1:9", taskTimeoutMs: 500 });
    await expect(port.remove(["p1"])).rejects.toThrow();
  });

  it("asks for the hard filters of matching in Meilisearch's filter syntax", async () => {
    fake = await startFakeMeilisearch();
    const port = createMeilisearchAdapter({ host: fake.host });
    await port.candidates({ nisCode: "31005", services: ["website", "webshop"], languages: [], enterpriseNumber: "0123456749", text: "webwinkel", limit: 200 });
    const search = fake.requests.find((r) => r.path === "/indexes/providers/search")!.body as Record<string, unknown>;
    expect(search).toMatchObject({
      q: "webwinkel",
      limit: 200,
      showRankingScore: true,
      filter: ['servedNisCodes = "31005"', 'services IN ["website", "webshop"]', 'languages IN ["nl"]', "freeCapacity > 0", 'NOT conflictEnterpriseNumbers = "0123456749"'],
    });
  });

  it("sorts the directory by distance with _geoPoint and asks for facets", async () => {
    fake = await startFakeMeilisearch();
    const port = createMeilisearchAdapter({ host: fake.host });
    await port.search({ q: "webshop", sort: "distance", near: { latitude: 51.2, longitude: 3.2 }, services: ["webshop"], starterSince: "2021-11-28", page: 2, perPage: 10 });
    const [main] = fake.requests.filter((r) => r.path === "/indexes/providers/search").map((r) => r.body as Record<string, unknown>);
    expect(main).toMatchObject({ sort: ["_geoPoint(51.2, 3.2):asc"], page: 2, hitsPerPage: 10, facets: ["services", "sectors", "servedNisCodes", "languages"], filter: ['services IN ["webshop"]'] });
  });

  it("maps the hits, distances, facets and totals Meilisearch answers into the directory page", async () => {
    fake = await startFakeMeilisearch();
    const port = createMeilisearchAdapter({ host: fake.host, taskTimeoutMs: 2000 });
    await port.setup();
    await port.upsert(conformanceDocuments);
    const brugge = { latitude: 51.2147, longitude: 3.2074 };
    const page = await port.search({ q: "webwinkel", services: ["webshop"], sort: "distance", near: brugge, starterSince: "2021-11-28", page: 1, perPage: 2 });
    // A synonym finds the webshop builders; the nearest first, with its distance in km.
    expect(page.hits.map((h) => [h.id, h.distanceKm])).toEqual([
      ["shop-brugge", 0],
      ["conflict-brugge", 0],
    ]);
    expect(page.total).toBe(3);
    expect(page.facets.service).toEqual({ webshop: 3, website: 2, pos_integration: 1 });
    expect(page.facets.municipality["34022"]).toBe(1);
    expect(page.facets.starter).toEqual({ true: 0, false: 3 });
    const second = await port.search({ q: "webwinkel", services: ["webshop"], sort: "distance", near: brugge, starterSince: "2021-11-28", page: 2, perPage: 2 });
    expect(second.hits.map((h) => h.id)).toEqual(["shop-kortrijk"]);
    expect(second.hits[0].distanceKm).toBeGreaterThan(40);
    expect(second.hits[0].distanceKm).toBeLessThan(50);
    const byRating = await port.search({ services: ["webshop"], sort: "rating", starterSince: "2021-11-28" });
    expect(byRating.hits.map((h) => [h.id, h.distanceKm])).toEqual([
      ["shop-brugge", null],
      ["shop-kortrijk", null],
      ["conflict-brugge", null],
    ]);
  });

  it("turns Meilisearch's ranking score into each candidate's text relevance, within the hard filters", async () => {
    fake = await startFakeMeilisearch();
    const port = createMeilisearchAdapter({ host: fake.host, taskTimeoutMs: 2000 });
    await port.setup();
    await port.upsert(conformanceDocuments);
    const candidates = await port.candidates({ nisCode: "31005", services: ["website", "webshop"], languages: ["nl"], enterpriseNumber: "0700000104", text: "webwinkel brugge", limit: 50 });
    // Full (no free capacity) and the declared conflict are filtered out; Kortrijk does not serve Brugge.
    expect(candidates.map((c) => c.id).sort()).toEqual(["shop-brugge"]);
    expect(candidates[0].textRelevance).toBe(0.5);
    expect(candidates[0]).not.toHaveProperty("bio");
    const withoutText = await port.candidates({ nisCode: "31005", services: ["website"], languages: [], limit: 50 });
    expect(withoutText.map((c) => c.id).sort()).toEqual(["conflict-brugge", "shop-brugge"]);
    expect(withoutText.every((c) => c.textRelevance === 0)).toBe(true);
  });
});
