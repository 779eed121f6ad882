import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { settings } from "~db/schema";
import { logger } from "~/lib/logger.server";
import { recordAudit } from "~/modules/reporting/index.server";
import type { PlatformSettings } from "./schema";
import { defaultSettings, useSettings } from "./snapshot";

/*
 * The office's choices, stored in the database and put in force as one immutable snapshot
 * (snapshot.ts): at start-up, after a save, and every SCHEDULER_SECONDS (a minute by default) from
 * the outbox worker, so every app process follows within that time.
 */

const key = "platform";

/** The settings in force: the stored ones over the defaults (a value missing from storage keeps its default). */
export async function getSettings(): Promise<PlatformSettings & { updatedAt: Date | null }> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  const stored = (row?.value ?? {}) as Partial<PlatformSettings>;
  return { ...defaultSettings, ...stored, weights: { ...defaultSettings.weights, ...stored.weights }, updatedAt: row?.updatedAt ?? null };
}

/** Reads the stored settings into the modules; a failure keeps what is in force and is logged. */
export async function refreshSettings() {
  try {
    const { updatedAt, ...current } = await getSettings();
    useSettings(current, updatedAt);
  } catch (error) {
    logger.error({ err: error }, "settings could not be refreshed");
  }
}

/** Stores the office's settings with an audit entry naming each change, and applies them here at once. */
export async function saveSettings(adminId: string, next: PlatformSettings) {
  const { updatedAt: _updatedAt, ...before } = await getSettings();
  const changes = Object.fromEntries(
    Object.entries(next).flatMap(([name, value]) =>
      JSON.stringify(value) === JSON.stringify(before[name as keyof PlatformSettings]) ? [] : [[name, { from: before[name as keyof PlatformSettings], to: value }]],
    ),
  );
  const savedAt = new Date();
  await db.transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key, value: next, updatedBy: adminId, updatedAt: savedAt })
      .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedBy: adminId, updatedAt: savedAt } });
    await recordAudit(tx, { actorId: adminId, action: "settings.update", entityType: "settings", entityId: key, data: changes });
  });
  useSettings(next, savedAt);
  return changes;
}
