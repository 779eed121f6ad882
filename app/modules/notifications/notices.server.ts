import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { notices } from "~db/schema";

/** An in-app notice as an i18n key, so it reads in the user's language whenever it is shown. */
export async function createNotice(
  executor: Executor,
  notice: { userId: string; messageKey: string; params?: Record<string, string | number>; link?: string },
) {
  await executor.insert(notices).values({ ...notice, params: notice.params ?? {} });
}

export async function createNotices(executor: Executor, list: { userId: string; messageKey: string; params?: Record<string, string | number>; link?: string }[]) {
  if (list.length) await executor.insert(notices).values(list.map((n) => ({ ...n, params: n.params ?? {} })));
}

export async function countUnreadNotices(userId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notices)
    .where(and(eq(notices.userId, userId), isNull(notices.readAt)));
  return row.n;
}

/** The user's notices, newest first; opening the list marks them read. */
export async function readNotices(userId: string) {
  const rows = await db.select().from(notices).where(eq(notices.userId, userId)).orderBy(desc(notices.id)).limit(50);
  await db
    .update(notices)
    .set({ readAt: new Date() })
    .where(and(eq(notices.userId, userId), isNull(notices.readAt)));
  return rows;
}
