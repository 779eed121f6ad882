import { beforeAll, describe, expect, it } from "vitest";
import { resources } from "~/lib/i18n";
import { crawl as crawlPages, demoSessionCookies, roles, type Role } from "../support/crawl";

/*
 * Every page a visitor and each demo role can reach by following links from their home page, read
 * as the server sends it: no visible text may be a translation key
 * (`requests.bands.1000_2500`, `provider.conflicts`) or a placeholder left unfilled
 * (`{{provider}} werkt het advies uit`), and no page may fail.
 */

const namespaces = Object.keys(resources.nl.translation);
/** A key path of one of our namespaces standing in the text: `requests.bands.x`, `provider.conflicts`. */
const keyLike = new RegExp(`(?<![\\w@/.-])(?:${namespaces.join("|")})\\.[A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*(?![\\w@/-])`, "g");

/** An i18next placeholder the page forgot to fill: `{{provider}}`. */
const unfilled = /\{\{\s*[\w.]+\s*\}\}/g;

let cookies: Record<Role, string>;

beforeAll(async () => {
  cookies = await demoSessionCookies();
});

/** The text a person sees: no scripts, styles or tags; the entities we use decoded. */
function visibleText(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, " ")
    .replace(/<style[\s\S]*?<\/style>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;|&#160;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&[a-z]+;|&#\d+;/g, " ");
}

async function crawl(role: Role, language: "nl" | "en") {
  const problems: string[] = [];
  const pages = await crawlPages(role, cookies[role], { language });
  for (const page of pages) {
    if (page.status >= 500) problems.push(`${role} ${language} ${page.path}: ${page.status}`);
    if (!page.contentType.startsWith("text/html")) continue;
    const text = visibleText(page.html);
    for (const key of text.match(keyLike) ?? []) problems.push(`${role} ${language} ${page.path}: "${key}"`);
    for (const placeholder of text.match(unfilled) ?? []) problems.push(`${role} ${language} ${page.path}: "${placeholder}"`);
  }
  return { pages: pages.length, problems };
}

describe("every page as its people see it", () => {
  it("finds a key-like text when there is one (the check itself)", () => {
    expect(visibleText("<p>requests.bands.1000_2500</p><script>var x = 'errors.required'</script>").match(keyLike)).toEqual(["requests.bands.1000_2500"]);
    expect(visibleText("<p>admin@demo.koppel.test, koppel.test/over, 1.250,00</p>").match(keyLike)).toBeNull();
    expect(visibleText("<p>{{provider}} werkt het advies uit.</p>").match(unfilled)).toEqual(["{{provider}}"]);
  });

  // A signed-in user reads their account's language (changing it here would change it for the other
  // tests' demo accounts): visitors are read in both languages, the roles in Dutch.
  it.each(roles)("shows %s no translation keys", async (role) => {
    const problems: string[] = [];
    for (const language of role === "anonymous" ? (["nl", "en"] as const) : (["nl"] as const)) {
      const { pages, problems: found } = await crawl(role, language);
      expect(pages, `${role} ${language}: pages reached`).toBeGreaterThan(role === "anonymous" ? 5 : 3);
      problems.push(...found);
    }
    expect(problems).toEqual([]);
  });
});
