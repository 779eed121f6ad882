import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import { db } from "~db/client";
import { loginFailures } from "~db/schema";

export const loginLimit = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

export function loginLimitKeys(email: string, clientIp: string | undefined) {
  return [`email:${email}`, ...(clientIp ? [`ip:${clientIp}`] : [])];
}

/** Seconds until another attempt may be made, or 0 when none of the keys is over the limit. */
export async function loginRetryAfterSeconds(keys: string[], now = new Date()) {
  const windowStart = new Date(now.getTime() - loginLimit.windowMs);
  let retryAfterMs = 0;
  for (const key of keys) {
    const failures = await db
      .select({ createdAt: loginFailures.createdAt })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.createdAt, windowStart)))
      .orderBy(asc(loginFailures.createdAt));
    if (failures.length >= loginLimit.maxFailures) {
      // Once this failure leaves the window, the key is back under the limit.
      const unlocking = failures[failures.length - loginLimit.maxFailures].createdAt;
      retryAfterMs = Math.max(retryAfterMs, unlocking.getTime() + loginLimit.windowMs - now.getTime());
    }
  }
  return Math.ceil(retryAfterMs / 1000);
}

export async function recordLoginFailure(keys: string[], now = new Date()) {
  await db.insert(loginFailures).values(keys.map((key) => ({ key, createdAt: now })));
  await db
    .delete(loginFailures)
    .where(and(inArray(loginFailures.key, keys), lt(loginFailures.createdAt, new Date(now.getTime() - loginLimit.windowMs))));
}

export async function clearLoginFailures(key: string) {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}
