/*
 * Matching score: a pure function. Each factor gives a value between 0 and 1 (the exposure penalty
 * between -1 and 0), multiplied by its weight. Contributions are kept in hundredths of a point and
 * summed as integers, so they add up to the score exactly, and the UI can say why a provider ranks
 * where it does.
 */

export const factorNames = ["coverage", "sector", "distance", "text", "quality", "capacity", "starter", "price", "exposure"] as const;
export type Factor = (typeof factorNames)[number];

/** Weights in points as Koppel ships them; the office's choice comes in as a settings snapshot. The sum of positive weights is 100. */
export const baseWeights: Readonly<Record<Factor, number>> = Object.freeze({
  coverage: 30,
  sector: 10,
  distance: 10,
  text: 8,
  quality: 12,
  capacity: 8,
  starter: 10,
  price: 12,
  exposure: 15,
});

export const scoringSettings = {
  /** Beyond this distance the distance factor is 0. */
  maxDistanceKm: 60,
  /** Bayesian prior for ratings: this many virtual ratings of `priorRating`. */
  ratingPriorCount: 5,
  priorRating: 3.5,
  /** A typical engagement: the budget should buy this many hours for a perfect price fit. */
  typicalHours: 20,
  /** Invitations in 30 days at which the exposure penalty is full. */
  exposureSaturation: 10,
};

export interface MatchNeed {
  services: string[];
  sector: string;
  budgetCents?: number | null;
}

export interface MatchCandidate {
  providerId: string;
  services: string[];
  sectors: string[];
  distanceKm: number;
  /** 0–1, from the search engine. */
  textRelevance: number;
  ratingAverage: number;
  ratingCount: number;
  completedCount: number;
  engagementCount: number;
  capacity: number;
  activeEngagements: number;
  starter: boolean;
  hourlyRateCents: number;
  invitationsLast30Days: number;
}

export interface ScoredCandidate {
  providerId: string;
  score: number;
  factors: Record<Factor, number>;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** Each factor's raw value: 0–1 (exposure 0 to -1). */
export function factorValues(need: MatchNeed, c: MatchCandidate, settings = scoringSettings): Record<Factor, number> {
  const needed = new Set(need.services);
  const covered = c.services.filter((s) => needed.has(s)).length;
  const bayesRating = (c.ratingAverage * c.ratingCount + settings.priorRating * settings.ratingPriorCount) / (c.ratingCount + settings.ratingPriorCount);
  // Completion rate with the same prudence: two imaginary engagements, one completed.
  const completion = (c.completedCount + 1) / (c.engagementCount + 2);
  const freeShare = c.capacity > 0 ? clamp01((c.capacity - c.activeEngagements) / c.capacity) : 0;
  const price =
    need.budgetCents && need.budgetCents > 0 ? clamp01(need.budgetCents / (c.hourlyRateCents * settings.typicalHours)) : 0.5;
  return {
    coverage: needed.size ? covered / needed.size : 0,
    sector: c.sectors.includes(need.sector) ? 1 : 0,
    distance: clamp01(1 - c.distanceKm / settings.maxDistanceKm),
    text: clamp01(c.textRelevance),
    quality: 0.7 * clamp01((bayesRating - 1) / 4) + 0.3 * completion,
    capacity: freeShare,
    starter: c.starter ? 1 : 0,
    price,
    exposure: -clamp01(c.invitationsLast30Days / settings.exposureSaturation),
  };
}

export function scoreCandidate(need: MatchNeed, candidate: MatchCandidate, weights: Readonly<Record<Factor, number>> = baseWeights): ScoredCandidate {
  const values = factorValues(need, candidate);
  // "+ 0" turns a negative zero (no penalty) into a plain 0.
  const hundredths = Object.fromEntries(factorNames.map((f) => [f, Math.round(values[f] * weights[f] * 100) + 0])) as Record<Factor, number>;
  const total = factorNames.reduce((sum, f) => sum + hundredths[f], 0);
  return {
    providerId: candidate.providerId,
    score: total / 100,
    factors: Object.fromEntries(factorNames.map((f) => [f, hundredths[f] / 100])) as Record<Factor, number>,
  };
}

/** Highest score first; equal scores by fewer recent invitations, then by id: the same order every time. */
export function rankCandidates(need: MatchNeed, candidates: MatchCandidate[], weights: Readonly<Record<Factor, number>> = baseWeights) {
  const invitations = new Map(candidates.map((c) => [c.providerId, c.invitationsLast30Days]));
  return candidates
    .map((c) => scoreCandidate(need, c, weights))
    .sort(
      (a, b) =>
        b.score - a.score ||
        invitations.get(a.providerId)! - invitations.get(b.providerId)! ||
        (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0),
    );
}
