import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newBrowserContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/*
 * The production server as the public meets it, each on a fresh embedded database: one started the
 * way an operator would (no demo data asked for), one with the demo data asked for explicitly and
 * the page micro-cache on, as `npm start` would serve a campaign.
 */
const secret = randomBytes(32).toString("base64");
const dataDirs: string[] = [];
const servers: RunningServer[] = [];
let plain: RunningServer;
let withDemo: RunningServer;

function production(env: Record<string, string>): Record<string, string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koppel-production-"));
  dataDirs.push(dataDir);
  return { NODE_ENV: "production", COOKIE_SECRET: secret, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn", ...env };
}

beforeAll(async () => {
  [plain, withDemo] = await Promise.all([
    startServer(production({ PAGE_CACHE_SECONDS: "0" }), { timeoutMs: 90_000 }),
    startServer(production({ SEED_DEMO: "true", PAGE_CACHE_SECONDS: "10" }), { timeoutMs: 90_000 }),
  ]);
  servers.push(plain, withDemo);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A GET as curl sends it: the bytes on the wire, nothing decoded for us. */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/** What a client that asked for `encoding` reads from a response: it decodes what the response says it encoded. */
function decoded(response: { headers: http.IncomingHttpHeaders; body: Buffer }) {
  const encoding = response.headers["content-encoding"];
  if (encoding === "gzip") return zlib.gunzipSync(response.body).toString("utf8");
  if (encoding === "deflate") return zlib.inflateSync(response.body).toString("utf8");
  if (encoding === "br") return zlib.brotliDecompressSync(response.body).toString("utf8");
  expect(encoding, "an encoding this test does not know").toBeUndefined();
  return response.body.toString("utf8");
}

describe("a production server", () => {
  it("creates no demo accounts unless asked, and says so in its log when asked", async () => {
    const login = (origin: string) =>
      fetch(`${origin}/inloggen`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "admin@demo.koppel.test", password: "Koppel-demo-2026" }),
      });
    expect((await login(plain.origin)).status).toBe(400);
    expect(plain.output()).not.toMatch(/SEED_DEMO/);
    expect(withDemo.output()).toMatch(/SEED_DEMO is on in production/);
    expect((await login(withDemo.origin)).status).toBe(302);
  });

  it("sends Strict-Transport-Security", async () => {
    const response = await fetch(`${plain.origin}/over`);
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("refuses to start with a cookie secret shorter than 32 characters", () => {
    const run = spawnSync(process.execPath, ["build/server.js"], {
      env: { ...process.env, ...production({ COOKIE_SECRET: "te-kort-geheim" }), PORT: "0", HOST: "127.0.0.1" } as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr + run.stdout).toMatch(/COOKIE_SECRET of at least 32 characters/);
  });
});

/** Streams up to `totalBytes` as a chunked POST, stopping as soon as an answer comes; says how much was sent. */
function chunkedPost(url: string, totalBytes: number) {
  return new Promise<{ status: number; connection: string | undefined; sentBytes: number }>((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sentBytes = 0;
    let answered = false;
    const request = http.request(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(url).origin } }, (response) => {
      answered = true;
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, sentBytes }));
    });
    // The server closing the connection mid-upload is the point; only a failure before any answer is an error.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

describe("request bodies", () => {
  it("a 50 MB chunked form is answered 413 long before it is sent, and the connection closed", async () => {
    const result = await chunkedPost(`${plain.origin}/taal`, 50 * 1024 * 1024);
    expect(result.status).toBe(413);
    expect(result.connection).toBe("close");
    expect(result.sentBytes).toBeLessThan(20 * 1024 * 1024);
  });
});

describe("the page micro-cache", () => {
  it("answers every Accept-Encoding correctly, on the first visit and on a cached one", async () => {
    const url = `${withDemo.origin}/zomer/brugge`;
    const visits: { ask: Record<string, string>; cache?: string; encoding?: string }[] = [
      { ask: { "Accept-Encoding": "gzip" }, cache: undefined, encoding: "gzip" },
      { ask: { "Accept-Encoding": "gzip" }, cache: "hit", encoding: "gzip" },
      { ask: {}, cache: "hit", encoding: undefined },
      { ask: { "Accept-Encoding": "br;q=1, gzip;q=0.5" }, cache: "hit", encoding: "br" },
      { ask: { "Accept-Encoding": "identity" }, cache: "hit", encoding: undefined },
    ];
    const bodies: string[] = [];
    for (const visit of visits) {
      const response = await rawGet(url, visit.ask);
      const label = `${JSON.stringify(visit.ask)} (${visit.cache ?? "miss"})`;
      expect(response.status, label).toBe(200);
      expect(response.headers["x-page-cache"], label).toBe(visit.cache);
      expect(response.headers["content-encoding"], label).toBe(visit.encoding);
      expect(response.headers.vary?.split(/,\s*/), label).toContain("Accept-Encoding");
      const html = decoded(response);
      expect(html, label).toMatch(/<h1>Zomer in Brugge<\/h1>/);
      // Every response has its own nonce; the rest of the page is the same.
      bodies.push(html.replace(/nonce="[^"]+"/g, 'nonce=""'));
    }
    expect(new Set(bodies).size).toBe(1);
  });

  it("serves a second visit in Chromium from the cache, and the page works", async () => {
    const context = await newBrowserContext();
    try {
      const page = await context.newPage();
      const url = `${withDemo.origin}/zomer/brugge`;
      await page.goto(url);
      const second = await page.goto(url);
      expect(second?.headers()["x-page-cache"]).toBe("hit");
      expect(second?.headers()["content-encoding"]).toMatch(/^(gzip|br|deflate)$/);
      await page.getByRole("heading", { level: 1, name: "Zomer in Brugge" }).waitFor({ timeout: 10_000 });
    } finally {
      await context.close();
    }
  });
});

/** A request exactly as given, Host and target included (fetch would correct both). */
function rawRequest(origin: string, options: { method?: string; path?: string; headers?: Record<string, string> }) {
  const url = new URL(origin);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, method: options.method ?? "GET", path: options.path ?? "/", headers: options.headers, setHost: !options.headers?.Host }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("the outside probe's requests (issue 20), against the page cache", () => {
  it("refuses a Host that is not ours with 400, so nobody can swap the page cached for everyone", async () => {
    const { origin } = withDemo;
    const home = async () => rawRequest(origin, { headers: { Host: new URL(origin).host } });
    for (const host of ["x/robots.txt#", "x/aanbieders?q=Koppel+is+gesloten#", "evil.example", `rebind.evil.example:${new URL(origin).port}`, "localhost:99999"]) {
      for (const path of ["/", `/embed/zomer/brugge`]) {
        const response = await rawRequest(origin, { path, headers: { Host: host } });
        expect(response.status, `${host} ${path}`).toBe(400);
        expect(response.body).toBe("Deze server antwoordt niet op dat adres.");
      }
      // The page every visitor gets next is still the home page, not robots.txt or the attacker's search.
      const after = await home();
      expect(after.status).toBe(200);
      expect(after.headers["content-type"]).toMatch(/text\/html/);
      expect(after.body).not.toMatch(/Koppel is gesloten|User-agent/);
      expect(after.headers["cache-control"] ?? "").not.toMatch(/max-age=86400/);
    }
  });

  it("answers odd methods, headers, cookies and request targets without a 5xx", async () => {
    const { origin } = withDemo;
    const host = new URL(origin).host;
    const cases: { label: string; method?: string; path?: string; headers?: Record<string, string>; status: number }[] = [
      { label: "TRACE", method: "TRACE", status: 405 },
      { label: "a cookie with a malformed escape", headers: { Cookie: "other=%" }, status: 200 },
      { label: "X-Forwarded-Host from a client, proxies not trusted", headers: { "X-Forwarded-Host": "localhost:99999" }, status: 200 },
      { label: "absolute-form target for our host", path: `http://${host}/over`, status: 200 },
      { label: "absolute-form target for another host", path: "http://evil.example/over", status: 400 },
      { label: "a form post whose X-Forwarded-Host is not its Origin", method: "POST", path: "/taal", headers: { Origin: origin, "X-Forwarded-Host": "evil.example", "Content-Type": "application/x-www-form-urlencoded" }, status: 400 },
      { label: "a form post from http to an https origin", method: "POST", path: "/taal", headers: { Origin: origin.replace("http:", "https:"), "Content-Type": "application/x-www-form-urlencoded" }, status: 403 },
      { label: "junk _data", path: "/?_data=junk", status: 403 },
    ];
    const before = withDemo.output().length;
    for (const c of cases) {
      const response = await rawRequest(origin, { method: c.method, path: c.path, headers: c.headers });
      expect(response.status, c.label).toBe(c.status);
    }
    // None of it is the server's fault: nothing logged as an error (pino level 50).
    expect(withDemo.output().slice(before)).not.toMatch(/"level":50/);
  });
});
