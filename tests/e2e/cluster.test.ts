import { randomBytes } from "node:crypto";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextClientIp } from "../support/browser";
import { engagementJourney, journeyBrowsers, publishHelpRequest, type JourneyBrowsers } from "../support/engagement-journey";
import { freePort, recreateDatabase, startServer, waitUntilUp, type RunningServer } from "../support/server";

/*
 * Koppel as it runs when one process is not enough: three production processes on one PostgreSQL
 * behind Debian's haproxy, round robin. A whole journey runs through the proxy with its requests
 * spread over the processes (a photo stored through one is read back through each); the timers run
 * once per interval whichever processes are up; a saved setting reaches every process; and a rolling
 * restart, one process at a time under a steady loop of requests, fails none of them.
 *
 * It needs PostgreSQL (E2E_DATABASE_URL names the suite's database; this test makes its own beside
 * it) and haproxy, both of which .ci/run installs. The browser run on PGlite skips it (several
 * processes cannot share an embedded database), with that reason in its name; so does a developer's
 * machine without haproxy, but CI fails instead.
 */
const suiteDatabase = process.env.E2E_DATABASE_URL ?? "";
const hasHaproxy = spawnSync("haproxy", ["-v"]).status === 0;
const runnable = Boolean(suiteDatabase) && hasHaproxy;
if (process.env.CI && !hasHaproxy) throw new Error("the cluster test needs haproxy in CI (.ci/run installs it)");

const databaseUrl = suiteDatabase.replace(/\/[^/]+$/, "/koppel_cluster");
// The outbox worker looks every 2 s, so an interval shorter than that would not show three processes asking.
const schedulerSeconds = 2;
const dataDirs: string[] = [];
let proxy: ChildProcess;
let proxyLog = "";
let origin: string;
let statsUrl: string;
let ports: number[];
const processes: RunningServer[] = [];
let sql: postgres.Sql;
let browsers: JourneyBrowsers;

/** One secret for every process, as docs/deployment.md asks: each reads the flash cookie another signed. */
const cookieSecret = randomBytes(32).toString("base64");

function processEnv(index: number, seed: boolean): Record<string, string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `koppel-cluster-${index}-`));
  dataDirs.push(dataDir);
  return {
    NODE_ENV: "production",
    COOKIE_SECRET: cookieSecret,
    DATABASE_URL: databaseUrl,
    // Each process its own disk: a photo read through another process must come from the database.
    DATA_DIR: dataDir,
    APP_URL: origin,
    SEED_DEMO: String(seed),
    TRUST_PROXY: "1",
    PAGE_CACHE_SECONDS: "0",
    SCHEDULER_SECONDS: String(schedulerSeconds),
    LOG_LEVEL: "warn",
  };
}

/** haproxy's view of each server: its status and how many responses of each class it passed on. */
async function proxyStats() {
  const csv = await (await fetch(statsUrl)).text();
  const [header, ...rows] = csv.replace(/^# /, "").trim().split("\n").map((line) => line.split(","));
  const column = (row: string[], name: string) => row[header.indexOf(name)];
  return rows
    .filter((row) => column(row, "pxname") === "koppel" && /^p\d$/.test(column(row, "svname")))
    .map((row) => ({ name: column(row, "svname"), status: column(row, "status"), responses: Number(column(row, "hrsp_2xx")) + Number(column(row, "hrsp_3xx")) + Number(column(row, "hrsp_4xx")), errors: Number(column(row, "hrsp_5xx")) }));
}

async function untilProxySeesAllUp() {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const stats = await proxyStats();
    if (stats.length === 3 && stats.every((s) => s.status === "UP")) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`haproxy does not see the three processes up:\n${JSON.stringify(await proxyStats())}\n${proxyLog}`);
}

describe.skipIf(!runnable)("three production processes on one PostgreSQL behind haproxy (only with E2E_DATABASE_URL and haproxy)", () => {
  beforeAll(async () => {
    await recreateDatabase(databaseUrl);
    sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    const [proxyPort, statsPort, ...backendPorts] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    ports = backendPorts;
    origin = `http://localhost:${proxyPort}`;
    statsUrl = `http://127.0.0.1:${statsPort}/stats;csv`;

    // The proxy as docs/deployment.md describes it: health checks every 500 ms, and a request whose
    // connection was refused or closed unanswered (a process stopping) is sent to another process.
    const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "koppel-haproxy-")), "haproxy.cfg");
    dataDirs.push(path.dirname(config));
    fs.writeFileSync(
      config,
      `global
  maxconn 1000
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout
listen stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /stats
frontend web
  bind 127.0.0.1:${proxyPort}
  http-request set-header X-Forwarded-For %[src]
  http-request del-header X-Forwarded-Host
  default_backend koppel
backend koppel
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
  default-server inter 500ms fall 1 rise 1
${backendPorts.map((port, i) => `  server p${i} 127.0.0.1:${port} check`).join("\n")}
`,
    );
    proxy = spawn("haproxy", ["-f", config, "-db"], { stdio: ["ignore", "pipe", "pipe"] });
    proxy.stdout?.on("data", (d) => (proxyLog += d));
    proxy.stderr?.on("data", (d) => (proxyLog += d));

    // The first process migrates and creates the demo data; the others start on a ready database.
    processes.push(await startServer(processEnv(0, true), { port: ports[0], timeoutMs: 90_000 }));
    processes.push(...(await Promise.all([1, 2].map((i) => startServer(processEnv(i, false), { port: ports[i], timeoutMs: 90_000 })))));
    await waitUntilUp(`${origin}/healthz`, { server: proxy, log: () => proxyLog });
    await untilProxySeesAllUp();
    browsers = await journeyBrowsers(origin);
  }, 240_000);

  afterAll(async () => {
    await browsers?.close();
    await Promise.all(processes.map((p) => p.stop()));
    proxy?.kill("SIGTERM");
    await sql?.end();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs the whole journey with its requests spread over the processes, and each process reads the photo another stored", { timeout: 240_000 }, async () => {
    const before = await proxyStats();
    const { photoUrl } = await engagementJourney(browsers);
    const after = await proxyStats();
    for (const server of after) {
      const served = server.responses - before.find((s) => s.name === server.name)!.responses;
      expect(served, `${server.name} served part of the journey`).toBeGreaterThan(20);
      expect(server.errors, `${server.name} answered no 5xx`).toBe(0);
    }

    const photos = await Promise.all(ports.map((port) => fetch(`http://127.0.0.1:${port}${photoUrl}`)));
    expect(photos.map((p) => [p.status, p.headers.get("content-type")])).toEqual(ports.map(() => [200, "image/webp"]));
    const bytes = await Promise.all(photos.map(async (p) => Buffer.from(await p.arrayBuffer())));
    expect(bytes[0].length).toBeGreaterThan(1000);
    expect(bytes[1].equals(bytes[0]) && bytes[2].equals(bytes[0])).toBe(true);

    // (Money columns are bigint, which postgres.js hands over as text: cast for the comparison.)
    // The books balance: one reservation per voucher, and each programme's guard column equals its
    // reservations less releases; the completed engagement redeemed its whole voucher.
    const reservations = await sql`select voucher_id, count(*)::int as n from budget_ledger where kind = 'reserve' group by voucher_id having count(*) <> 1`;
    expect(reservations).toEqual([]);
    const programmes = await sql`
      select p.id, p.committed_cents::int as committed,
             coalesce(sum(l.amount_cents) filter (where l.kind = 'reserve'), 0)::int - coalesce(sum(l.amount_cents) filter (where l.kind = 'release'), 0)::int as booked
      from programmes p left join budget_ledger l on l.programme_id = p.id group by p.id`;
    for (const p of programmes) expect(p.committed, `programme ${p.id}`).toBe(p.booked);
    const completed = await sql`
      select v.amount_cents::int as voucher,
             (select coalesce(sum(amount_cents), 0)::int from budget_ledger l where l.voucher_id = v.id and l.kind = 'redeem') as redeemed,
             (select coalesce(sum(amount_cents), 0)::int from payout_lines pl where pl.engagement_id = v.engagement_id and pl.kind = 'voucher_share') as paid_out
      from vouchers v join engagements e on e.id = v.engagement_id join help_requests r on r.id = e.help_request_id where e.state = 'completed' order by r.title = 'Een website met onze fietsen' desc`;
    // The journey's engagement (first) and the demo's: every completed voucher is wholly redeemed and owed.
    expect(completed[0]).toEqual({ voucher: 105_000, redeemed: 105_000, paid_out: 105_000 });
    for (const c of completed) expect([c.redeemed, c.paid_out]).toEqual([c.voucher, c.voucher]);
  });

  it("lets no client choose its own address through the proxy: a forged X-Forwarded-For still meets the login limit", { timeout: 60_000 }, async () => {
    const email = `niemand-${Date.now()}@demo.koppel.test`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      // Each attempt claims another address, the last ones this machine's own (which would lock its owner out).
      const forged = attempt < 5 ? nextClientIp() : "127.0.0.1";
      const response = await fetch(`${origin}/inloggen`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forged },
        body: new URLSearchParams({ email, password: "Fout-wachtwoord-123" }),
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    // Five failures of one account on one client, then the limit (rateRules.loginAccountClient).
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
    const [{ n }] = await sql`select count(*)::int as n from rate_limit_hits where key like ${`login:${email}|%`} and key not like '%|127.0.0.1'`;
    expect(n).toBe(0);
  });

  it("ignores a Host or X-Forwarded-Host a client made up, through the proxy", { timeout: 30_000 }, async () => {
    const forwarded = await fetch(`${origin}/over`, { headers: { "X-Forwarded-Host": "evil.example" } });
    expect(forwarded.status).toBe(200);
    expect(await forwarded.text()).not.toContain("evil.example");
    // The poisoning request of issue 20, through the proxy: refused, and the next visitor gets the home page.
    const { port } = new URL(origin);
    const poisoned = await new Promise<number>((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, path: "/", headers: { Host: "x/robots.txt#" }, setHost: false }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.end();
    });
    expect(poisoned).toBe(400);
    const home = await fetch(`${origin}/`);
    expect(home.headers.get("content-type")).toMatch(/text\/html/);
    expect(await home.text()).not.toContain("User-agent");
  });

  it("runs the timers once per interval across the processes, and each timed change once", { timeout: 120_000 }, async () => {
    const title = "Een webshop voor onze fietsen";
    await publishHelpRequest(browsers.retailer, title);
    const [{ runs: runsBefore }] = await sql`select runs from scheduled_runs where name = 'timers'`;
    const started = Date.now();
    const [request] = await sql`update help_requests set bid_deadline = now() - interval '1 minute' where title = ${title} returning id`;

    const deadline = Date.now() + 20_000;
    let status = "open";
    while (status === "open" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      [{ status }] = await sql`select status from help_requests where id = ${request.id}`;
    }
    expect(status).toBe("expired");
    // A few more runs of the timers, for which every process asked each interval.
    const [{ runs: runsAtExpiry }] = await sql`select runs from scheduled_runs where name = 'timers'`;
    await until(async () => (await sql`select runs from scheduled_runs where name = 'timers'`)[0].runs >= runsAtExpiry + 4, 30_000, "four more timer runs");
    const expiries = await sql`select count(*)::int as n from audit_events where action = 'help_request.expire' and entity_id = ${request.id}`;
    expect(expiries[0].n).toBe(1);
    const [{ runs: runsAfter }] = await sql`select runs from scheduled_runs where name = 'timers'`;
    const elapsedIntervals = (Date.now() - started) / 1000 / schedulerSeconds;
    // Three processes each asking every interval would start about three runs per interval.
    expect(runsAfter - runsBefore).toBeGreaterThan(0);
    expect(runsAfter - runsBefore).toBeLessThanOrEqual(Math.ceil(elapsedIntervals) + 1);
  });

  it("brings a saved setting to every process within the scheduler's interval", { timeout: 60_000 }, async () => {
    const { admin } = browsers;
    await admin.goto("/beheer/instellingen");
    const field = admin.locator("input[name=invitationCount]");
    await field.fill(String(Number(await field.inputValue()) === 6 ? 7 : 6));
    await Promise.all([admin.waitForResponse((r) => r.request().method() === "POST"), admin.locator("main form button[type=submit]").last().click()]);
    const [{ updated_at: savedAt }] = await sql`select updated_at from settings where key = 'platform'`;
    const deadline = Date.now() + 5_000 + 2 * schedulerSeconds * 1000;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      seen = await Promise.all(ports.map(async (port) => (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).settings));
      if (seen.every((s) => s === (savedAt as Date).toISOString())) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toEqual(ports.map(() => (savedAt as Date).toISOString()));
  });

  it("loses no request while the processes restart one by one under a steady loop", { timeout: 180_000 }, async () => {
    const cookie = await signIn("admin@demo.koppel.test");
    const requests: { path: string; init?: RequestInit; expect: number }[] = [
      { path: "/over", expect: 200 },
      { path: "/zomer/kortrijk", expect: 200 },
      { path: "/aanbieders?q=website", expect: 200 },
      { path: "/beheer", init: { headers: { Cookie: cookie } }, expect: 200 },
      { path: `/api/v1/campaigns/zomer-${new Date().getUTCFullYear()}/retailers`, expect: 200 },
      {
        path: "/taal",
        init: { method: "POST", redirect: "manual", headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" }, body: "locale=nl&redirectTo=%2Fover" },
        expect: 302,
      },
    ];
    for (const r of requests) expect((await fetch(`${origin}${r.path}`, r.init)).status, r.path).toBe(r.expect);

    let running = true;
    let answered = 0;
    const failures: string[] = [];
    const loop = async (offset: number) => {
      for (let i = offset; running; i++) {
        const r = requests[i % requests.length];
        try {
          const response = await fetch(`${origin}${r.path}`, r.init);
          await response.arrayBuffer();
          if (response.status === r.expect) answered++;
          else failures.push(`${r.path}: ${response.status}`);
        } catch (error) {
          failures.push(`${r.path}: ${(error as Error).cause ?? error}`);
        }
      }
    };
    const loops = [0, 1, 2, 3].map(loop);

    // Between restarts, and after the last, the loops must have been answered a few dozen times.
    const answeredMore = async (count: number) => {
      const target = answered + count;
      await until(() => answered >= target || failures.length > 0, 30_000, `${count} more answers`);
    };
    for (let i = 0; i < processes.length; i++) {
      await answeredMore(20);
      await processes[i].stop();
      processes[i] = await startServer(processEnv(i, false), { port: ports[i], timeoutMs: 90_000 });
      await untilProxySeesAllUp();
    }
    await answeredMore(20);
    running = false;
    await Promise.all(loops);

    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(100);
  });
});

/** Polls `condition` until it holds (a condition, not a fixed wait); fails after `timeoutMs`. */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signIn(email: string) {
  const response = await fetch(`${origin}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": nextClientIp() },
    body: new URLSearchParams({ email, password: "Koppel-demo-2026" }),
  });
  expect(response.status).toBe(302);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}
