import { describe, expect, it } from "vitest";
import { explainMatch } from "~/modules/matching/explain";
import { baseWeights, factorNames, rankCandidates, scoreCandidate, type MatchCandidate } from "~/modules/matching/score";
import { expandQuery, meilisearchSynonyms } from "~/modules/matching/synonyms";

const need = { services: ["website", "webshop", "seo_sea"], sector: "retail", budgetCents: 150_000 };

const base: MatchCandidate = {
  providerId: "p-base",
  services: ["website"],
  sectors: ["tourism"],
  distanceKm: 30,
  textRelevance: 0.2,
  ratingAverage: 0,
  ratingCount: 0,
  completedCount: 0,
  engagementCount: 0,
  capacity: 4,
  activeEngagements: 2,
  starter: false,
  hourlyRateCents: 10_000,
  invitationsLast30Days: 2,
};

const score = (overrides: Partial<MatchCandidate>) => scoreCandidate(need, { ...base, ...overrides }).score;

describe("the matching score", () => {
  it.each([
    ["covering more needed services", { services: ["website", "webshop"] }],
    ["experience in the sector", { sectors: ["retail"] }],
    ["being closer", { distanceKm: 5 }],
    ["a better text match", { textRelevance: 0.9 }],
    ["good ratings", { ratingAverage: 4.8, ratingCount: 12 }],
    ["completing engagements", { completedCount: 9, engagementCount: 10 }],
    ["more free capacity", { activeEngagements: 0 }],
    ["being a starter", { starter: true }],
    ["a rate that fits the budget", { hourlyRateCents: 6_000 }],
    ["fewer recent invitations", { invitationsLast30Days: 0 }],
  ] as [string, Partial<MatchCandidate>][])("rises with %s", (_what, better) => {
    expect(score(better)).toBeGreaterThan(score({}));
  });

  it.each([
    ["being farther", { distanceKm: 55 }],
    ["poor ratings", { ratingAverage: 1.5, ratingCount: 20 }],
    ["a full schedule", { activeEngagements: 4 }],
    ["many recent invitations", { invitationsLast30Days: 12 }],
    ["a rate beyond the budget", { hourlyRateCents: 30_000 }],
  ] as [string, Partial<MatchCandidate>][])("falls with %s", (_what, worse) => {
    expect(score(worse)).toBeLessThan(score({}));
  });

  it("keeps each factor's contribution, and they add up to the score", () => {
    for (const overrides of [{}, { services: ["website", "webshop", "seo_sea"], starter: true }, { invitationsLast30Days: 30, distanceKm: 100 }]) {
      const result = scoreCandidate(need, { ...base, ...overrides });
      expect(Object.keys(result.factors).sort()).toEqual([...factorNames].sort());
      const sumInHundredths = factorNames.reduce((s, f) => s + Math.round(result.factors[f] * 100), 0);
      expect(sumInHundredths).toBe(Math.round(result.score * 100));
    }
  });

  it("works out a known case by hand", () => {
    const result = scoreCandidate(need, { ...base, services: ["website", "webshop", "seo_sea"], sectors: ["retail"], distanceKm: 0, textRelevance: 1, capacity: 2, activeEngagements: 0, starter: true, hourlyRateCents: 7_500, invitationsLast30Days: 0 });
    // coverage 30 + sector 10 + distance 10 + text 8 + capacity 8 + starter 10 + price 12 (1,500 € buys 20 h at 75 €)
    // + quality: rating prior 3.5 → (3.5 - 1) / 4 = 0.625 × 0.7 + completion 1/2 × 0.3 = 0.5875 × 12 = 7.05
    expect(result.factors).toEqual({ coverage: 30, sector: 10, distance: 10, text: 8, quality: 7.05, capacity: 8, starter: 10, price: 12, exposure: 0 });
    expect(result.score).toBe(95.05);
  });

  it("takes its weights from one configuration object", () => {
    const heavyStarters = { ...baseWeights, starter: 50 };
    expect(scoreCandidate(need, { ...base, starter: true }, heavyStarters).factors.starter).toBe(50);
  });

  it("breaks ties by fewer recent invitations, then by id, the same way every time", () => {
    const twins = ["p-c", "p-a", "p-b"].map((providerId) => ({ ...base, providerId }));
    expect(rankCandidates(need, twins).map((r) => r.providerId)).toEqual(["p-a", "p-b", "p-c"]);
    expect(rankCandidates(need, [...twins].reverse()).map((r) => r.providerId)).toEqual(["p-a", "p-b", "p-c"]);
    // Same score after rounding but fewer invitations wins, whatever the id.
    const a = { ...base, providerId: "p-a", invitationsLast30Days: 1 };
    const z = { ...base, providerId: "p-z", invitationsLast30Days: 1 };
    expect(rankCandidates(need, [a, z]).map((r) => r.providerId)).toEqual(["p-a", "p-z"]);
  });
});

describe("the explanation", () => {
  it("names the strongest reasons first, in keys the page translates", () => {
    const result = scoreCandidate(need, { ...base, services: ["website", "webshop"], starter: true });
    const reasons = explainMatch(result.factors, { covered: 2, needed: 3, sector: "retail", distanceKm: 30, starter: true, ratingAverage: 0, ratingCount: 0, invitationsLast30Days: 2 });
    expect(reasons[0]).toEqual({ key: "coverage", params: { covered: 2, needed: 3 } });
    expect(reasons.map((r) => r.key)).toEqual(expect.arrayContaining(["starter", "distance", "noRatings", "exposure"]));
    expect(reasons.map((r) => r.key)).not.toContain("sector");
  });
});

describe("synonyms", () => {
  it("expand a word into its group, and a phrase into its group", () => {
    expect(expandQuery("webwinkel")).toEqual([["webwinkel", "webshop", "e-shop", "eshop", "online winkel", "e-commerce"]]);
    expect(expandQuery("Sociale media")[0]).toContain("social media");
    expect(expandQuery("café en bakkerij")).toEqual([["cafe"], ["bakkerij"]]);
  });
  it("do not pull in a group for one word of a multi-word synonym", () => {
    expect(expandQuery("online reserveren")).toEqual([["online"], ["reserveren"]]);
  });
  it("map every word to the rest of its group for Meilisearch", () => {
    const map = meilisearchSynonyms();
    expect(map.webwinkel).toEqual(expect.arrayContaining(["webshop", "e-shop"]));
    expect(map.webwinkel).not.toContain("webwinkel");
  });
});
