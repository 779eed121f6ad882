import type { Executor } from "~db/client";
import { deliverMail, type Mail } from "./mail.server";
import { enqueue, type OutboxHandler } from "./outbox.server";

export { retryDelaySeconds } from "./backoff";
export { claimScheduledRun, drainOutbox, enqueue, pendingOutboxCount, startOutboxWorker, type OutboxHandler } from "./outbox.server";
export { listSentMail, mailTransportKind, readSentMail, type SentMail } from "./mail.server";

/** Every outbox topic and who carries it out. Later capabilities add theirs here. */
export const outboxHandlers: Record<string, OutboxHandler> = {
  "mail.send": (payload) => deliverMail(payload as unknown as Mail),
};

/** Queues an e-mail in the caller's transaction; the worker sends it, retrying if the server is down. */
export function queueMail(executor: Executor, mail: Mail) {
  return enqueue(executor, "mail.send", { ...mail });
}

/** Many e-mails in one statement (bulk invitations). */
export function queueMails(executor: Executor, mails: Mail[]) {
  return enqueue(executor, "mail.send", ...mails.map((m) => ({ ...m })));
}
export { sendDailyDigests } from "./digest.server";
export { countUnreadNotices, createNotice, readNotices } from "./notices.server";
export { notifyUser, notifyUsers } from "./notify.server";
