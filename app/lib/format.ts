import { intlLocale, type Locale } from "./i18n";

export const timeZone = "Europe/Brussels";

/** Money is integer cents everywhere; only this turns it into text. */
export function formatMoney(amountCents: number, locale: Locale) {
  return new Intl.NumberFormat(intlLocale[locale], { style: "currency", currency: "EUR" }).format(amountCents / 100);
}

export function formatDate(value: Date | string, locale: Locale, options: Intl.DateTimeFormatOptions = { dateStyle: "long" }) {
  return new Intl.DateTimeFormat(intlLocale[locale], { timeZone, ...options }).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: Locale) {
  return formatDate(value, locale, { dateStyle: "medium", timeStyle: "short" });
}

export function formatNumber(value: number, locale: Locale) {
  return new Intl.NumberFormat(intlLocale[locale]).format(value);
}

/** Today's date in Belgium as YYYY-MM-DD: a campaign day starts at midnight in Brussels, not in UTC. */
export function belgianDate(at: Date = new Date()) {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
