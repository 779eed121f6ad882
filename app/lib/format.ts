import { timeZone } from "./dates";
import { intlLocale, type Locale } from "./i18n";

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

