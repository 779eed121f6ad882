import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
import { isDatabaseUnavailable, pgErrorCode } from "~/lib/pg-errors";
import { databaseOutage } from "../support/server";

/*
 * Our PostgreSQL pool (db/connection.ts: postgres.js with the patch in db/patches) while the
 * database refuses every connection, and after it is back. Unpatched, postgres.js 3.4.9 kept a
 * query that had met a dead connection as "current" after failing it. The next refused start-up
 * was then filed against that stale query: the waiting request never settled (a page that hangs
 * instead of a 503), and the old error was replayed onto the first query after recovery (a 503
 * when the database was fine). Upstream: porsager/postgres#1223 and #1142.
 */
const onPostgres = process.env.KOPPEL_TEST_DATABASE === "postgres";
/** Longer than any reconnect delay the pool takes here; a query still pending after it never settles. */
const settleWithinMs = 10_000;

type Outcome = "ok" | "unavailable" | "pending" | `other ${string}`;

describe.skipIf(!onPostgres)("the PostgreSQL pool through an outage (PostgreSQL only: PGlite runs in-process, with no connection to cut)", () => {
  it("fails every query promptly while the database is gone, and serves the first one when it is back", async () => {
    const url = process.env.DATABASE_URL!;
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const outage = databaseOutage(admin, new URL(url).pathname.slice(1));
    const handle = openDatabase({ url, dataDir: "" });
    const outcome = (query: Promise<unknown>) =>
      new Promise<Outcome>((resolve) => {
        const timer = setTimeout(() => resolve("pending"), settleWithinMs);
        query.then(
          () => resolve("ok"),
          (error: unknown) => resolve(isDatabaseUnavailable(error) ? "unavailable" : `other ${pgErrorCode(error) ?? String(error)}`),
        );
        query.finally(() => clearTimeout(timer)).catch(() => {});
      });
    // Several queries at once, like one page's loaders: they spread over several connections.
    const burst = (size: number) => Promise.all(Array.from({ length: size }, () => outcome(handle.db.execute(sql`select 1`))));
    try {
      // The replayed error showed in about half the cycles, the hang in most: five cycles catch both.
      for (let cycle = 1; cycle <= 5; cycle++) {
        expect(await burst(4), `cycle ${cycle}, before`).toEqual(["ok", "ok", "ok", "ok"]);
        await outage.cut();
        try {
          for (let round = 1; round <= 5; round++) {
            expect(await burst(3), `cycle ${cycle}, outage round ${round}`).toEqual(["unavailable", "unavailable", "unavailable"]);
          }
        } finally {
          await outage.restore();
        }
        expect(await burst(4), `cycle ${cycle}, after`).toEqual(["ok", "ok", "ok", "ok"]);
      }
    } finally {
      await handle.close();
      await admin.end();
    }
  }, 120_000);
});
