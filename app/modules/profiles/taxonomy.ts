/** The three sectors the programme serves; the database enum (db/schema/profiles.ts) has the same codes. */
export const sectorCodes = ["retail", "tourism", "hospitality"] as const;

/** The one service taxonomy: codes here, Dutch and English labels under `services.<code>` in i18n. */
export const serviceCodes = [
  "website",
  "webshop",
  "seo_sea",
  "social_media",
  "google_business_profile",
  "online_booking",
  "email_marketing",
  "content_photo_video",
  "online_payments",
  "click_and_collect",
  "pos_integration",
  "reviews_reputation",
  "analytics",
  "cybersecurity_basics",
  "digital_strategy",
] as const;
export type ServiceCode = (typeof serviceCodes)[number];

/** A provider's VAT status: VAT-registered, or the small-enterprise exemption (no VAT charged). */
export const vatStatuses = ["registered", "small_enterprise"] as const;
export type VatStatus = (typeof vatStatuses)[number];

/** The billing mandate's text version (its words: i18n provider.billingMandate, docs/decisions/004-invoicing.md). */
export const billingMandateVersion = "2026-12";

export const languageCodes = ["nl", "fr", "en", "de"] as const;
export type LanguageCode = (typeof languageCodes)[number];

export const employeeBands = ["0", "1-4", "5-9", "10-19", "20-49", "50+"] as const;

/** Channels of a business's current digital presence; those with `url` take a public link. */
export const presenceChannels = [
  { code: "website", url: true },
  { code: "webshop", url: true },
  { code: "facebook", url: true },
  { code: "instagram", url: true },
  { code: "google_business_profile", url: true },
  { code: "booking_platform", url: true },
  { code: "pos", url: false },
  { code: "online_payments", url: false },
] as const;
export type PresenceChannel = (typeof presenceChannels)[number]["code"];

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

/** The earliest founding date (YYYY-MM-DD) that still counts as a starter today; the age limit is the office's setting. */
export function starterSince(today: Date, maxAgeYears: number) {
  return addYears(belgianDate(today), -maxAgeYears);
}

/** A starter: founded at most `maxAgeYears` ago, and not later than today, both as Brussels calendar days. */
export function isStarter(foundedOn: string, today: Date, maxAgeYears: number) {
  return foundedOn >= starterSince(today, maxAgeYears) && foundedOn <= belgianDate(today);
}import { addYears, belgianDate } from "~/lib/dates";

