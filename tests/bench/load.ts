/**
 * Load: autocannon against a production build with the demo data and 10,000 more providers. Five
 * routes (the plain content page /over, the campaign page, the directory search, the match API and
 * the office's dashboard, signed in), 50 connections for 30 s each, and in the same run a bare
 * node:http server returning /over's bytes: the ceiling this machine reaches with no framework at
 * all. Each route's req/s is printed as a fraction of the bare server's and of /over's.
 *   npm run build && npm run bench:load                          # PostgreSQL
 *   npm run build && BENCH_DATABASE=pglite npm run bench:load    # the embedded default
 * BENCH_DATABASE_URL picks the PostgreSQL database (dropped and made again); DURATION, CONNECTIONS
 * and PROVIDERS change the run; PAGE_CACHE_SECONDS=0 turns the micro-cache off.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { recreateDatabase, waitUntilUp } from "../support/server";

const pglite = process.env.BENCH_DATABASE === "pglite";
const databaseUrl = pglite ? "" : (process.env.BENCH_DATABASE_URL ?? "postgres://koppel:koppel@localhost:5432/koppel_load");
const duration = Number(process.env.DURATION ?? 30);
const connections = Number(process.env.CONNECTIONS ?? 50);
const providers = Number(process.env.PROVIDERS ?? 10_000);
const port = 3931;
const barePort = 3932;
const origin = `http://127.0.0.1:${port}`;

// A fresh database with the demo data, then the extra providers, indexed for search.
if (!pglite) await recreateDatabase(databaseUrl);

process.env.DATABASE_URL = databaseUrl;
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "koppel-load-"));
process.env.LOG_LEVEL = "warn";
const [{ database }, { migrate }, platform, { importProviders }, { reindexAll }, { createApiToken }, { providerCsv }, { eq }, { users }] = await Promise.all([
  import("~db/client"),
  import("~db/migrate"),
  import("~/modules/platform/index.server"),
  import("~/modules/profiles/index.server"),
  import("~/modules/matching/index.server"),
  import("~/modules/auth/index.server"),
  import("./provider-csv"),
  import("drizzle-orm"),
  import("~db/schema"),
]);
await migrate(database);
await platform.seedIfEmpty();
if (providers > 0) {
  const imported = await importProviders(providerCsv(providers), null);
  if (!imported.ok) throw new Error("the provider import failed");
}
await reindexAll();
const [office] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "admin@demo.koppel.test"));
const { token } = await createApiToken(office.id);
// Closing releases PGlite's data directory for the server.
await database.close();

function start(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
}
const children: ChildProcess[] = [];
try {
  children.push(
    start(["build/server.js"], {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: origin,
      DATABASE_URL: databaseUrl,
      DATA_DIR: process.env.DATA_DIR,
      COOKIE_SECRET: "load-benchmark-only-".padEnd(32, "x"),
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
    }),
  );
  await waitUntilUp(`${origin}/healthz`, { server: children[0] });
  const page = Buffer.from(await (await fetch(`${origin}/over`)).arrayBuffer());
  const pageFile = path.join(process.env.DATA_DIR, "page.html");
  fs.writeFileSync(pageFile, page);
  // The ceiling: node:http with the same bytes, in a process of its own like the app.
  children.push(
    start(
      ["-e", `const b=require("fs").readFileSync(${JSON.stringify(pageFile)});require("http").createServer((q,s)=>{s.writeHead(200,{"Content-Type":"text/html; charset=utf-8"});s.end(b)}).listen(${barePort},"127.0.0.1")`],
      {},
    ),
  );
  await waitUntilUp(`http://127.0.0.1:${barePort}/`, { server: children[1] });

  const login = await fetch(`${origin}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "admin@demo.koppel.test", password: "Koppel-demo-2026" }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (login.status !== 302 || !cookie.includes("koppel_session")) throw new Error(`login failed: ${login.status}`);

  const match = JSON.stringify({ nisCode: "31005", sector: "retail", services: ["webshop", "website"], languages: ["nl"], text: "webshop met online betalen", budgetCents: 250_000 });
  const targets: { label: string; url: string; method?: "POST"; headers?: Record<string, string>; body?: string }[] = [
    { label: "bare node:http (/over's bytes)", url: `http://127.0.0.1:${barePort}/` },
    { label: "plain page /over", url: `${origin}/over` },
    { label: "campaign page /zomer/brugge", url: `${origin}/zomer/brugge` },
    { label: "directory /aanbieders?q=webshop", url: `${origin}/aanbieders?q=webshop&service=webshop` },
    { label: "POST /api/v1/match", url: `${origin}/api/v1/match`, method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: match },
    { label: "dashboard /beheer (signed in)", url: `${origin}/beheer`, headers: { Cookie: cookie } },
  ];

  const cache = process.env.PAGE_CACHE_SECONDS === "0" ? "micro-cache off" : "micro-cache on";
  console.log(`${pglite ? "PGlite" : "PostgreSQL"}, ${cache}, ${providers.toLocaleString("en")} extra providers, ${connections} connections, ${duration} s each, ${os.cpus().length} cores shared with autocannon\n`);
  console.log("| route | req/s | p50 ms | p99 ms | errors | of bare | of /over |");
  console.log("|---|---|---|---|---|---|---|");
  const fraction = (part: number, whole: number) => (part >= whole ? `${(part / whole).toFixed(1)}×` : `1/${(whole / part).toFixed(1)}`);
  let bare = 0;
  let plain = 0;
  for (const target of targets) {
    const result = await autocannon({ url: target.url, method: target.method ?? "GET", headers: target.headers, body: target.body, connections, duration });
    const errors = result.errors + result.timeouts + result.non2xx;
    const rate = result.requests.average;
    if (!bare) bare = rate;
    else if (!plain) plain = rate;
    console.log(`| ${target.label} | ${rate.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${errors} | ${fraction(rate, bare)} | ${plain ? fraction(rate, plain) : ""} |`);
  }
} finally {
  for (const child of children) child.kill("SIGTERM");
}
