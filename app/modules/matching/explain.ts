import type { Factor } from "./score";

/** One line of "Waarom deze aanbieder?": an i18n key under `matching.why` and its parameters. */
export interface Reason {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * Turns a score's contributions into plain-language reasons, strongest first. Pure: the caller
 * passes what the sentences mention.
 */
export function explainMatch(
  factors: Record<Factor, number>,
  facts: { covered: number; needed: number; sector: string; distanceKm: number; starter: boolean; ratingAverage: number; ratingCount: number; invitationsLast30Days: number },
): Reason[] {
  const reasons: { weight: number; reason: Reason }[] = [];
  if (facts.covered > 0) reasons.push({ weight: factors.coverage, reason: { key: "coverage", params: { covered: facts.covered, needed: facts.needed } } });
  if (factors.sector > 0) reasons.push({ weight: factors.sector, reason: { key: "sector", params: { sector: facts.sector } } });
  reasons.push({ weight: factors.distance, reason: { key: "distance", params: { km: Math.round(facts.distanceKm) } } });
  if (factors.text > 1) reasons.push({ weight: factors.text, reason: { key: "text" } });
  if (facts.starter) reasons.push({ weight: factors.starter, reason: { key: "starter" } });
  if (factors.price > 0) reasons.push({ weight: factors.price, reason: { key: factors.price >= 8 ? "priceFits" : "priceTight" } });
  if (factors.capacity > 0) reasons.push({ weight: factors.capacity, reason: { key: "capacity" } });
  reasons.push({
    weight: factors.quality,
    reason: facts.ratingCount > 0 ? { key: "rating", params: { rating: facts.ratingAverage, count: facts.ratingCount } } : { key: "noRatings" },
  });
  if (factors.exposure < 0) reasons.push({ weight: -factors.exposure, reason: { key: "exposure", params: { count: facts.invitationsLast30Days } } });
  return reasons.sort((a, b) => b.weight - a.weight).map((r) => r.reason);
}
