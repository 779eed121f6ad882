/**
 * Load: autocannon against a production build on PostgreSQL with the demo data and 10,000 more
 * providers. Four routes (the campaign page, the directory search, the match API and the office's
 * dashboard, signed in), 50 connections for 30 s each, and in the same run a bare node:http server
 * returning the campaign page's bytes: the ceiling this machine reaches with no framework at all.
 *   npm run build && npm run bench:load
 * BENCH_DATABASE_URL picks the server (its database is dropped and made again); DURATION and
 * CONNECTIONS change the run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { recreateDatabase, waitUntilUp } from "../support/server";

const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://koppel:koppel@localhost:5432/koppel_load";
const duration = Number(process.env.DURATION ?? 30);
const connections = Number(process.env.CONNECTIONS ?? 50);
const providers = Number(process.env.PROVIDERS ?? 10_000);
const port = 3931;
const barePort = 3932;
const origin = `http://127.0.0.1:${port}`;

// A fresh database with the demo data, then the extra providers, indexed for search.
await recreateDatabase(databaseUrl);

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
const imported = await importProviders(providerCsv(providers), null);
if (!imported.ok) throw new Error("the provider import failed");
await reindexAll();
const [office] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "admin@demo.koppel.test"));
const { token } = await createApiToken(office.id);
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
      COOKIE_SECRET: "load-benchmark-only-".padEnd(32, "x"),
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
    }),
  );
  await waitUntilUp(`${origin}/healthz`, { server: children[0] });
  const page = Buffer.from(await (await fetch(`${origin}/zomer/brugge`)).arrayBuffer());
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
    { label: "bare node:http (same bytes)", url: `http://127.0.0.1:${barePort}/` },
    { label: "campaign page /zomer/brugge", url: `${origin}/zomer/brugge` },
    { label: "directory /aanbieders?q=webshop", url: `${origin}/aanbieders?q=webshop&service=webshop` },
    { label: "POST /api/v1/match", url: `${origin}/api/v1/match`, method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: match },
    { label: "dashboard /beheer (signed in)", url: `${origin}/beheer`, headers: { Cookie: cookie } },
  ];

  console.log(`PostgreSQL, ${providers.toLocaleString("en")} extra providers, ${connections} connections, ${duration} s each, ${os.cpus().length} cores shared with autocannon\n`);
  console.log("route                              req/s     p50 ms   p99 ms   errors  ratio to bare");
  let bare = 0;
  for (const target of targets) {
    const result = await autocannon({ url: target.url, method: target.method ?? "GET", headers: target.headers, body: target.body, connections, duration });
    const errors = result.errors + result.timeouts + result.non2xx;
    if (!bare) bare = result.requests.average;
    const ratio = target.url.includes(String(barePort)) ? "1" : `1/${(bare / result.requests.average).toFixed(0)}`;
    console.log(
      `${target.label.padEnd(34)} ${result.requests.average.toFixed(0).padStart(6)}  ${String(result.latency.p50).padStart(8)} ${String(result.latency.p99).padStart(8)} ${String(errors).padStart(8)}  ${ratio}`,
    );
  }
} finally {
  for (const child of children) child.kill("SIGTERM");
}
