/**
 * Lighthouse scores of the public campaign pages, against a production build on the embedded
 * defaults with demo data, in Debian's Chromium:
 *   npm run build && npm run bench:lighthouse
 * Lighthouse itself is fetched by npx on demand (it is large and only this script needs it).
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { waitUntilUp } from "../support/server";

const port = 3917;
const origin = `http://localhost:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koppel-lighthouse-"));
const pages = ["/zomer", "/zomer/brugge"];

const server = spawn(process.execPath, ["build/server.js"], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", APP_URL: origin, DATA_DIR: dataDir, COOKIE_SECRET: "lighthouse-only-".padEnd(32, "x"), SEED_DEMO: "true", LOG_LEVEL: "warn" },
  stdio: ["ignore", "inherit", "inherit"],
});
try {
  await waitUntilUp(`${origin}/healthz`, { server });
  console.log("page            performance  accessibility  best-practices  seo");
  for (const page of pages) {
    const report = path.join(dataDir, "report.json");
    execFileSync(
      "npx",
      [
        "--yes",
        "lighthouse@13",
        `${origin}${page}`,
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync",
        "--output=json",
        `--output-path=${report}`,
        "--quiet",
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" }, stdio: ["ignore", "ignore", "inherit"] },
    );
    const { categories, audits } = JSON.parse(fs.readFileSync(report, "utf8")) as {
      categories: Record<string, { score: number }>;
      audits: Record<string, { score: number | null; title: string }>;
    };
    const score = (c: string) => String(Math.round(categories[c].score * 100)).padStart(3);
    console.log(`${page.padEnd(16)}${score("performance")}          ${score("accessibility")}            ${score("best-practices")}             ${score("seo")}`);
    const failing = Object.values(audits).filter((a) => a.score !== null && a.score < 0.9).map((a) => a.title);
    if (failing.length) console.log(`  below 0.9: ${failing.join("; ")}`);
  }
} finally {
  server.kill("SIGTERM");
}
