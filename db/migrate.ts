import fs from "node:fs";
import path from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { DatabaseHandle } from "./connection";
import { loadReferenceData } from "./reference";

const migrationsFolder = path.resolve("db/migrations");

/**
 * Applies the committed drizzle-kit migrations, then (re)loads the reference data. One function
 * for both drivers; drizzle-kit's own `migrate` cannot load PGlite's extensions.
 */
export async function migrate({ db, kind, url }: DatabaseHandle) {
  if (!fs.existsSync(migrationsFolder)) {
    throw new Error(`No migrations at ${migrationsFolder}: run Koppel from its project directory.`);
  }
  if (kind === "pglite") {
    await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    // Several app processes may start at once: one connection holds an advisory lock while it
    // migrates, the others wait for it and then find nothing left to do.
    const client = postgres(url!, { max: 1, onnotice: () => {} });
    try {
      await client`select pg_advisory_lock(7021)`;
      await migratePostgres(drizzle(client), { migrationsFolder });
    } finally {
      await client.end({ timeout: 5 });
    }
  }
  await loadReferenceData(db);
}
