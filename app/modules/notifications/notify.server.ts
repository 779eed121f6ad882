import { eq, inArray } from "drizzle-orm";
import type { Executor } from "~db/client";
import { users } from "~db/schema";
import { env } from "~/lib/env.server";
import { formatDate, formatMoney } from "~/lib/format";
import { translator } from "~/lib/i18n";
import { queueMail, queueMails } from "./index.server";
import { enqueueMerged } from "./outbox.server";
import { createNotice, createNotices } from "./notices.server";

/**
 * Tells one user something, in the app and by e-mail, in their own language: the notice keeps the
 * message key, the e-mail wraps the same sentence in the house greeting. `translatedParams` names
 * parameters whose values are themselves i18n keys (a state, a sector) to be put in that language,
 * `dateParams` calendar dates (YYYY-MM-DD) and `moneyParams` cents, written as that language writes them.
 */
export async function notifyUser(
  executor: Executor,
  notice: {
    userId: string;
    messageKey: string;
    subjectKey: string;
    params?: Record<string, string | number>;
    link: string;
    translatedParams?: string[];
    dateParams?: string[];
    moneyParams?: string[];
    /** Mails with the same group to the same person within a minute go out as one (an engagement's id). */
    group?: string;
  },
) {
  const [user] = await executor.select({ email: users.email, name: users.name, locale: users.locale, mailDigest: users.mailDigest }).from(users).where(eq(users.id, notice.userId));
  const t = translator(user.locale);
  const params = { ...notice.params };
  for (const name of notice.translatedParams ?? []) if (params[name]) params[name] = t(String(params[name]));
  for (const name of notice.dateParams ?? []) if (params[name]) params[name] = formatDate(String(params[name]), user.locale, { dateStyle: "long" });
  for (const name of notice.moneyParams ?? []) if (typeof params[name] === "number") params[name] = formatMoney(params[name], user.locale);
  await createNotice(executor, { userId: notice.userId, messageKey: notice.messageKey, params, link: notice.link });
  // Who chose one mail a day reads this in the morning's digest.
  if (user.mailDigest) return;
  const subject = t(notice.subjectKey, params);
  const message = t(notice.messageKey, params);
  const body = (messages: string[]) => t("mail.noticeBody", { name: user.name, message: messages.join("\n\n"), link: `${env.APP_URL}${notice.link}` });
  if (!notice.group) return queueMail(executor, { to: user.email, subject, text: body([message]) });
  // One mail for what happened together: the first subject (the step that caused the rest), every
  // message in the order it happened, one link.
  await enqueueMerged(executor, "mail.send", { to: user.email, subject, text: body([message]), group: notice.group, messages: [message] }, {
    match: { to: user.email, group: notice.group },
    delaySeconds: env.MAIL_BATCH_SECONDS,
    merge: (waiting) => {
      const messages = [...((waiting.messages as string[] | undefined) ?? []), message];
      return { ...waiting, messages, text: body(messages) };
    },
  });
}

/** The same notice to several users (the providers whose bids were declined), in three statements, not three per user. */
export async function notifyUsers(
  executor: Executor,
  userIds: string[],
  notice: { messageKey: string; subjectKey: string; params?: Record<string, string | number>; link: string },
) {
  if (userIds.length === 0) return;
  const people = await executor.select({ id: users.id, email: users.email, name: users.name, locale: users.locale, mailDigest: users.mailDigest }).from(users).where(inArray(users.id, userIds));
  const params = { ...notice.params };
  await createNotices(executor, people.map((p) => ({ userId: p.id, messageKey: notice.messageKey, params, link: notice.link })));
  await queueMails(
    executor,
    people.filter((p) => !p.mailDigest).map((p) => {
      const t = translator(p.locale);
      return { to: p.email, subject: t(notice.subjectKey, params), text: t("mail.noticeBody", { name: p.name, message: t(notice.messageKey, params), link: `${env.APP_URL}${notice.link}` }) };
    }),
  );
}
