import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Work that must happen outside the database (mail, search index, notices), written in the
 * same transaction as the change that causes it and drained by a worker with retries.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    topic: text("topic").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    /** A worker's claim; another worker may take the row once it has passed. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("outbox_pending_idx").on(t.runAfter).where(sql`done_at is null and failed_at is null`)],
);

/**
 * The scheduler's claims: a process runs the timed work named here only if it is the first to move
 * `startedAt` forward once the interval has passed, so however many processes share the database,
 * the work starts once per interval. `runs` counts the starts.
 */
export const scheduledRuns = pgTable("scheduled_runs", {
  name: text("name").primaryKey(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  runs: integer("runs").notNull().default(1),
});
