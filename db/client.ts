import { sql } from "drizzle-orm";
import { env } from "../app/lib/env.server";
import { openDatabase, queryRows, type DatabaseHandle, type Executor } from "./connection";
import * as schema from "./schema";

export * from "./connection";

const globalForDb = globalThis as unknown as { koppelDatabase?: DatabaseHandle };

/** The process's one database; cached on globalThis so reloaded modules share it. */
export const database: DatabaseHandle = (globalForDb.koppelDatabase ??= openDatabase({
  url: env.DATABASE_URL,
  dataDir: env.DATA_DIR,
}));
export const db = database.db;

export async function ping(executor: Executor = db) {
  await queryRows(executor, sql`select 1 as ok`);
}

export { schema };

