/** Settings' door: what the programme office tunes, stored and applied to the modules that use it. */
export { defaultSettings, getSettings, refreshSettings, saveSettings } from "./settings.server";
export type { PlatformSettings } from "./schema";
