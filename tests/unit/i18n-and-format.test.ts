import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { createI18n, i18nFor, rememberPlainTexts, translator } from "~/lib/i18n";
import { en } from "~/lib/i18n/en";
import { nl } from "~/lib/i18n/nl";

function leaves(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe("translations", () => {
  it("have the same keys in Dutch and English, none empty", () => {
    const nlLeaves = leaves(nl);
    const enLeaves = leaves(en);
    expect(enLeaves.map(([k]) => k).sort()).toEqual(nlLeaves.map(([k]) => k).sort());
    expect([...nlLeaves, ...enLeaves].filter(([, v]) => v.trim() === "")).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const enByKey = new Map(leaves(en));
    const mismatched = leaves(nl).filter(([k, v]) => placeholders(v).join() !== placeholders(enByKey.get(k)!).join());
    expect(mismatched).toEqual([]);
  });

  it("speak Dutch by default and interpolate", () => {
    expect(createI18n("nl").t("errors.tooManyAttempts", { minutes: 15 })).toBe("Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.");
    expect(translator("en")("nav.login")).toBe("Log in");
  });
});

describe("the texts components get (useTranslation)", () => {
  it("are i18next's own, remembered for keys asked alone and worked out anew for calls with options", () => {
    for (const locale of ["nl", "en"] as const) {
      const t = i18nFor(locale).getFixedT(null, null, undefined);
      const plain = createI18n(locale).t;
      for (let round = 0; round < 2; round++) {
        expect(t("about.title")).toBe(plain("about.title"));
        expect(t("campaigns.notice.promotionToReviewSubject", { business: "Fietsen Vandenbroucke" })).toBe(plain("campaigns.notice.promotionToReviewSubject", { business: "Fietsen Vandenbroucke" }));
      }
      expect(t("campaigns.notice.promotionToReviewSubject", { business: "Pixelpier" })).toContain("Pixelpier");
    }
    // Another language asked for explicitly is not served from the remembered texts.
    expect(i18nFor("nl").getFixedT("en")("about.title")).toBe(createI18n("en").t("about.title"));
  });
});

describe("ratings", () => {
  it("read as Belgians write them, with the right plural", () => {
    const nl = i18nFor("nl").getFixedT(null, null, undefined);
    expect(nl("matching.reasons.rating", { rating: 4, count: 1 })).toBe("Gemiddeld 4,0 op 5 uit 1 beoordeling.");
    expect(nl("matching.reasons.rating", { rating: 4.333, count: 3 })).toBe("Gemiddeld 4,3 op 5 uit 3 beoordelingen.");
    expect(nl("workspace.averageStars", { rating: 4.25 })).toBe("4,3 op 5");
    expect(i18nFor("en").getFixedT(null, null, undefined)("matching.reasons.rating", { rating: 4, count: 1 })).toBe("Rated 4.0 out of 5 from 1 review.");
  });
});

describe("formatting", () => {
  it("writes money the Belgian way", () => {
    expect(formatMoney(150000, "nl").replace(/\s/g, " ")).toBe("€ 1.500,00");
    expect(formatMoney(123456, "en")).toBe("€1,234.56");
  });

  it("shows dates in Brussels time", () => {
    // 23:30 UTC on 31 December is already New Year in Brussels.
    expect(formatDate("2025-12-31T23:30:00Z", "nl")).toBe("1 januari 2026");
    expect(formatDateTime("2026-07-01T10:00:00Z", "nl")).toMatch(/12:00/); // summer time, UTC+2
  });
});

describe("remembered plain texts", () => {
  it("keeps only keys the resources hold, however many keys requests make up", () => {
    const instance = createI18n("nl");
    const memory = rememberPlainTexts(instance, "nl");
    const t = instance.getFixedT(null, null, undefined) as unknown as (key: string) => string;
    for (let i = 0; i < 1000; i++) expect(t(`errors.madeUp${i}`)).toBe(`errors.madeUp${i}`);
    expect(memory.remembered()).toBe(0);
    expect(t("about.title")).toBe(createI18n("nl").t("about.title"));
    expect(t("about.title")).toBe(createI18n("nl").t("about.title"));
    expect(memory.remembered()).toBe(1);
  });
});
