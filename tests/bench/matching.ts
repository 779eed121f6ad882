/**
 * Matching latency as the number of providers grows: 1,000, 10,000, 50,000 and 100,000 approved providers,
 * 200 varied needs each, timing rankProviders() and, in the same run, the bare candidate query it
 * starts from (the search engine's filters and text match, nothing else).
 *   npm run bench:matching                      PGlite in a temp dir
 *   BENCH_DATABASE_URL=postgres://… npm run bench:matching   PostgreSQL (the database is dropped and made again)
 * SIZES=1000,10000 limits the sizes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { recreateDatabase } from "../support/server";

// The PostgreSQL database is dropped and made again, so each run starts from the same empty one.
if (process.env.BENCH_DATABASE_URL) {
  await recreateDatabase(process.env.BENCH_DATABASE_URL);
  process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
} else process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "koppel-bench-matching-"));
process.env.NODE_ENV = "test";

const { database, db } = await import("~db/client");
const { migrate } = await import("~db/migrate");
const schema = await import("~db/schema");
const { sql, count } = await import("drizzle-orm");
const { builtinSearch, indexProviders, rankProviders } = await import("~/modules/matching/index.server");
const { serviceCodes } = await import("~/modules/profiles/taxonomy");
const { enterpriseCheckDigits } = await import("~/modules/profiles/enterprise-number");

const sizes = (process.env.SIZES ?? "1000,10000,50000,100000").split(",").map(Number);
const needsPerSize = 200;

/** A fixed-seed generator: every run measures the same data and the same needs. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}
const rnd = random(42);
const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)];
const pickSome = <T>(items: readonly T[], n: number) => [...new Set(Array.from({ length: n }, () => pick(items)))];

const words = ["Digitaal", "Web", "Pixel", "Kust", "Polder", "Leie", "Belfort", "Studio", "Media", "Online", "Klik", "Zee", "Hop", "Vlas"];
const bios = ["Webshops en websites voor lokale winkels.", "Sociale media en foto's voor horeca.", "Boekingssystemen voor B&B's en hotels.", "Kassa's, voorraad en online betalen.", "Vindbaarheid in Google voor kleine zaken."];
const texts = ["webshop", "webwinkel", "sociale media", "boekingssysteem", "kassa", "website", "fotograaf", "seo", "nieuwsbrief", ""];

await migrate(database);
const nisCodes = (await db.select({ nis: schema.municipalities.nisCode }).from(schema.municipalities)).map((m) => m.nis);

async function growTo(target: number) {
  const [{ n }] = await db.select({ n: count() }).from(schema.providers);
  for (let start = n; start < target; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, target - start) }, (_, i) => start + i);
    const users = await db
      .insert(schema.users)
      .values(batch.map((i) => ({ email: `bench${i}@bench.test`, name: `Bench ${i}`, role: "provider" as const })))
      .returning({ id: schema.users.id });
    const rows = await db
      .insert(schema.providers)
      .values(
        batch.map((i, k) => {
          const first = `07${String(i).padStart(6, "0")}`;
          return {
            userId: users[k].id,
            slug: `bench-${i}`,
            enterpriseNumber: first + enterpriseCheckDigits(first),
            companyName: `${pick(words)}${pick(words).toLowerCase()} ${i}`,
            kind: pick(["ict", "marketing", "both"] as const),
            foundedOn: `20${String(10 + Math.floor(rnd() * 16)).padStart(2, "0")}-0${1 + Math.floor(rnd() * 9)}-15`,
            services: pickSome(serviceCodes, 1 + Math.floor(rnd() * 4)),
            sectors: pickSome(["retail", "tourism", "hospitality"], 1 + Math.floor(rnd() * 2)),
            baseNisCode: pick(nisCodes),
            radiusKm: Math.floor(rnd() * 40),
            serviceNisCodes: rnd() < 0.2 ? pickSome(nisCodes, 2) : [],
            languages: rnd() < 0.3 ? ["nl", "fr"] : ["nl"],
            hourlyRateCents: 4000 + Math.floor(rnd() * 6000),
            capacity: 1 + Math.floor(rnd() * 5),
            bio: pick(bios),
            status: "approved" as const,
          };
        }),
      )
      .returning({ id: schema.providers.id });
    await indexProviders(
      rows.map((r) => r.id),
      builtinSearch,
    );
  }
  if (database.kind === "pglite") await db.execute(sql`checkpoint`);
  await db.execute(sql`analyze`);
}

function needs() {
  return Array.from({ length: needsPerSize }, () => ({
    nisCode: pick(nisCodes),
    sector: pick(["retail", "tourism", "hospitality"]),
    services: pickSome(serviceCodes, 1 + Math.floor(rnd() * 3)),
    languages: rnd() < 0.2 ? ["fr"] : ["nl"],
    text: pick(texts),
    budgetCents: 50_000 + Math.floor(rnd() * 200_000),
  }));
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const rows: string[] = [];
for (const size of sizes) {
  const grow = performance.now();
  await growTo(size);
  const growS = ((performance.now() - grow) / 1000).toFixed(1);
  const batch = needs();
  for (const need of batch.slice(0, 20)) await rankProviders(need); // warm caches and plans
  const full: number[] = [];
  const bare: number[] = [];
  for (const need of batch) {
    bare.push(await time(() => builtinSearch.candidates({ nisCode: need.nisCode, services: need.services, languages: need.languages, text: need.text, limit: 200 })));
    full.push(await time(() => rankProviders(need)));
  }
  full.sort((a, b) => a - b);
  bare.sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(1).padStart(6);
  rows.push(
    `| ${String(size).padStart(6)} | ${f(percentile(bare, 50))} | ${f(percentile(bare, 95))} | ${f(percentile(bare, 99))} | ${f(percentile(full, 50))} | ${f(percentile(full, 95))} | ${f(percentile(full, 99))} | ${(percentile(full, 95) / percentile(bare, 95)).toFixed(2)}x | ${growS} s |`,
  );
  console.log(`measured ${size} providers`);
}

console.log(`\ndatabase: ${database.kind}; ${needsPerSize} needs per size; times in ms`);
console.log("| providers | bare p50 | bare p95 | bare p99 | rank p50 | rank p95 | rank p99 | p95 ratio | seed+index |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
await database.close();
