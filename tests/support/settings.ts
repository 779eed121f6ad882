/** The settings snapshot, for tests that check what is in force or play another process's view of it. */
export { currentSettings, useSettings as useSettingsForTest } from "~/modules/settings/snapshot";
