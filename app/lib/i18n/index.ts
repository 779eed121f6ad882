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

/**
 * The instance's `getFixedT` (what react-i18next's `useTranslation` hands components), remembering
 * each text asked for by key alone: the resources never change, so `t("nav.home")` is the same
 * string on every request, and i18next's own lookup (options merged, key parsed, fallbacks
 * resolved) was a tenth of the time a page took to render. Calls with options (interpolation,
 * plurals, another language or prefix) go to i18next as before. Why and until when: docs/decisions.
 */
export function rememberPlainTexts(instance: i18n, locale: Locale) {
  const texts = new Map<string, string>();
  const getFixedT = instance.getFixedT.bind(instance);
  instance.getFixedT = ((lng: unknown, ns: unknown, keyPrefix: unknown, ...more: unknown[]) => {
    type Fixed = ((...args: unknown[]) => unknown) & Record<"lng" | "lngs" | "ns" | "keyPrefix", unknown>;
    const fixed = (getFixedT as unknown as (...args: unknown[]) => Fixed)(lng, ns, keyPrefix, ...more);
    const plain = (lng == null || lng === locale) && (ns == null || ns === "translation") && keyPrefix == null;
    if (!plain) return fixed;
    const remembering = (key: unknown, ...rest: unknown[]) => {
      if (typeof key !== "string" || rest.length > 0) return fixed(key, ...rest);
      let text = texts.get(key);
      if (text === undefined) {
        const translated = fixed(key);
        // Only keys the resources hold are kept, so the map can never outgrow them, whatever keys a
        // request makes up (a missing key comes back as itself, and is asked of i18next each time).
        if (typeof translated !== "string" || !instance.exists(key)) return translated;
        texts.set(key, (text = translated));
      }
      return text;
    };
    return Object.assign(remembering, { lng: fixed.lng, lngs: fixed.lngs, ns: fixed.ns, keyPrefix: fixed.keyPrefix });
  }) as unknown as i18n["getFixedT"];
  return { remembered: () => texts.size };
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
    rememberPlainTexts(instance, locale);
    instances.set(locale, instance);
  }
  return instance;
}

/** A translator for server code that is not rendering (mail, API errors). */
export function translator(locale: Locale): TFunction {
  return i18nFor(locale).t;
}
