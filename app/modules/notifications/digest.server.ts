import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { db } from "~db/client";
import { notices, users } from "~db/schema";
import { belgianDate, belgianDateTime } from "~/lib/dates";
import { env } from "~/lib/env.server";
import { translator } from "~/lib/i18n";
import { queueMail } from "./index.server";

/** The hour (Brussels) from which the day's digest goes out. */
const digestHour = 8;

/**
 * The morning's digest for those who chose one mail a day: every notice since their last digest, in
 * their language, each with its link, once a Brussels day from the digest hour on. Each person is
 * claimed by a conditional update in the transaction that queues their mail, so several processes
 * running this send each digest once; a day without notices sends nothing.
 */
export async function sendDailyDigests(now = new Date()) {
  if (Number(belgianDateTime(now).slice(11, 13)) < digestHour) return 0;
  const today = belgianDate(now);
  const readers = await db.select({ id: users.id, since: users.digestSentAt }).from(users).where(and(eq(users.mailDigest, true), isNull(users.deactivatedAt)));
  let sent = 0;
  // Not yet today: the last digest went out on an earlier Brussels day.
  for (const { id, since } of readers.filter((r) => !r.since || belgianDate(r.since) < today)) {
    sent += await db.transaction(async (tx) => {
      const [user] = await tx
        .update(users)
        .set({ digestSentAt: now })
        .where(and(eq(users.id, id), since ? eq(users.digestSentAt, since) : isNull(users.digestSentAt)))
        .returning({ email: users.email, name: users.name, locale: users.locale, createdAt: users.createdAt });
      if (!user) return 0;
      const list = await tx
        .select({ messageKey: notices.messageKey, params: notices.params, link: notices.link })
        .from(notices)
        .where(and(eq(notices.userId, id), gt(notices.createdAt, since ?? user.createdAt)))
        .orderBy(asc(notices.id));
      if (list.length === 0) return 0;
      const t = translator(user.locale);
      const items = list.map((n) => `• ${t(n.messageKey, n.params)}${n.link ? `\n  ${env.APP_URL}${n.link}` : ""}`);
      await queueMail(tx, {
        to: user.email,
        subject: t("mail.digestSubject", { count: list.length }),
        text: t("mail.digestBody", { name: user.name, items: items.join("\n\n"), link: `${env.APP_URL}/meldingen` }),
      });
      return 1;
    });
  }
  return sent;
}
