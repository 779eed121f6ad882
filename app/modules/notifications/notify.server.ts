import { eq, inArray } from "drizzle-orm";
import type { Executor } from "~db/client";
import { users } from "~db/schema";
import { env } from "~/lib/env.server";
import { formatDate, formatMoney } from "~/lib/format";
import { translator } from "~/lib/i18n";
import { queueMail, queueMails } from "./index.server";
import { createNotice, createNotices } from "./notices.server";

/**
 * Tells one user something, in the app and by e-mail, in their own language: the notice keeps the
 * message key, the e-mail wraps the same sentence in the house greeting. `translatedParams` names
 * parameters whose values are themselves i18n keys (a state, a sector) to be put in that language,
 * `dateParams` calendar dates (YYYY-MM-DD) and `moneyParams` cents, written as that language writes them.
 */
export async function notifyUser(
  executor: Executor,
  notice: { userId: string; messageKey: string; subjectKey: string; params?: Record<string, string | number>; link: string; translatedParams?: string[]; dateParams?: string[]; moneyParams?: string[] },
) {
  const [user] = await executor.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, notice.userId));
  const t = translator(user.locale);
  const params = { ...notice.params };
  for (const name of notice.translatedParams ?? []) if (params[name]) params[name] = t(String(params[name]));
  for (const name of notice.dateParams ?? []) if (params[name]) params[name] = formatDate(String(params[name]), user.locale, { dateStyle: "long" });
  for (const name of notice.moneyParams ?? []) if (typeof params[name] === "number") params[name] = formatMoney(params[name], user.locale);
  await createNotice(executor, { userId: notice.userId, messageKey: notice.messageKey, params, link: notice.link });
  await queueMail(executor, {
    to: user.email,
    subject: t(notice.subjectKey, params),
    text: t("mail.noticeBody", { name: user.name, message: t(notice.messageKey, params), link: `${env.APP_URL}${notice.link}` }),
  });
}

/** The same notice to several users (the providers whose bids were declined), in three statements, not three per user. */
export async function notifyUsers(
  executor: Executor,
  userIds: string[],
  notice: { messageKey: string; subjectKey: string; params?: Record<string, string | number>; link: string },
) {
  if (userIds.length === 0) return;
  const people = await executor.select({ id: users.id, email: users.email, name: users.name, locale: users.locale }).from(users).where(inArray(users.id, userIds));
  const params = { ...notice.params };
  await createNotices(executor, people.map((p) => ({ userId: p.id, messageKey: notice.messageKey, params, link: notice.link })));
  await queueMails(
    executor,
    people.map((p) => {
      const t = translator(p.locale);
      return { to: p.email, subject: t(notice.subjectKey, params), text: t("mail.noticeBody", { name: p.name, message: t(notice.messageKey, params), link: `${env.APP_URL}${notice.link}` }) };
    }),
  );
}
