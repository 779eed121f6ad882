import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { createPostgresClient, openDatabase } from "../../db/connection";
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

  /*
   * Many queries pipelined over the pool, some failing. A query must settle with its own rows or
   * its own error: never another query's result, never pending. Each scenario fails without the
   * patch (stock 3.4.9) or with the patch's first version (which cleared the slot in errored()):
   * measured on this machine, 30 rounds of 40 queries, stock 171 wrong in the mid-stream case and
   * the first patch 374 wrong and 135 pending in the client-side case; 0 and 0 with the patch.
   */
  const rounds = 30;
  const perRound = 40;
  type Verdict = "right" | "wrong" | "pending";

  /** One pool, the driver as Koppel configures it, for the failing queries and the others, so that they share connections. */
  async function pipelinedRounds(failing: (client: postgres.Sql, index: number) => Promise<unknown>, isFailing: (index: number, round: number) => boolean) {
    const client = createPostgresClient(process.env.DATABASE_URL!);
    const tally: Record<Verdict, number> = { right: 0, wrong: 0, pending: 0 };
    try {
      for (let round = 0; round < rounds; round++) {
        const verdicts = await Promise.all(
          Array.from({ length: perRound }, async (_, index): Promise<Verdict> => {
            const bad = isFailing(index, round);
            const query = bad ? failing(client, index) : client`select ${index}::int as n, generate_series(1, 3) as k`;
            const settled = await Promise.race([
              query.then((rows) => ({ rows }), (error: unknown) => ({ error })),
              new Promise<"pending">((resolve) => setTimeout(() => resolve("pending"), settleWithinMs).unref()),
            ]);
            if (settled === "pending") return "pending";
            if (bad) return "error" in settled ? "right" : "wrong";
            if ("error" in settled) return "wrong";
            const rows = settled.rows as { n: number; k: number }[];
            // Object.keys counts the holes of a sparse array too: three rows means three own rows.
            return Object.keys(rows).length === 3 && rows.map((r) => [r.n, r.k]).join() === [1, 2, 3].map((k) => [index, k]).join() ? "right" : "wrong";
          }),
        );
        for (const verdict of verdicts) tally[verdict]++;
        // A query that never settles holds its connection: later rounds would only wait as well.
        if (tally.pending > 0) break;
      }
    } finally {
      await client.end({ timeout: 5 });
    }
    return tally;
  }

  it("answers every pipelined query with its own rows when another fails in the client before it is sent", async () => {
    // An undefined parameter and an invalid date both fail while the driver serialises the query.
    const tally = await pipelinedRounds(
      (client, index) => (index === 17 ? client`select ${undefined as unknown as number}::int as n` : client`select ${new Date(Number.NaN)}::timestamptz as n`),
      (index, round) => index === 17 || (round % 3 === 0 && index === 31),
    );
    expect(tally).toEqual({ right: rounds * perRound, wrong: 0, pending: 0 });
  }, 120_000);

  it("answers every pipelined query with its own rows when another fails on the server mid-stream", async () => {
    // Three rows arrive, then a division by zero: the rows already counted must not leak into the next query.
    const tally = await pipelinedRounds((client) => client`select 10 / (4 - g) as n from generate_series(1, 6) g`, (index) => index % 7 === 3);
    expect(tally).toEqual({ right: rounds * perRound, wrong: 0, pending: 0 });
  }, 120_000);
});
