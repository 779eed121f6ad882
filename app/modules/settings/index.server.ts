/** Settings' door: what the programme office tunes, stored and applied to the modules that use it. */
export { getSettings, refreshSettings, saveSettings } from "./settings.server";
export { currentSettings, defaultSettings, settingsSavedAt } from "./snapshot";
export type { PlatformSettings } from "./schema";
