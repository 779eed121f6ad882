import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { acquireDataDirLock } from "./lock";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything that can run a query: the database or a transaction inside it. */
export type Executor = Database | Transaction;
export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** The PostgreSQL URL, when not PGlite. */
  url?: string;
  close(): Promise<void>;
}

/** The postgres.js pool as Koppel configures it (the driver is patched: db/patches, docs/decisions). */
export function createPostgresClient(url: string) {
  return postgres(url, {
    max: 10,
    onnotice: () => {},
    // While the database is away, a request should get its 503 promptly. postgres.js's own backoff
    // grows to 20 s after a few broken sockets, and a connection attempt may hang for 30 s; a
    // request waiting on either only answers when its client has given up. At most 1 s between
    // attempts and 5 s to connect keep the wait short without hammering the server.
    backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 1),
    connect_timeout: 5,
  });
}

export function openDatabase(options: { url?: string; dataDir: string }): DatabaseHandle {
  if (options.url) {
    const client = createPostgresClient(options.url);
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return { db, kind: "postgres", url: options.url, close: () => client.end({ timeout: 5 }) };
  }
  const dataDir = path.join(options.dataDir, "pglite");
  fs.mkdirSync(dataDir, { recursive: true });
  // PGlite is one process per data directory; a second one would corrupt it.
  const lock = acquireDataDirLock(dataDir);
  const client = new PGlite({ dataDir, extensions: { pg_trgm, unaccent } });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    async close() {
      try {
        await client.close();
      } finally {
        lock.release();
      }
    },
  };
}

/**
 * Money from a bigint column, or a sum over one, read by raw SQL: postgres.js hands int8 over as a
 * string, PGlite as a number. Cents stay exact as a JS number up to 2^53 (some 90 trillion euros).
 */
export function cents(value: number | string | bigint | null | undefined): number {
  const amount = Number(value ?? 0);
  if (!Number.isSafeInteger(amount)) throw new Error(`not an amount in cents: ${String(value)}`);
  return amount;
}

/** Raw SQL returning rows: PGlite answers `{ rows }`, postgres.js an array. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}


