import { timeZone } from "./dates";
import { intlLocale, type Locale } from "./i18n";

/*
 * Intl formatters are made once per language and options and kept: building one costs far more
 * than formatting with it (a campaign page with its promotion dates spent an eighth of its time
 * building them).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: "number" | "date", locale: Locale, options: object, make: () => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let made = formatters.get(key) as T | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}

/** Money is integer cents everywhere; only this turns it into text. */
export function formatMoney(amountCents: number, locale: Locale) {
  const options = { style: "currency", currency: "EUR" } as const;
  return formatter("number", locale, options, () => new Intl.NumberFormat(intlLocale[locale], options)).format(amountCents / 100);
}

export function formatDate(value: Date | string, locale: Locale, options: Intl.DateTimeFormatOptions = { dateStyle: "long" }) {
  return formatter("date", locale, options, () => new Intl.DateTimeFormat(intlLocale[locale], { timeZone, ...options })).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: Locale) {
  return formatDate(value, locale, { dateStyle: "medium", timeStyle: "short" });
}

export function formatNumber(value: number, locale: Locale) {
  return formatter("number", locale, {}, () => new Intl.NumberFormat(intlLocale[locale])).format(value);
}

