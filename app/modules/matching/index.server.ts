import { and, count, eq, gt, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { businesses, invitations, municipalities, providers } from "~db/schema";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { enqueue } from "~/modules/notifications/index.server";
import { starterSince } from "~/modules/profiles/taxonomy";
import { currentSettings } from "~/modules/settings/index.server";
import { builtinSearch } from "./builtin.server";
import { approvedProviderIds, buildProviderDocuments } from "./documents.server";
import { explainMatch } from "./explain";
import { distanceKm } from "./geo";
import { createMeilisearchAdapter } from "./meilisearch.server";
import { rankCandidates, type Factor } from "./score";
import type { DirectoryParams } from "./params";
import type { ProviderSearchPort } from "./search-port";

export type { DirectoryPage, DirectoryQuery, DirectorySort, ProviderSearchPort } from "./search-port";
export { builtinSearch } from "./builtin.server";
export { createMeilisearchAdapter } from "./meilisearch.server";

let engine: ProviderSearchPort | undefined;
/** Meilisearch when MEILI_HOST is set, else the built-in engine in our own database. */
export function searchEngine(): ProviderSearchPort {
  engine ??= env.MEILI_HOST ? createMeilisearchAdapter({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY }) : builtinSearch;
  return engine;
}

/** For tests: put another engine (or a failing one) behind the port. */
export function useSearchEngine(port: ProviderSearchPort | undefined) {
  engine = port;
}

/** Call in the transaction that changes providers: the worker brings the index up to date. */
export async function queueProviderIndexing(executor: Executor, providerIds: string[]) {
  const unique = [...new Set(providerIds)];
  for (let i = 0; i < unique.length; i += 500) await enqueue(executor, "search.provider", { providerIds: unique.slice(i, i + 500) });
}

/** Applies the current state of these providers to the index: approved ones in, the rest out. */
export async function indexProviders(providerIds: string[], port = searchEngine()) {
  const { documents, removed } = await buildProviderDocuments(providerIds);
  await port.upsert(documents);
  await port.remove(removed);
}

/**
 * At start-up: the engine's index and settings (filterable attributes, synonyms). When the engine
 * is down, a job in the outbox retries the setup, with the outbox's backoff, until it succeeds; a
 * search before then fails loudly rather than filtering on attributes Meilisearch does not know.
 */
export async function setUpSearch() {
  try {
    await searchEngine().setup();
  } catch (error) {
    logger.error({ err: error }, "search engine setup failed; retrying through the outbox");
    await enqueue(db, "search.setup", {});
  }
}

export const matchingOutboxHandlers = {
  "search.provider": (payload: Record<string, unknown>) => indexProviders(payload.providerIds as string[]),
  "search.setup": () => searchEngine().setup(),
};

/** `npm run search:reindex`: settings, every approved provider, and nothing else. */
export async function reindexAll(port = searchEngine()) {
  await port.setup();
  const approved = await approvedProviderIds();
  for (let i = 0; i < approved.length; i += 1000) await indexProviders(approved.slice(i, i + 1000), port);
  const keep = new Set(approved);
  const stale = (await port.ids()).filter((id) => !keep.has(id));
  await port.remove(stale);
  logger.info({ engine: port.kind, indexed: approved.length, removed: stale.length }, "search index rebuilt");
  return { indexed: approved.length, removed: stale.length };
}

/** Ids among these that are approved right now: the index may lag a decision by a moment. */
async function stillApproved(ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db.select({ id: providers.id }).from(providers).where(and(inArray(providers.id, ids), eq(providers.status, "approved")));
  return new Set(rows.map((r) => r.id));
}

/** The directory (page and API) from its checked query parameters. */
export async function searchDirectory(params: DirectoryParams) {
  const nearNisCode = params.near ?? params.municipality;
  const near = nearNisCode
    ? (await db.select({ latitude: municipalities.latitude, longitude: municipalities.longitude }).from(municipalities).where(eq(municipalities.nisCode, nearNisCode)))[0]
    : undefined;
  const page = await searchEngine().search({
    q: params.q,
    services: params.service,
    sectors: params.sector,
    municipality: params.municipality,
    languages: params.language,
    starter: params.starter === undefined ? undefined : params.starter === "true",
    sort: params.sort,
    page: params.page,
    near,
    starterSince: starterSince(new Date(), currentSettings().starterMaxAgeYears),
  });
  const approved = await stillApproved(page.hits.map((h) => h.id));
  return { ...page, hits: page.hits.filter((h) => approved.has(h.id)).map((h) => ({ ...h, starter: h.foundedOn >= starterSince(new Date(), currentSettings().starterMaxAgeYears) })) };
}

/** Invitations each provider received in the last 30 days: the exposure penalty spreads work with it. */
async function recentInvitationCounts(providerIds: string[]) {
  if (providerIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ providerId: invitations.providerId, n: count() })
    .from(invitations)
    .where(and(inArray(invitations.providerId, providerIds), gt(invitations.createdAt, sql`now() - interval '30 days'`)))
    .groupBy(invitations.providerId);
  return new Map(rows.map((r) => [r.providerId, r.n]));
}

/** A request as one provider's opportunity: what scoring needs to know of it. */
export interface OpportunityNeed {
  requestId: string;
  nisCode: string;
  sector: string;
  latitude: number;
  longitude: number;
  enterpriseNumber: string;
  services: string[];
  languages: string[];
  budgetCents: number | null;
}

/**
 * The other side of matching: for one provider, which open requests they may bid on (the same hard
 * filters) and how well each fits, with the same scoring and explanation a retailer sees.
 */
export async function scoreOpportunities(providerId: string, needs: OpportunityNeed[]) {
  const { documents } = await buildProviderDocuments([providerId]);
  const doc = documents[0];
  if (!doc) return [];
  const recent = (await recentInvitationCounts([providerId])).get(providerId) ?? 0;
  const since = starterSince(new Date(), currentSettings().starterMaxAgeYears);
  return needs
    .filter(
      (n) =>
        doc.servedNisCodes.includes(n.nisCode) &&
        doc.services.some((s) => n.services.includes(s)) &&
        doc.languages.some((l) => (n.languages.length ? n.languages : ["nl"]).includes(l)) &&
        doc.capacity > doc.activeEngagements &&
        !doc.conflictEnterpriseNumbers.includes(n.enterpriseNumber),
    )
    .map((n) => {
      const km = distanceKm(n, doc);
      const input = { ...doc, providerId: doc.id, distanceKm: km, textRelevance: 0, starter: doc.foundedOn >= since, invitationsLast30Days: recent };
      const [scored] = rankCandidates({ services: n.services, sector: n.sector, budgetCents: n.budgetCents }, [input], currentSettings().weights);
      return {
        requestId: n.requestId,
        score: scored.score,
        reasons: explainMatch(scored.factors, {
          covered: doc.services.filter((s) => n.services.includes(s)).length,
          needed: n.services.length,
          sector: n.sector,
          distanceKm: km,
          starter: input.starter,
          ratingAverage: doc.ratingAverage,
          ratingCount: doc.ratingCount,
          invitationsLast30Days: recent,
        }),
      };
    })
    .sort((a, b) => b.score - a.score || (a.requestId < b.requestId ? -1 : 1));
}

export interface MatchRequest {
  /** A business of the asking retailer; or nisCode and sector for an anonymous need. */
  business?: { id: string; ownerId: string };
  nisCode?: string;
  sector?: string;
  services: string[];
  languages?: string[];
  text?: string;
  budgetCents?: number | null;
  limit?: number;
}

/**
 * Ranks providers for a need: hard filters in the search engine (served area, a needed service, a
 * needed language, free capacity, no declared conflict), re-checked against the database's
 * approval, then scored by score.ts with every factor's contribution kept.
 */
export async function rankProviders(request: MatchRequest) {
  let place: { nisCode: string; sector: string; latitude: number; longitude: number; enterpriseNumber: string | null };
  if (request.business) {
    const [row] = await db
      .select({ nisCode: businesses.nisCode, sector: businesses.sector, latitude: businesses.latitude, longitude: businesses.longitude, enterpriseNumber: businesses.enterpriseNumber, centreLat: municipalities.latitude, centreLon: municipalities.longitude })
      .from(businesses)
      .innerJoin(municipalities, eq(municipalities.nisCode, businesses.nisCode))
      .where(and(eq(businesses.id, request.business.id), eq(businesses.ownerId, request.business.ownerId)));
    if (!row) return null;
    place = { nisCode: row.nisCode, sector: row.sector, latitude: row.latitude ?? row.centreLat, longitude: row.longitude ?? row.centreLon, enterpriseNumber: row.enterpriseNumber };
  } else {
    const [m] = await db.select().from(municipalities).where(eq(municipalities.nisCode, request.nisCode ?? ""));
    if (!m || !request.sector) return null;
    place = { nisCode: m.nisCode, sector: request.sector, latitude: m.latitude, longitude: m.longitude, enterpriseNumber: null };
  }

  const languages = request.languages?.length ? request.languages : ["nl"];
  const candidates = await searchEngine().candidates({
    nisCode: place.nisCode,
    services: request.services,
    languages,
    enterpriseNumber: place.enterpriseNumber,
    text: request.text,
    limit: 200,
  });
  const approved = await stillApproved(candidates.map((c) => c.id));
  const since = starterSince(new Date(), currentSettings().starterMaxAgeYears);
  const recent = await recentInvitationCounts(candidates.map((c) => c.id));
  const eligible = candidates
    .filter((c) => approved.has(c.id))
    .map((c) => ({
      doc: c,
      input: {
        providerId: c.id,
        services: c.services,
        sectors: c.sectors,
        distanceKm: distanceKm(place, c),
        textRelevance: c.textRelevance,
        ratingAverage: c.ratingAverage,
        ratingCount: c.ratingCount,
        completedCount: c.completedCount,
        engagementCount: c.engagementCount,
        capacity: c.capacity,
        activeEngagements: c.activeEngagements,
        starter: c.foundedOn >= since,
        hourlyRateCents: c.hourlyRateCents,
        invitationsLast30Days: recent.get(c.id) ?? 0,
      },
    }));
  const byId = new Map(eligible.map((e) => [e.doc.id, e]));
  const need = { services: request.services, sector: place.sector, budgetCents: request.budgetCents };
  const ranked = rankCandidates(
    need,
    eligible.map((e) => e.input),
    currentSettings().weights,
  ).slice(0, Math.min(request.limit ?? 10, 50));
  return ranked.map((r) => {
    const { doc, input } = byId.get(r.providerId)!;
    return {
      providerId: doc.id,
      enterpriseNumber: doc.enterpriseNumber,
      name: doc.name,
      slug: doc.slug,
      score: r.score,
      factors: r.factors as Record<Factor, number>,
      distanceKm: Math.round(input.distanceKm * 10) / 10,
      starter: input.starter,
      hourlyRateCents: doc.hourlyRateCents,
      reasons: explainMatch(r.factors, {
        covered: doc.services.filter((s) => request.services.includes(s)).length,
        needed: request.services.length,
        sector: place.sector,
        distanceKm: input.distanceKm,
        starter: input.starter,
        ratingAverage: doc.ratingAverage,
        ratingCount: doc.ratingCount,
        invitationsLast30Days: input.invitationsLast30Days,
      }),
    };
  });
}
