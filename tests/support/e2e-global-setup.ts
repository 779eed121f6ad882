import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { recreateDatabase, startServer } from "./server";

declare module "vitest" {
  interface ProvidedContext {
    baseUrl: string;
    serverDataDir: string;
  }
}

/**
 * Starts the production build (building it first if there is none) on a free port with a fresh
 * embedded database and demo data, the way `npm start` runs it; with E2E_DATABASE_URL, on a fresh
 * PostgreSQL database of that name instead (dropped and made again).
 */
export default async function setup(project: TestProject) {
  if (!fs.existsSync("build/server.js")) {
    const built = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
    if (built.status !== 0) throw new Error("npm run build failed");
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koppel-e2e-"));
  const databaseUrl = process.env.E2E_DATABASE_URL ?? "";
  if (databaseUrl) await recreateDatabase(databaseUrl);
  const server = await startServer({
    NODE_ENV: "development",
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    // The suite signs in with the demo accounts.
    SEED_DEMO: "true",
    // Each test sends its own X-Forwarded-For, so the per-IP login limit of one test does not
    // lock out the next.
    TRUST_PROXY: "true",
    // Visitors in these tests check what staff changed a moment ago; the micro-cache would show
    // them the page of ten seconds before (tests/e2e/production-server.test.ts covers the cache).
    PAGE_CACHE_SECONDS: "0",
    LOG_LEVEL: "warn",
  });
  const baseUrl = server.origin;
  project.provide("baseUrl", baseUrl);
  project.provide("serverDataDir", dataDir);
  return async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
