import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client";
import { outbox, scheduledRuns } from "~db/schema";
import { claimScheduledRun, drainOutbox, pendingOutboxCount, queueMail } from "~/modules/notifications/index.server";

describe("the outbox", () => {
  it("keeps nothing of a transaction that rolled back", async () => {
    const before = await pendingOutboxCount();
    await expect(
      db.transaction(async (tx) => {
        await queueMail(tx, { to: "a@voorbeeld.be", subject: "x", text: "y" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await pendingOutboxCount()).toBe(before);
  });

  it("retries a failing job with backoff and loses nothing until it succeeds", async () => {
    await queueMail(db, { to: "b@voorbeeld.be", subject: "Onderwerp", text: "Tekst" });
    let serverUp = false;
    const delivered: unknown[] = [];
    const handlers = {
      "mail.send": async (payload: Record<string, unknown>) => {
        if (!serverUp) throw new Error("connect ECONNREFUSED 127.0.0.1:25");
        delivered.push(payload);
      },
    };

    expect(await drainOutbox(handlers)).toMatchObject({ claimed: 1, failed: 1 });
    const [afterFailure] = await db.select().from(outbox).where(eq(outbox.topic, "mail.send"));
    expect(afterFailure.attempts).toBe(1);
    expect(afterFailure.lastError).toContain("ECONNREFUSED");
    expect(afterFailure.runAfter.getTime()).toBeGreaterThan(Date.now() + 3000);

    // Not due yet: a second drain leaves it alone.
    expect(await drainOutbox(handlers)).toMatchObject({ claimed: 0 });

    serverUp = true;
    await db.update(outbox).set({ runAfter: new Date(0) }).where(eq(outbox.id, afterFailure.id));
    expect(await drainOutbox(handlers)).toMatchObject({ claimed: 1, done: 1 });
    expect(delivered).toEqual([{ to: "b@voorbeeld.be", subject: "Onderwerp", text: "Tekst" }]);
    expect(await pendingOutboxCount()).toBe(0);
  });

  it("parks a job after ten failures instead of retrying forever", async () => {
    await queueMail(db, { to: "c@voorbeeld.be", subject: "x", text: "y" });
    const failing = { "mail.send": async () => Promise.reject(new Error("down")) };
    for (let i = 0; i < 10; i++) {
      await db.update(outbox).set({ runAfter: new Date(0) }).where(eq(outbox.topic, "mail.send"));
      await drainOutbox(failing);
    }
    const [row] = await db.select().from(outbox).where(and(eq(outbox.topic, "mail.send"), isNull(outbox.doneAt)));
    expect(row.attempts).toBe(10);
    expect(row.failedAt).not.toBeNull();
    expect(await pendingOutboxCount()).toBe(0);
  });
});

describe("the scheduler's claim", () => {
  it("lets one caller of many start the timed work per interval, and the next only once the interval has passed", async () => {
    // Five processes asking at the same moment: one starts the work.
    const first = await Promise.all(Array.from({ length: 5 }, () => claimScheduledRun("test.work", 60)));
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await claimScheduledRun("test.work", 60)).toBe(false);
    // Another schedule is claimed on its own.
    expect(await claimScheduledRun("test.other", 60)).toBe(true);

    // Once the interval has passed (the last start moved back an hour), the next caller starts it.
    await db.update(scheduledRuns).set({ startedAt: sql`now() - interval '1 hour'` }).where(eq(scheduledRuns.name, "test.work"));
    const second = await Promise.all(Array.from({ length: 5 }, () => claimScheduledRun("test.work", 60)));
    expect(second.filter(Boolean)).toHaveLength(1);
    const [row] = await db.select().from(scheduledRuns).where(eq(scheduledRuns.name, "test.work"));
    expect(row.runs).toBe(2);
  });
});
