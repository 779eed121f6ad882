import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "~db/client";
import { outbox, users } from "~db/schema";
import type { Locale } from "~/lib/i18n";
import { requestRegistration, setPasswordWithToken } from "~/modules/auth/index.server";

/** The token of the newest password link queued for `email` (the mail is in the outbox, not sent yet). */
export async function linkTokenMailedTo(email: string) {
  const [row] = await db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.topic, "mail.send"), sql`${outbox.payload}->>'to' = ${email}`))
    .orderBy(desc(outbox.id))
    .limit(1);
  const match = /wachtwoord-instellen\?token=([\w-]+)/.exec(String(row?.payload.text ?? ""));
  if (!match) throw new Error(`no password link queued for ${email}`);
  return decodeURIComponent(match[1]);
}

let clientSequence = 0;

/**
 * A self-registered account, made the way a person makes one: the registration form's request,
 * then the mailed link with the chosen password. Each call comes from a client of its own, so the
 * mail limits of one test never hold up the next.
 */
export async function registerUser(input: { name: string; email: string; password: string; role: "retailer" | "provider"; locale: Locale }) {
  clientSequence += 1;
  const requested = await requestRegistration(input, `192.0.2.${clientSequence % 250}-${process.pid}-${clientSequence}`);
  if (!requested.ok) throw new Error(`registration refused: ${requested.error}`);
  const set = await setPasswordWithToken(await linkTokenMailedTo(input.email), input.password);
  if (!set.ok) throw new Error(`the registration link did not work: ${set.error}`);
  const [user] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, input.email));
  return { ok: true as const, user, cookie: set.cookie };
}
