import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { outbox, scheduledRuns } from "~db/schema";
import { logger } from "~/lib/logger.server";
import { retryDelaySeconds } from "./backoff";

export type OutboxHandler = (payload: Record<string, unknown>) => Promise<void>;

/** After this many failures a row is parked (failed_at) for a human to look at. */
export const maxAttempts = 10;
const claimSeconds = 120;


/** Call inside the transaction whose change causes the work, so both commit or neither does. */
export async function enqueue(executor: Executor, topic: string, ...payloads: Record<string, unknown>[]) {
  if (payloads.length === 0) return;
  await executor.insert(outbox).values(payloads.map((payload) => ({ topic, payload })));
  wakeWorker?.();
}

/**
 * Work better done once for several causes close together (mails about one engagement to one person
 * within a minute): when a row of `topic` whose payload contains `match` still waits for its run
 * (queued with a delay, not yet claimed), `merge` rewrites its payload; otherwise a new row is queued
 * to run `delaySeconds` from now. The waiting row is locked while it is rewritten, and a worker skips
 * a locked row, so a cause is never lost between the two. With no delay, only causes in the same
 * transaction are merged (its now() is fixed).
 */
export async function enqueueMerged(
  executor: Executor,
  topic: string,
  payload: Record<string, unknown>,
  { match, delaySeconds, merge }: { match: Record<string, string>; delaySeconds: number; merge: (waiting: Record<string, unknown>) => Record<string, unknown> },
) {
  const [waiting] = await executor
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(
      and(
        eq(outbox.topic, topic),
        isNull(outbox.doneAt),
        isNull(outbox.failedAt),
        isNull(outbox.lockedUntil),
        gte(outbox.runAfter, sql`now()`),
        sql`${outbox.payload} @> ${JSON.stringify(match)}::jsonb`,
      ),
    )
    .orderBy(desc(outbox.id))
    .limit(1)
    .for("update", { skipLocked: true });
  if (waiting) {
    await executor.update(outbox).set({ payload: merge(waiting.payload) }).where(eq(outbox.id, waiting.id));
    return;
  }
  await executor.insert(outbox).values({ topic, payload, runAfter: sql`now() + make_interval(secs => ${delaySeconds})` });
  wakeWorker?.();
}

/**
 * Claims due rows, runs their handlers and records the outcome. Rows are claimed with a
 * `locked_until` so several processes (on PostgreSQL) never run the same row at once.
 */
export async function drainOutbox(handlers: Record<string, OutboxHandler>, { batchSize = 20 } = {}) {
  // The database's clock, not ours: rows are stamped by it (to the microsecond) and several
  // processes may drain the same outbox.
  const now = sql`now()`;
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        isNull(outbox.doneAt),
        isNull(outbox.failedAt),
        lte(outbox.runAfter, now),
        or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now)),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(batchSize)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(outbox)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${claimSeconds})` })
    .where(inArray(outbox.id, due))
    .returning();

  let done = 0;
  let failed = 0;
  for (const row of claimed.sort((a, b) => a.id - b.id)) {
    const handler = handlers[row.topic];
    try {
      if (!handler) throw new Error(`No handler for outbox topic ${row.topic}`);
      await handler(row.payload);
      // Done, the payload is not kept: a sent mail's names, addresses and links have no further use
      // here, and an erased account must not live on in it. The row stays as the record that it ran.
      await db.update(outbox).set({ doneAt: new Date(), lockedUntil: null, payload: {} }).where(eq(outbox.id, row.id));
      done++;
    } catch (error) {
      failed++;
      const attempts = row.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      logger.warn({ outboxId: row.id, topic: row.topic, attempts, err: message }, "outbox job failed");
      await db
        .update(outbox)
        .set({
          attempts,
          lastError: message.slice(0, 2000),
          lockedUntil: null,
          runAfter: sql`now() + make_interval(secs => ${retryDelaySeconds(attempts)})`,
          failedAt: attempts >= maxAttempts ? new Date() : null,
        })
        .where(eq(outbox.id, row.id));
    }
  }
  return { claimed: claimed.length, done, failed };
}

export async function pendingOutboxCount() {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(isNull(outbox.doneAt), isNull(outbox.failedAt)));
  return row.count;
}

/**
 * Claims the timed work `name` for this process if no process started it within the last
 * `everySeconds` (by the database's clock, which all processes share): however many run the same
 * schedule, the work starts once per interval, in whichever asked first.
 */
export async function claimScheduledRun(name: string, everySeconds: number) {
  const claimed = await db
    .insert(scheduledRuns)
    .values({ name, startedAt: sql`now()` })
    .onConflictDoUpdate({
      target: scheduledRuns.name,
      set: { startedAt: sql`now()`, runs: sql`${scheduledRuns.runs} + 1` },
      setWhere: sql`${scheduledRuns.startedAt} <= now() - make_interval(secs => ${everySeconds})`,
    })
    .returning({ runs: scheduledRuns.runs });
  return claimed.length > 0;
}

let wakeWorker: (() => void) | undefined;

/**
 * Polls the outbox in this process; enqueue() wakes it at once. `scheduled` is the one scheduler:
 * timed work (deadlines, reminders) run between drains every `everyMs`. Returns a stop function.
 */
export function startOutboxWorker(
  handlers: Record<string, OutboxHandler>,
  { intervalMs = 2000, scheduled }: { intervalMs?: number; scheduled?: { everyMs: number; run: () => Promise<unknown> } } = {},
) {
  let stopped = false;
  let running: Promise<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastScheduled = 0;
  const tick = () => {
    if (stopped || running) return;
    clearTimeout(timer);
    const due = scheduled && Date.now() - lastScheduled >= scheduled.everyMs;
    if (due) lastScheduled = Date.now();
    running = (due ? scheduled.run().catch((error) => logger.error({ err: error }, "scheduled work failed")) : Promise.resolve())
      .then(() => drainOutbox(handlers))
      .catch((error) => logger.error({ err: error }, "outbox worker failed"))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  wakeWorker = () => setImmediate(tick);
  tick();
  return async function stop() {
    stopped = true;
    wakeWorker = undefined;
    clearTimeout(timer);
    await running;
  };
}
