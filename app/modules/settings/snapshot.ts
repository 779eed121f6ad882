import { baseWeights } from "~/modules/matching/score";
import type { PlatformSettings } from "./schema";

/*
 * The settings in force, as one immutable snapshot. Code reads it and passes the values to the pure
 * functions that need them (score weights, the VAT rate, the starter age); nothing writes into a
 * module's object. A refresh swaps the whole snapshot, so a request never sees half of a change.
 */

/** What Koppel ships with, before the office stores any choice. */
export const defaultSettings: Readonly<PlatformSettings> = freeze({
  weights: { ...baseWeights },
  invitationCount: 5,
  maxBids: 5,
  autoApproveDays: 14,
  transferGraceDays: 3,
  starterMaxAgeYears: 5,
  vatBasisPoints: 2100,
  contactEmail: undefined,
  contactPhone: null,
  contactAddress: "",
});

function freeze(settings: PlatformSettings): Readonly<PlatformSettings> {
  return Object.freeze({ ...settings, weights: Object.freeze({ ...settings.weights }) });
}

let current = defaultSettings;
/** When the snapshot in force was saved (null: the defaults); /healthz shows it, so an operator sees every process follow. */
let savedAt: Date | null = null;

export function currentSettings() {
  return current;
}

export function settingsSavedAt() {
  return savedAt;
}

/** Puts a new snapshot in force (at start-up, after a save, every SCHEDULER_SECONDS from the worker). */
export function useSettings(next: PlatformSettings, saved: Date | null = null) {
  current = freeze(next);
  savedAt = saved;
}
