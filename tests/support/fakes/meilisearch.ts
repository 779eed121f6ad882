import http from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A fake Meilisearch at the network edge, shaped after the documented API (v1):
 * - writes answer 202 with a summarised task `{taskUid, indexUid, status: "enqueued", type,
 *   enqueuedAt}`; `GET /tasks/:uid` answers the task object (`uid`, `status` "enqueued" |
 *   "processing" | "succeeded" | "failed", `error` `{message, code, type, link}` or null);
 * - it keeps the documents it was given and the settings' synonyms, and answers `POST
 *   /indexes/:uid/search` as documented: `filter` (an array of conditions joined by AND, each
 *   `attr = value`, `attr IN [..]`, `attr > n` / `>=` / `<` / `<=`, `NOT …`; an array attribute
 *   matches when one element does), `sort` (`attr:asc|desc`, `_geoPoint(lat, lng):asc`, which adds
 *   `_geoDistance` in metres to each hit), `facets` (`facetDistribution` over the whole filtered
 *   result), `page`/`hitsPerPage` (`totalHits`, `totalPages`) or `limit`/`offset`
 *   (`estimatedTotalHits`), `attributesToRetrieve`, and `showRankingScore` (`_rankingScore`).
 * Text matching is simpler than the engine's: a query word matches a word of the searchable text
 * that starts with it, or with one of its configured synonyms; no typo tolerance (the conformance
 * suite runs against a real server for that). It records every request so tests can check order
 * and bodies.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

interface FakeTask {
  uid: number;
  indexUid: string | null;
  type: string;
  status: "enqueued" | "processing" | "succeeded" | "failed";
  error: { message: string; code: string; type: string; link: string } | null;
  polls: number;
}

type Doc = Record<string, unknown>;

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

function haversineMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(h)));
}

/** One filter condition of the documented syntax, as the adapter writes them. */
function matches(doc: Doc, condition: string): boolean {
  const not = /^NOT\s+(.*)$/.exec(condition.trim());
  if (not) return !matches(doc, not[1]);
  const values = (attr: string) => {
    const v = doc[attr];
    return Array.isArray(v) ? v : [v];
  };
  const list = /^(\w+)\s+IN\s+\[(.*)\]$/.exec(condition.trim());
  if (list) {
    const wanted = JSON.parse(`[${list[2]}]`) as unknown[];
    return values(list[1]).some((v) => wanted.includes(v));
  }
  const compare = /^(\w+)\s*(=|!=|>=|<=|>|<)\s*(.+)$/.exec(condition.trim());
  if (!compare) throw new Error(`fake Meilisearch cannot parse the filter ${condition}`);
  const [, attr, op, raw] = compare;
  const value = JSON.parse(raw) as unknown;
  return values(attr).some((v) => {
    if (op === "=") return v === value;
    if (op === "!=") return v !== value;
    const [a, b] = [Number(v), Number(value)];
    return op === ">" ? a > b : op === ">=" ? a >= b : op === "<" ? a < b : a <= b;
  });
}

export async function startFakeMeilisearch(options: { failTypes?: string[]; failTimes?: Record<string, number>; existingIndex?: boolean } = {}) {
  const requests: RecordedRequest[] = [];
  const tasks = new Map<number, FakeTask>();
  const documents = new Map<string, Doc>();
  let synonyms: Record<string, string[]> = {};
  let nextUid = 1;
  const failTypes = new Set(options.failTypes ?? []);
  const failTimes = { ...options.failTimes };

  function enqueue(res: http.ServerResponse, indexUid: string | null, type: string, apply: () => void = () => {}) {
    const uid = nextUid++;
    const failing = failTypes.has(type) || (failTimes[type] ?? 0) > 0;
    if (failTimes[type]) failTimes[type] -= 1;
    const failAs =
      type === "indexCreation" && options.existingIndex
        ? { message: "Index `providers` already exists.", code: "index_already_exists", type: "invalid_request", link: "https://docs.meilisearch.com/errors#index_already_exists" }
        : failing
          ? { message: "Simulated failure.", code: "internal", type: "internal", link: "https://docs.meilisearch.com/errors#internal" }
          : null;
    if (!failAs) apply();
    tasks.set(uid, { uid, indexUid, type, status: "enqueued", error: failAs, polls: 0 });
    res.writeHead(202, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ taskUid: uid, indexUid, status: "enqueued", type, enqueuedAt: new Date().toISOString() }));
  }

  /** A query word's alternatives: itself and its configured one-word synonyms. */
  const alternatives = (word: string) => [word, ...(synonyms[word] ?? []).flatMap((s) => (s.includes(" ") ? [] : words(s)))];

  function search(body: Record<string, unknown>) {
    const queryWords = words(String(body.q ?? ""));
    const filter = (body.filter as string[] | undefined) ?? [];
    let hits = [...documents.values()]
      .map((doc) => {
        const text = words(`${doc.name ?? ""} ${doc.searchTerms ?? ""} ${doc.bio ?? ""}`);
        const matched = queryWords.filter((w) => alternatives(w).some((alt) => text.some((t) => t.startsWith(alt)))).length;
        return { doc, score: queryWords.length ? matched / queryWords.length : 1 };
      })
      .filter(({ doc, score }) => score > 0 && filter.every((c) => matches(doc, c)))
      .sort((a, b) => b.score - a.score)
      .map(({ doc, score }) => ({ ...doc, _score: score }) as Doc);
    for (const rule of [...((body.sort as string[] | undefined) ?? [])].reverse()) {
      const geo = /^_geoPoint\(([-\d.]+),\s*([-\d.]+)\):(asc|desc)$/.exec(rule);
      if (geo) {
        const from = { lat: Number(geo[1]), lng: Number(geo[2]) };
        hits = hits.map((h) => ({ ...h, _geoDistance: haversineMetres(from, h._geo as { lat: number; lng: number }) }));
        hits.sort((a, b) => (Number(a._geoDistance) - Number(b._geoDistance)) * (geo[3] === "asc" ? 1 : -1));
        continue;
      }
      const [attr, direction] = rule.split(":");
      hits.sort((a, b) => (a[attr] === b[attr] ? 0 : (a[attr] as number) < (b[attr] as number) ? -1 : 1) * (direction === "desc" ? -1 : 1));
    }
    const facetDistribution: Record<string, Record<string, number>> = {};
    for (const facet of (body.facets as string[] | undefined) ?? []) {
      facetDistribution[facet] = {};
      for (const hit of hits) for (const v of [hit[facet]].flat()) facetDistribution[facet][String(v)] = (facetDistribution[facet][String(v)] ?? 0) + 1;
    }
    const retrieve = body.attributesToRetrieve as string[] | undefined;
    const shape = (hit: Doc) => {
      const { _score, ...rest } = hit;
      const kept = retrieve ? Object.fromEntries(Object.entries(rest).filter(([k]) => retrieve.includes(k) || k === "_geoDistance")) : rest;
      return body.showRankingScore ? { ...kept, _rankingScore: _score } : kept;
    };
    const base = { query: body.q ?? "", processingTimeMs: 0, facetDistribution };
    if (body.page !== undefined || body.hitsPerPage !== undefined) {
      const hitsPerPage = Number(body.hitsPerPage ?? 20);
      const page = Number(body.page ?? 1);
      return { ...base, hits: hits.slice((page - 1) * hitsPerPage, page * hitsPerPage).map(shape), page, hitsPerPage, totalHits: hits.length, totalPages: hitsPerPage ? Math.ceil(hits.length / hitsPerPage) : 0 };
    }
    const limit = Number(body.limit ?? 20);
    const offset = Number(body.offset ?? 0);
    return { ...base, hits: hits.slice(offset, offset + limit).map(shape), limit, offset, estimatedTotalHits: hits.length };
  }

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({ method: req.method ?? "", path: url.pathname + url.search, body });
      const json = (status: number, payload: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      const task = /^\/tasks\/(\d+)$/.exec(url.pathname);
      if (req.method === "GET" && task) {
        const t = tasks.get(Number(task[1]));
        if (!t) return json(404, { message: "Task not found.", code: "task_not_found", type: "invalid_request", link: "" });
        // Like the real engine, a task is seen enqueued or processing before it finishes.
        t.polls += 1;
        t.status = t.polls === 1 ? "processing" : t.error ? "failed" : "succeeded";
        return json(200, { uid: t.uid, batchUid: t.uid, indexUid: t.indexUid, status: t.status, type: t.type, canceledBy: null, details: {}, error: t.status === "failed" ? t.error : null, duration: "PT0.01S", enqueuedAt: new Date().toISOString(), startedAt: new Date().toISOString(), finishedAt: t.status === "processing" ? null : new Date().toISOString() });
      }
      if (req.method === "POST" && url.pathname === "/indexes") return enqueue(res, body?.uid ?? null, "indexCreation");
      const index = /^\/indexes\/([^/]+)(\/.*)?$/.exec(url.pathname);
      if (index) {
        const [, uid, rest = ""] = index;
        if (req.method === "PATCH" && rest === "/settings") return enqueue(res, uid, "settingsUpdate", () => (synonyms = body?.synonyms ?? synonyms));
        if (req.method === "POST" && rest === "/documents") return enqueue(res, uid, "documentAdditionOrUpdate", () => (body as Doc[]).forEach((d) => documents.set(String(d.id), d)));
        if (req.method === "POST" && rest === "/documents/delete-batch") return enqueue(res, uid, "documentDeletion", () => (body as string[]).forEach((id) => documents.delete(String(id))));
        if (req.method === "POST" && rest === "/search") return json(200, search(body ?? {}));
        if (req.method === "GET" && rest === "/documents") {
          const limit = Number(url.searchParams.get("limit") ?? 20);
          const offset = Number(url.searchParams.get("offset") ?? 0);
          const fields = url.searchParams.get("fields")?.split(",");
          const all = [...documents.values()].map((d) => (fields ? Object.fromEntries(fields.map((f) => [f, d[f]])) : d));
          return json(200, { results: all.slice(offset, offset + limit), offset, limit, total: all.length });
        }
      }
      json(404, { message: `No route ${req.method} ${url.pathname}`, code: "not_found", type: "invalid_request", link: "" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `http://127.0.0.1:${port}`,
    requests,
    documents,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
