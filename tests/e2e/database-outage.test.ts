import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseOutage, freePort, waitUntilUp } from "../support/server";

/*
 * The database goes away under a running production server on PostgreSQL: every connection is
 * cut and new ones are refused. Pages, APIs and forms answer a clean 503 with Retry-After and
 * write nothing; when the database is back, the server carries on without a restart.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const databaseName = `koppel_outage_${Math.random().toString(36).slice(2, 8)}`;
let sql: ReturnType<typeof postgres>;
let outage: ReturnType<typeof databaseOutage>;
let server: ChildProcess | undefined;
let origin = "";
/** The server's last error lines, to say why a status was not the one expected. */
let serverErrors = "";
const why = (what: string) => `${what}; the server's last errors:\n${serverErrors || "(none)"}`;

beforeAll(async () => {
  if (!adminUrl) return;
  sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(`create database ${databaseName}`);
  outage = databaseOutage(sql, databaseName);
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["build/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: origin,
      DATABASE_URL: url.toString(),
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "koppel-outage-")),
      COOKIE_SECRET: randomBytes(32).toString("base64"),
      // Every request must reach the database here; a cached public page would hide the outage.
      PAGE_CACHE_SECONDS: "0",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  server.stdout!.on("data", (chunk: Buffer) => (serverErrors = (serverErrors + chunk.toString()).slice(-3000)));
  await waitUntilUp(`${origin}/healthz`, { server, timeoutMs: 90_000 });
});

afterAll(async () => {
  if (!adminUrl) return;
  server?.kill("SIGTERM");
  await new Promise((r) => server?.once("exit", r));
  await outage.restore();
  await sql.unsafe(`drop database if exists ${databaseName}`);
  await sql.end();
});

describe("the database dropped mid-flight", () => {
  it.skipIf(!adminUrl)("answers 503 with Retry-After, writes nothing, and recovers by itself (needs TEST_DATABASE_URL: PGlite runs in-process, with no connection to cut)", async () => {
    expect((await fetch(`${origin}/zomer`)).status, why("before the outage")).toBe(200);
    await outage.cut();
    try {
      for (const path of ["/zomer", "/aanbieders?q=webshop", "/api/v1/campaigns/zomer-2026/retailers", "/sitemap.xml"]) {
        const response = await fetch(`${origin}${path}`);
        expect(response.status, why(`${path} during the outage`)).toBe(503);
        expect(response.headers.get("Retry-After"), path).toBe("5");
      }
      expect((await fetch(`${origin}/healthz`)).status, why("/healthz during the outage")).toBe(503);
      const register = await fetch(`${origin}/registreren`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ name: "Tijdens De Storing", email: "storing@voorbeeld.be", password: "Zeedijk-Wandeling-Storing-1", role: "retailer" }),
      });
      expect(register.status, why("registering during the outage")).toBe(503);
    } finally {
      await outage.restore();
    }
    // Back without a restart: the pool reconnects on the next query.
    serverErrors = "";
    expect((await fetch(`${origin}/zomer`)).status, why("the first page after the outage")).toBe(200);
    const target = postgres(adminUrl!, { database: databaseName, max: 1, onnotice: () => {} });
    expect(await target`select id from users where email = 'storing@voorbeeld.be'`).toHaveLength(0);
    await target.end();
  });
});
