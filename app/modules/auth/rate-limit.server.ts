import { and, asc, eq, gt, inArray, like, lt, or, sql } from "drizzle-orm";
import { db, type Executor } from "~db/client";
import { rateLimitHits } from "~db/schema";
import { likeLiteral } from "~/lib/sql-text";

/** At most `max` counted events per subject within `windowMs`. */
export interface RateRule {
  name: string;
  max: number;
  windowMs: number;
}

const minutes = (n: number) => n * 60 * 1000;

export const rateRules = {
  /**
   * Failed logins of one account from one client. Counting per account alone let anyone lock any
   * account out from anywhere; this way the owner on another address still gets in.
   */
  loginAccountClient: { name: "login", max: 5, windowMs: minutes(15) },
  /** Failed logins from one client, whatever the account: one address guessing many accounts. */
  loginClient: { name: "login-client", max: 20, windowMs: minutes(15) },
  /** Password and registration mails to one address, whoever asks: nobody's inbox is flooded. */
  mailAddress: { name: "mail", max: 3, windowMs: minutes(60) },
  /** Password and registration mails asked for by one client, to any address. */
  mailClient: { name: "mail-client", max: 10, windowMs: minutes(60) },
} satisfies Record<string, RateRule>;

/** One rule applied to one subject (an address, a client, an account on a client). */
export interface RateCheck {
  rule: RateRule;
  subject: string;
}

const keyOf = ({ rule, subject }: RateCheck) => `${rule.name}:${subject}`;

/** Seconds until another event may be counted, or 0 when no check is at its limit. */
async function retryAfterSeconds(checks: RateCheck[], now = new Date(), executor: Executor = db) {
  let retryAfterMs = 0;
  for (const check of checks) {
    const { rule } = check;
    const hits = await executor
      .select({ createdAt: rateLimitHits.createdAt })
      .from(rateLimitHits)
      .where(and(eq(rateLimitHits.key, keyOf(check)), gt(rateLimitHits.createdAt, new Date(now.getTime() - rule.windowMs))))
      .orderBy(asc(rateLimitHits.createdAt));
    if (hits.length >= rule.max) {
      // Once this hit leaves the window, the subject is back under the limit.
      const freeing = hits[hits.length - rule.max].createdAt;
      retryAfterMs = Math.max(retryAfterMs, freeing.getTime() + rule.windowMs - now.getTime());
    }
  }
  return Math.ceil(retryAfterMs / 1000);
}

/** Counts one event against every check, and forgets what has left each window. */
async function recordHit(checks: RateCheck[], now = new Date(), executor: Executor = db) {
  if (checks.length === 0) return [];
  const inserted = await executor.insert(rateLimitHits).values(checks.map((check) => ({ key: keyOf(check), createdAt: now }))).returning({ id: rateLimitHits.id });
  await executor
    .delete(rateLimitHits)
    .where(or(...checks.map((check) => and(eq(rateLimitHits.key, keyOf(check)), lt(rateLimitHits.createdAt, new Date(now.getTime() - check.rule.windowMs))))));
  return inserted.map((row) => row.id);
}

export type TakenHit = { ok: true; ids: number[] } | { ok: false; retryAfterSeconds: number };

/**
 * Decides and counts in one step: when no check is at its limit, the event is counted at once and
 * its rows returned (to give back with `returnHit` when it turns out not to count, a login that
 * succeeded). Concurrent callers for the same subjects queue on a transaction lock per key, so 30
 * wrong passwords sent at once are 5 evaluated and 25 refused, not 11 that all read "4 so far".
 */
export async function takeHit(checks: RateCheck[], now = new Date()): Promise<TakenHit> {
  if (checks.length === 0) return { ok: true, ids: [] };
  return db.transaction(async (tx) => {
    for (const key of [...new Set(checks.map(keyOf))].sort()) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    const wait = await retryAfterSeconds(checks, now, tx);
    if (wait > 0) return { ok: false as const, retryAfterSeconds: wait };
    return { ok: true as const, ids: await recordHit(checks, now, tx) };
  });
}

/** Gives back what `takeHit` counted. */
export async function returnHit(ids: number[]) {
  if (ids.length > 0) await db.delete(rateLimitHits).where(inArray(rateLimitHits.id, ids));
}

export async function clearHits(checks: RateCheck[]) {
  if (checks.length === 0) return;
  await db.delete(rateLimitHits).where(inArray(rateLimitHits.key, checks.map(keyOf)));
}

/** Forgets every count kept about an address (erasure): its logins on any client and its mails. */
export async function forgetAddress(executor: Executor, email: string) {
  await executor.delete(rateLimitHits).where(or(like(rateLimitHits.key, `${rateRules.loginAccountClient.name}:${likeLiteral(email)}|%`), eq(rateLimitHits.key, `${rateRules.mailAddress.name}:${email}`)));
}

/** What a login attempt is counted against: the account on this client, and the client. */
export function loginChecks(email: string, clientIp: string | undefined): RateCheck[] {
  return [
    { rule: rateRules.loginAccountClient, subject: `${email}|${clientIp ?? "unknown"}` },
    ...(clientIp ? [{ rule: rateRules.loginClient, subject: clientIp }] : []),
  ];
}

/** What a mail to an address is counted against: the address, and the client that asked. */
export function mailChecks(email: string, clientIp: string | undefined): { address: RateCheck; client: RateCheck[] } {
  return {
    address: { rule: rateRules.mailAddress, subject: email },
    client: clientIp ? [{ rule: rateRules.mailClient, subject: clientIp }] : [],
  };
}
