import { Meilisearch, type EnqueuedTaskPromise, type Settings } from "meilisearch";
import { meilisearchSynonyms } from "./synonyms";
import type { Candidate, DirectoryFacets, DirectoryQuery, ProviderDocument, ProviderSearchPort } from "./search-port";

/*
 * The Meilisearch adapter (official client). Settings go in before any document; every task is
 * awaited and a failed task throws, so the outbox retries it instead of losing the update.
 */

type MeiliDocument = ProviderDocument & { _geo: { lat: number; lng: number }; foundedOnDay: number; freeCapacity: number };

const settings: Settings = {
  searchableAttributes: ["name", "searchTerms", "bio"],
  filterableAttributes: ["services", "sectors", "languages", "servedNisCodes", "foundedOnDay", "freeCapacity", "conflictEnterpriseNumbers", "_geo"],
  sortableAttributes: ["ratingAverage", "ratingCount", "name", "_geo"],
  synonyms: meilisearchSynonyms(),
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: 10_000 },
};

/** What matching needs back: not the long texts, not the engine's own fields. */
const candidateAttributes = [
  "id", "slug", "name", "kind", "enterpriseNumber", "services", "sectors", "languages", "servedNisCodes", "baseNisCode",
  "latitude", "longitude", "foundedOn", "hourlyRateCents", "capacity", "activeEngagements", "ratingAverage", "ratingCount",
  "completedCount", "engagementCount", "conflictEnterpriseNumbers",
];

/** Days since 1970: dates compare as numbers in Meilisearch filters. */
const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
const quote = (value: string) => JSON.stringify(value);
const anyOf = (field: string, values: string[]) => `${field} IN [${values.map(quote).join(", ")}]`;

/** Meilisearch adds `_geoDistance` (metres) to hits when sorting by `_geoPoint`. */
function geoDistanceKm(hit: object) {
  const metres = (hit as { _geoDistance?: unknown })._geoDistance;
  return typeof metres === "number" ? Math.round(metres / 100) / 10 : null;
}

function toMeili(doc: ProviderDocument): MeiliDocument {
  return {
    ...doc,
    _geo: { lat: doc.latitude, lng: doc.longitude },
    foundedOnDay: dayNumber(doc.foundedOn),
    freeCapacity: doc.capacity - doc.activeEngagements,
  };
}

export function createMeilisearchAdapter(options: { host: string; apiKey?: string; indexUid?: string; taskTimeoutMs?: number }): ProviderSearchPort {
  const client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
  const uid = options.indexUid ?? "providers";
  const index = client.index<MeiliDocument>(uid);
  const timeout = options.taskTimeoutMs ?? 30_000;

  async function settle(enqueued: EnqueuedTaskPromise, allowedErrorCode?: string) {
    const task = await enqueued.waitTask({ timeout });
    if (task.status === "succeeded") return;
    if (allowedErrorCode && task.error?.code === allowedErrorCode) return;
    throw new Error(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.code ?? ""} ${task.error?.message ?? ""}`.trim());
  }

  function filtersOf(query: Pick<DirectoryQuery, "services" | "sectors" | "languages" | "municipality" | "starter" | "starterSince">) {
    const filter: string[] = [];
    if (query.services?.length) filter.push(anyOf("services", query.services));
    if (query.sectors?.length) filter.push(anyOf("sectors", query.sectors));
    if (query.languages?.length) filter.push(anyOf("languages", query.languages));
    if (query.municipality) filter.push(`servedNisCodes = ${quote(query.municipality)}`);
    if (query.starter === true) filter.push(`foundedOnDay >= ${dayNumber(query.starterSince)}`);
    if (query.starter === false) filter.push(`foundedOnDay < ${dayNumber(query.starterSince)}`);
    return filter;
  }

  return {
    kind: "meilisearch",

    async setup() {
      await settle(client.createIndex(uid, { primaryKey: "id" }), "index_already_exists");
      await settle(index.updateSettings(settings));
    },

    async upsert(documents) {
      if (documents.length) await settle(index.addDocuments(documents.map(toMeili), { primaryKey: "id" }));
    },

    async remove(ids) {
      if (ids.length) await settle(index.deleteDocuments(ids));
    },

    async ids() {
      const out: string[] = [];
      for (let offset = 0; ; offset += 1000) {
        const page = await index.getDocuments({ fields: ["id"], limit: 1000, offset });
        out.push(...page.results.map((d) => d.id));
        if (page.results.length < 1000) return out;
      }
    },

    async search(query) {
      const perPage = query.perPage ?? 20;
      const page = Math.max(1, query.page ?? 1);
      const filter = filtersOf(query);
      const sort =
        query.sort === "distance" && query.near
          ? [`_geoPoint(${query.near.latitude}, ${query.near.longitude}):asc`]
          : query.sort === "rating"
            ? ["ratingAverage:desc", "ratingCount:desc"]
            : undefined;
      const [result, starters, others] = await Promise.all([
        index.search(query.q ?? "", {
          filter,
          sort,
          page,
          hitsPerPage: perPage,
          facets: ["services", "sectors", "servedNisCodes", "languages"],
        }),
        index.search(query.q ?? "", { filter: [...filter, `foundedOnDay >= ${dayNumber(query.starterSince)}`], hitsPerPage: 0 }),
        index.search(query.q ?? "", { filter: [...filter, `foundedOnDay < ${dayNumber(query.starterSince)}`], hitsPerPage: 0 }),
      ]);
      const distribution = result.facetDistribution ?? {};
      const facets: DirectoryFacets = {
        service: distribution.services ?? {},
        sector: distribution.sectors ?? {},
        municipality: distribution.servedNisCodes ?? {},
        language: distribution.languages ?? {},
        starter: { true: starters.totalHits ?? 0, false: others.totalHits ?? 0 },
      };
      return {
        hits: result.hits.map((h) => ({
          id: h.id,
          slug: h.slug,
          name: h.name,
          kind: h.kind,
          services: h.services,
          sectors: h.sectors,
          languages: h.languages,
          baseNisCode: h.baseNisCode,
          foundedOn: h.foundedOn,
          hourlyRateCents: h.hourlyRateCents,
          ratingAverage: h.ratingAverage,
          ratingCount: h.ratingCount,
          distanceKm: geoDistanceKm(h),
        })),
        facets,
        total: result.totalHits ?? 0,
        page,
        perPage,
      };
    },

    async candidates(query): Promise<Candidate[]> {
      const filter = [
        `servedNisCodes = ${quote(query.nisCode)}`,
        anyOf("services", query.services),
        anyOf("languages", query.languages.length ? query.languages : ["nl"]),
        "freeCapacity > 0",
      ];
      if (query.enterpriseNumber) filter.push(`NOT conflictEnterpriseNumbers = ${quote(query.enterpriseNumber)}`);
      const result = await index.search(query.text ?? "", {
        filter,
        limit: query.limit,
        showRankingScore: Boolean(query.text),
        attributesToRetrieve: candidateAttributes,
      });
      return result.hits.map(({ _rankingScore, ...doc }) => ({
        ...(doc as unknown as Omit<Candidate, "textRelevance">),
        textRelevance: query.text ? Number(_rankingScore ?? 0) : 0,
      }));
    },
  };
}
