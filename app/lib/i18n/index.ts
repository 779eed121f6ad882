import i18next, { type i18n, type TFunction } from "i18next";
import { en } from "./en";
import { nl } from "./nl";

export const supportedLocales = ["nl", "en"] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = "nl";

/** BCP 47 tags for Intl: Dutch as spoken in Belgium. */
export const intlLocale: Record<Locale, string> = { nl: "nl-BE", en: "en-GB" };

export const resources = { nl: { translation: nl }, en: { translation: en } } as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

/** A ready i18next instance; resources are bundled, so initialisation is synchronous. */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: defaultLocale,
    supportedLngs: supportedLocales,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}

const instances = new Map<Locale, i18n>();
/**
 * One i18next instance per language, made once: the resources never change while the process runs,
 * and building an instance per request was the largest cost of rendering a page.
 */
export function i18nFor(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    instances.set(locale, instance);
  }
  return instance;
}

/** A translator for server code that is not rendering (mail, API errors). */
export function translator(locale: Locale): TFunction {
  return i18nFor(locale).t;
}
