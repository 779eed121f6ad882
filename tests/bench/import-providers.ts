/**
 * How long a CSV import of 10,000 providers takes, end to end (parse, validate, write, invite),
 * on a fresh database: PGlite by default, PostgreSQL when DATABASE_URL is set.
 *   npm run bench:import            (ROWS=n to change the size)
 * In the same run it times the bare parse + row validation, the floor any import pays.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const rows = Number(process.env.ROWS ?? 10_000);
process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "koppel-bench-"));
process.env.NODE_ENV = "test";

const [{ database }, { migrate }, { importProviders }, { readCsv }, { ProviderRowSchema }, { enterpriseCheckDigits }] = await Promise.all([
  import("~db/client"),
  import("~db/migrate"),
  import("~/modules/profiles/import.server"),
  import("~/modules/profiles/csv"),
  import("~/modules/profiles/import-rows"),
  import("~/modules/profiles/enterprise-number"),
]);

const services = ["website", "webshop", "seo_sea", "social_media", "online_booking", "analytics"];
const nis = ["31005", "34022", "35013", "36015", "33011", "37022", "38025"];
const lines = ["enterprise_number,company_name,email,kind,services,sectors,base_nis_code,radius_km,municipalities,languages,hourly_rate_eur,capacity,founded_on,bio,status"];
for (let i = 0; i < rows; i++) {
  const first = `06${String(i).padStart(6, "0")}`;
  lines.push(
    [
      first + enterpriseCheckDigits(first),
      `Bench Digitaal ${i}`,
      `bench${i}@bench.test`,
      ["ict", "marketing", "both"][i % 3],
      `${services[i % 6]};${services[(i + 2) % 6]}`,
      i % 2 ? "retail;hospitality" : "tourism",
      nis[i % nis.length],
      String(10 + (i % 50)),
      nis[(i + 3) % nis.length],
      i % 4 ? "nl" : "nl;fr",
      String(45 + (i % 40)),
      String(1 + (i % 5)),
      `20${String(10 + (i % 15)).padStart(2, "0")}-0${1 + (i % 9)}-15`,
      `Bedrijf ${i} helpt lokale zaken online.`,
      i % 5 ? "approved" : "pending",
    ].join(","),
  );
}
const csv = lines.join("\n");

await migrate(database);
const bareStart = performance.now();
const parsed = readCsv(csv);
if ("error" in parsed) throw new Error(parsed.error);
for (const row of parsed.rows) ProviderRowSchema.parse(row);
const bareMs = performance.now() - bareStart;

const start = performance.now();
const result = await importProviders(csv, null);
const ms = performance.now() - start;
if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));

const again = performance.now();
const second = await importProviders(csv, null);
const againMs = performance.now() - again;

console.log(`database: ${database.kind}, rows: ${rows}, file: ${(csv.length / 1024 / 1024).toFixed(1)} MB`);
console.log(`parse + validate only:  ${(bareMs / 1000).toFixed(2)} s`);
console.log(`first import (create):  ${(ms / 1000).toFixed(2)} s  (${result.created} created; ${(ms / bareMs).toFixed(1)}x the bare parse)`);
console.log(`second import (update): ${(againMs / 1000).toFixed(2)} s  (${second.ok ? second.updated : 0} updated)`);
await database.close();
