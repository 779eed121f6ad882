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

/**
 * Whether `text` is a day that exists, written YYYY-MM-DD, in the years a programme can concern.
 * Date.parse alone is not enough: it turns 2026-02-30 into 2 March, and PostgreSQL refuses it.
 */
export function isCalendarDate(text: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date in Belgium as YYYY-MM-DD: a campaign day starts at midnight in Brussels, not in UTC. */
export function belgianDate(at: Date = new Date()) {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
