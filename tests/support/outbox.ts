import { drainOutbox, type OutboxHandler } from "~/modules/notifications/index.server";

/** Drains batch after batch until nothing due is left (registration mails queue ahead of index events). */
export async function drainEverything(handlers: Record<string, OutboxHandler>) {
  while ((await drainOutbox(handlers)).claimed > 0);
}
