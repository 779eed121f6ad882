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

const [{ database }, { migrate }, { importProviders }, { readCsv }, { ProviderRowSchema }, { providerCsv }] = await Promise.all([
  import("~db/client"),
  import("~db/migrate"),
  import("~/modules/profiles/import.server"),
  import("~/lib/csv"),
  import("~/modules/profiles/import-rows"),
  import("./provider-csv"),
]);

const csv = providerCsv(rows);

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
