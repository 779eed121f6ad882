import http from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A fake Meilisearch at the network edge, shaped after the documented API (v1): writes answer
 * 202 with a summarised task `{taskUid, indexUid, status: "enqueued", type, enqueuedAt}`, and
 * `GET /tasks/:uid` answers the task object (`uid`, `status` "enqueued" | "processing" |
 * "succeeded" | "failed", `error` `{message, code, type, link}` or null). It records every request
 * so tests can check order and bodies; it does not search (the conformance suite needs a real server).
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

export async function startFakeMeilisearch(options: { failTypes?: string[]; existingIndex?: boolean } = {}) {
  const requests: RecordedRequest[] = [];
  const tasks = new Map<number, FakeTask>();
  let nextUid = 1;
  const failTypes = new Set(options.failTypes ?? []);

  function enqueue(res: http.ServerResponse, indexUid: string | null, type: string) {
    const uid = nextUid++;
    const failAs =
      type === "indexCreation" && options.existingIndex
        ? { message: "Index `providers` already exists.", code: "index_already_exists", type: "invalid_request", link: "https://docs.meilisearch.com/errors#index_already_exists" }
        : failTypes.has(type)
          ? { message: "Simulated failure.", code: "internal", type: "internal", link: "https://docs.meilisearch.com/errors#internal" }
          : null;
    tasks.set(uid, { uid, indexUid, type, status: "enqueued", error: failAs, polls: 0 });
    res.writeHead(202, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ taskUid: uid, indexUid, status: "enqueued", type, enqueuedAt: new Date().toISOString() }));
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
        if (req.method === "PATCH" && rest === "/settings") return enqueue(res, uid, "settingsUpdate");
        if (req.method === "POST" && rest === "/documents") return enqueue(res, uid, "documentAdditionOrUpdate");
        if (req.method === "POST" && rest === "/documents/delete-batch") return enqueue(res, uid, "documentDeletion");
        if (req.method === "POST" && rest === "/search")
          return json(200, { hits: [], query: body?.q ?? "", processingTimeMs: 0, hitsPerPage: body?.hitsPerPage ?? 20, page: body?.page ?? 1, totalPages: 0, totalHits: 0, facetDistribution: {} });
        if (req.method === "GET" && rest === "/documents") return json(200, { results: [], offset: 0, limit: 1000, total: 0 });
      }
      json(404, { message: `No route ${req.method} ${url.pathname}`, code: "not_found", type: "invalid_request", link: "" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
