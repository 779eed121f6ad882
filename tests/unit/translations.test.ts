import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createI18n, resources } from "~/lib/i18n";

/** Every key path of a resource tree, as `a.b.c`. */
function keyPaths(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (value && typeof value === "object" ? keyPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

describe("the translations", () => {
  it("have the same keys in Dutch and in English", () => {
    const nl = keyPaths(resources.nl.translation);
    const en = new Set(keyPaths(resources.en.translation));
    expect(nl.filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !nl.includes(k))).toEqual([]);
  });

  it("answer every key with text, never the key itself (a key like 1000_2500 is not a number)", () => {
    for (const locale of ["nl", "en"] as const) {
      const t = createI18n(locale).t;
      const raw = keyPaths(resources[locale].translation).filter((key) => t(key, { count: 1 }) === key);
      expect(raw, locale).toEqual([]);
    }
    expect(createI18n("nl").t("requests.bands.1000_2500")).toBe("€ 1.000 – € 2.500");
  });

  it("have every key the code asks for by name", () => {
    const files = fs.readdirSync("app", { recursive: true, encoding: "utf8" }).filter((f) => /\.(tsx?)$/.test(f) && !f.startsWith(`lib${path.sep}i18n`));
    const asked = new Set<string>();
    for (const file of files) {
      const source = fs.readFileSync(path.join("app", file), "utf8");
      for (const match of source.matchAll(/\bt\(\s*"([a-zA-Z][\w]*(?:\.[\w]+)+)"/g)) asked.add(match[1]);
    }
    expect(asked.size).toBeGreaterThan(300);
    const t = createI18n("nl").t;
    expect([...asked].filter((key) => t(key, { count: 1 }) === key).sort()).toEqual([]);
  });
});

describe("engagement e-mails", () => {
  it("have a subject of their own for every notice sent by e-mail, naming the business", () => {
    // Nested keys flattened ("to.intake"): each step of the engagement has its notice and subject.
    const flat = (texts: object, prefix = ""): [string, string][] =>
      Object.entries(texts).flatMap(([key, value]) => (typeof value === "string" ? [[prefix + key, value] as [string, string]] : flat(value, `${prefix}${key}.`)));
    for (const { translation: texts } of [resources.nl, resources.en]) {
      const notices = flat(texts.engagements.notice).map(([key]) => key).filter((key) => key !== "redoQuickscan");
      const subjects = Object.fromEntries(flat(texts.engagements.subjects));
      expect(Object.keys(subjects).sort()).toEqual(notices.sort());
      for (const key of notices) expect(subjects[key], key).toContain("{{business}}");
    }
  });
});
