import { and, desc, eq, isNull } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { notices } from "~db/schema";

/** An in-app notice as an i18n key, so it reads in the user's language whenever it is shown. */
export async function createNotice(
  executor: Executor,
  notice: { userId: string; messageKey: string; params?: Record<string, string | number>; link?: string },
) {
  await executor.insert(notices).values({ ...notice, params: notice.params ?? {} });
}

export async function listUnreadNotices(userId: string) {
  return db
    .select()
    .from(notices)
    .where(and(eq(notices.userId, userId), isNull(notices.readAt)))
    .orderBy(desc(notices.id))
    .limit(20);
}
