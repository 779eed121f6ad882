import { database, ping } from "~db/client";
import { migrate } from "~db/migrate";
import { demoPassword, isDatabaseEmpty, seedDemoData } from "~db/seed";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { hashPassword } from "~/modules/auth/index.server";
import { runTimers } from "~/modules/engagements/index.server";
import { matchingOutboxHandlers, reindexAll, setUpSearch } from "~/modules/matching/index.server";
import { claimScheduledRun, mailTransportKind, outboxHandlers as notificationHandlers, sendDailyDigests, startOutboxWorker } from "~/modules/notifications/index.server";
import { paymentsKind, paymentsOutboxHandlers } from "~/modules/payments/index.server";
import { refreshSettings, settingsSavedAt } from "~/modules/settings/index.server";
import { seedDemoActivity } from "./demo-activity.server";
import { invoiceOutboxHandlers } from "~/modules/invoices/index.server";

/** Every outbox topic of every capability, for the one worker. */
export const allOutboxHandlers = { ...notificationHandlers, ...matchingOutboxHandlers, ...paymentsOutboxHandlers, ...invoiceOutboxHandlers };

let stopWorker: (() => Promise<void>) | undefined;

export async function seedIfEmpty() {
  if (!(await isDatabaseEmpty(database.db))) return false;
  await seedDemoData(database.db, await hashPassword(demoPassword));
  // Matching reads the search index: providers are indexed before the demo requests invite them.
  await reindexAll();
  await seedDemoActivity();
  return true;
}

/** Called once by the HTTP server before it listens. */
export async function boot() {
  await migrate(database);
  // Search being down must not keep Koppel down: its setup and index updates wait in the outbox.
  await setUpSearch();
  if (env.SEED_DEMO && env.isProduction) {
    logger.warn("SEED_DEMO is on in production: an empty database gets the demo accounts, whose password is public");
  }
  if (env.SEED_DEMO && (await seedIfEmpty())) logger.info("demo data created");
  await refreshSettings();
  // Every process reloads the settings, so timers and matching use what the office set, also when
  // another process saved it; the timers then run in one process per interval. (Each timer also
  // claims its rows, so even two runs at once would do each thing once.)
  const scheduled = async () => {
    await refreshSettings();
    if (await claimScheduledRun("timers", env.SCHEDULER_SECONDS)) {
      await runTimers();
      await sendDailyDigests();
    }
  };
  stopWorker = startOutboxWorker(allOutboxHandlers, { scheduled: { everyMs: env.SCHEDULER_SECONDS * 1000, run: scheduled } });
  logger.info({ database: database.kind, mail: mailTransportKind }, "koppel ready");
}

export async function shutdown() {
  await stopWorker?.();
  await database.close();
}

export async function getHealth() {
  let databaseUp = true;
  try {
    await ping();
  } catch (error) {
    databaseUp = false;
    logger.error({ err: error }, "health check: database unreachable");
  }
  return {
    status: databaseUp ? ("ok" as const) : ("degraded" as const),
    database: database.kind,
    databaseUp,
    search: env.MEILI_HOST ? "meilisearch" : "builtin",
    payments: paymentsKind,
    mail: mailTransportKind,
    /** When the office's settings this process uses were saved ("defaults" if never). */
    settings: settingsSavedAt()?.toISOString() ?? "defaults",
  };
}
