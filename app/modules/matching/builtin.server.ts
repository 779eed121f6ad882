import { and, arrayContains, arrayOverlaps, asc, getTableColumns, gte, inArray, lt, not, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { db, queryRows } from "~db/client";
import { providerSearch } from "~db/schema";
import { expandQuery } from "./synonyms";
import type { Candidate, CandidateQuery, DirectoryFacets, ProviderSearchPort } from "./search-port";

/*
 * The built-in engine: PostgreSQL full-text search (dutch, unaccented, prefix matching, synonyms
 * expanded into the query) for recall, pg_trgm word similarity for typos, and GIN-indexed array
 * filters for facets and matching. The same SQL runs on PGlite and PostgreSQL.
 */

/** `(webshop:* | webwinkel:*) | (brugge:*)`: any word may match, each with its synonyms and as a prefix. */
function tsQueryText(text: string) {
  const groups = expandQuery(text)
    .map((group) =>
      group
        .map((term) => term.split(/[^a-z0-9]+/).filter(Boolean).map((w) => `${w}:*`).join(" & "))
        .filter(Boolean)
        .map((t) => `(${t})`)
        .join(" | "),
    )
    .filter(Boolean);
  return groups.length ? groups.map((g) => `(${g})`).join(" | ") : null;
}

function textMatch(text: string | undefined) {
  const query = text?.trim() ? tsQueryText(text) : null;
  if (!query || !text) return null;
  const plain = text.trim().toLowerCase().slice(0, 200);
  const tsq = sql`to_tsquery('dutch', ${query})`;
  return {
    // A word-prefix or synonym match, or a near miss on the short terms (a typo).
    // Operators, not functions, so both halves use their GIN index (the trigram one at pg_trgm's
    // default word_similarity_threshold of 0.6).
    where: sql`(${providerSearch.searchVector} @@ ${tsq} or unaccent(${plain}) <% ${providerSearch.searchTerms})`,
    relevance: sql<number>`least(1, ts_rank(${providerSearch.searchVector}, ${tsq}) * 5 + word_similarity(unaccent(${plain}), ${providerSearch.searchTerms}))`,
  };
}

function distanceSql(near: { latitude: number; longitude: number }) {
  return sql<number>`6371 * 2 * asin(sqrt(power(sin(radians(${providerSearch.latitude} - ${near.latitude}) / 2), 2) + cos(radians(${near.latitude})) * cos(radians(${providerSearch.latitude})) * power(sin(radians(${providerSearch.longitude} - ${near.longitude}) / 2), 2)))`;
}

export const builtinSearch: ProviderSearchPort = {
  kind: "builtin",

  async setup() {
    // The table and its GIN indexes come with the migrations.
  },

  async upsert(documents) {
    for (let i = 0; i < documents.length; i += 500) {
      const rows = documents.slice(i, i + 500).map(({ id, ...d }) => ({
        providerId: id,
        ...d,
        searchVector: sql`to_tsvector('dutch', unaccent(${`${d.name} ${d.searchTerms} ${d.bio}`}))` as unknown as string,
        indexedAt: new Date(),
      }));
      const columns = getTableColumns(providerSearch);
      await db
        .insert(providerSearch)
        .values(rows)
        .onConflictDoUpdate({
          target: providerSearch.providerId,
          set: Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, sql.raw(`excluded.${column.name}`)])),
        });
    }
  },

  async remove(ids) {
    if (ids.length) await db.delete(providerSearch).where(inArray(providerSearch.providerId, ids));
  },

  async ids() {
    return (await db.select({ id: providerSearch.providerId }).from(providerSearch)).map((r) => r.id);
  },

  async search(query) {
    const perPage = query.perPage ?? 20;
    const page = Math.max(1, query.page ?? 1);
    const text = textMatch(query.q);
    const conditions: SQL[] = [];
    if (query.services?.length) conditions.push(arrayOverlaps(providerSearch.services, query.services));
    if (query.sectors?.length) conditions.push(arrayOverlaps(providerSearch.sectors, query.sectors));
    if (query.languages?.length) conditions.push(arrayOverlaps(providerSearch.languages, query.languages));
    if (query.municipality) conditions.push(arrayContains(providerSearch.servedNisCodes, [query.municipality]));
    if (query.starter === true) conditions.push(gte(providerSearch.foundedOn, query.starterSince));
    if (query.starter === false) conditions.push(lt(providerSearch.foundedOn, query.starterSince));
    if (text) conditions.push(text.where);
    const where = conditions.length ? and(...conditions) : undefined;

    const distance = query.near ? distanceSql(query.near) : null;
    const order: [SQL | AnyPgColumn, "asc" | "desc"][] =
      query.sort === "distance" && distance
        ? [[distance, "asc"], [providerSearch.name, "asc"]]
        : query.sort === "rating"
          ? [[providerSearch.ratingAverage, "desc"], [providerSearch.ratingCount, "desc"], [providerSearch.name, "asc"]]
          : text
            ? [[text.relevance, "desc"], [providerSearch.name, "asc"]]
            : [[providerSearch.ratingAverage, "desc"], [providerSearch.name, "asc"]];

    // One statement: the matching rows are found (and ranked) once, then counted, paged and counted
    // per facet value from that set. Seven statements, each finding the rows again, cost twice
    // the database time (docs/benchmarks.md).
    const sortKeys = order.map(([expression], i) => sql`${expression} as ${sql.raw(`sort_${i}`)}`);
    const pageOrder = order.map(([, direction], i) => sql.raw(`sort_${i} ${direction}`));
    const [result] = await queryRows<{ total: number; hits: { provider_id: string; distance_km: number | null }[] | null; facets: [string, string, number][] | null }>(
      db,
      sql`with matched as materialized (
            select ${providerSearch.providerId} as provider_id, ${providerSearch.services} as services, ${providerSearch.sectors} as sectors,
                   ${providerSearch.servedNisCodes} as served, ${providerSearch.languages} as languages,
                   ${providerSearch.foundedOn} >= ${query.starterSince} as starter, ${distance ?? sql`null::float8`} as distance_km, ${sql.join(sortKeys, sql`, `)}
            from ${providerSearch} ${where ? sql`where ${where}` : sql``}
          )
          select (select count(*)::int from matched) as total,
                 (select json_agg(json_build_object('provider_id', provider_id, 'distance_km', distance_km)) from (
                    select provider_id, distance_km from matched order by ${sql.join(pageOrder, sql`, `)}
                    limit ${perPage} offset ${(page - 1) * perPage}) page) as hits,
                 (select json_agg(json_build_array(facet, value, n)) from (
                    select 'service' as facet, value, count(*)::int as n from (select unnest(services) as value from matched) v group by value
                    union all select 'sector', value, count(*)::int from (select unnest(sectors) as value from matched) v group by value
                    union all select 'municipality', value, count(*)::int from (select unnest(served) as value from matched) v group by value
                    union all select 'language', value, count(*)::int from (select unnest(languages) as value from matched) v group by value
                    union all select 'starter', starter::text, count(*)::int from matched group by starter) counts) as facets`,
    );
    const hitIds = (result.hits ?? []).map((h) => h.provider_id);
    const found = hitIds.length ? await db.select().from(providerSearch).where(inArray(providerSearch.providerId, hitIds)) : [];
    const byId = new Map(found.map((row) => [row.providerId, row]));
    const rows = (result.hits ?? []).flatMap((h) => (byId.has(h.provider_id) ? [{ row: byId.get(h.provider_id)!, distanceKm: h.distance_km }] : []));
    const facets: DirectoryFacets = { service: {}, sector: {}, municipality: {}, language: {}, starter: { true: 0, false: 0 } };
    for (const [facet, value, n] of result.facets ?? []) {
      if (facet === "starter") facets.starter[value === "true" ? "true" : "false"] = n;
      else facets[facet as "service" | "sector" | "municipality" | "language"][value] = n;
    }
    const total = result.total;
    return {
      hits: rows.map(({ row, distanceKm }) => ({
        id: row.providerId,
        slug: row.slug,
        name: row.name,
        kind: row.kind,
        services: row.services,
        sectors: row.sectors,
        languages: row.languages,
        baseNisCode: row.baseNisCode,
        foundedOn: row.foundedOn,
        hourlyRateCents: row.hourlyRateCents,
        ratingAverage: row.ratingAverage,
        ratingCount: row.ratingCount,
        distanceKm: distanceKm == null ? null : Math.round(Number(distanceKm) * 10) / 10,
      })),
      facets,
      total,
      page,
      perPage,
    };
  },

  async candidates(query: CandidateQuery): Promise<Candidate[]> {
    const text = textMatch(query.text);
    const conditions: SQL[] = [
      arrayContains(providerSearch.servedNisCodes, [query.nisCode]),
      arrayOverlaps(providerSearch.services, query.services),
      arrayOverlaps(providerSearch.languages, query.languages.length ? query.languages : ["nl"]),
      sql`${providerSearch.capacity} > ${providerSearch.activeEngagements}`,
    ];
    if (query.enterpriseNumber) conditions.push(not(arrayContains(providerSearch.conflictEnterpriseNumbers, [query.enterpriseNumber])));
    // The pool is picked by the index alone (filters, then text matches first); relevance, which
    // costs a ts_rank and a trigram comparison per row, is computed only for the rows kept.
    const pick = (extra: SQL[], limit: number) =>
      db
        .select({ id: providerSearch.providerId })
        .from(providerSearch)
        .where(and(...conditions, ...extra))
        .orderBy(asc(providerSearch.providerId))
        .limit(limit);
    // Both picks at once: on PostgreSQL they run on two pooled connections.
    const [matched, rest] = await Promise.all([text ? pick([text.where], query.limit) : Promise.resolve([]), pick([], query.limit)]);
    const textIds = new Set(matched.map((r) => r.id));
    const ids = [...textIds, ...rest.map((r) => r.id).filter((id) => !textIds.has(id))].slice(0, query.limit);
    if (ids.length === 0) return [];
    // The long texts stay in the database: only what scoring needs comes back.
    const { searchVector: _v, searchTerms: _t, bio: _b, indexedAt: _i, providerId, ...candidateColumns } = getTableColumns(providerSearch);
    const rows = await db
      .select({ id: providerId, ...candidateColumns, relevance: text ? text.relevance : sql<number>`0::float` })
      .from(providerSearch)
      .where(inArray(providerSearch.providerId, ids));
    return rows
      .map(({ relevance, ...row }) => ({ ...row, textRelevance: textIds.has(row.id) ? Number(relevance) : 0 }))
      .sort((a, b) => b.textRelevance - a.textRelevance || (a.id < b.id ? -1 : 1));
  },
};
