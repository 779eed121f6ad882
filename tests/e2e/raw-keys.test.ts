import { beforeAll, describe, expect, it } from "vitest";
import { resources } from "~/lib/i18n";
import { baseUrl, demoAccounts, demoSessionCookies, nextClientIp } from "../support/browser";

/*
 * Every page a visitor and each demo role can reach by following links from their home page, read
 * as the server sends it: no visible text may be a translation key
 * (`requests.bands.1000_2500`, `provider.conflicts`), and no page may fail.
 */

const namespaces = Object.keys(resources.nl.translation);
/** A key path of one of our namespaces standing in the text: `requests.bands.x`, `provider.conflicts`. */
const keyLike = new RegExp(`(?<![\\w@/.-])(?:${namespaces.join("|")})\\.[A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*(?![\\w@/-])`, "g");

type Role = "anonymous" | keyof typeof demoAccounts;
const roles: Role[] = ["anonymous", ...(Object.keys(demoAccounts) as (keyof typeof demoAccounts)[])];
const homes: Record<Role, string> = { anonymous: "/", admin: "/beheer", municipality: "/gemeente", retailer: "/ondernemer", provider: "/aanbieder" };
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

/** Same-site links worth following: pages, not files, logouts or language switches. */
function links(html: string) {
  return [...html.matchAll(/<a\s[^>]*href="(\/[^"#?]*)(?:\?[^"#]*)?(?:#[^"]*)?"/g)]
    .map((m) => m[1])
    .filter((href) => !/\.(csv|json|xml|txt|webp|svg|ico|pdf)$/.test(href) && !href.startsWith("/uploads/") && !href.startsWith("/build/") && href !== "/uitloggen");
}

async function crawl(role: Role, language: "nl" | "en", limit = 80) {
  const seen = new Set<string>();
  const queue = [homes[role]];
  const problems: string[] = [];
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await fetch(`${baseUrl()}${path}`, { redirect: "manual", headers: { Cookie: [cookies[role], `koppel_lang=${language}`].filter(Boolean).join("; "), "X-Forwarded-For": nextClientIp() } });
    const html = await response.text();
    if (response.status >= 500) problems.push(`${role} ${language} ${path}: ${response.status}`);
    if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) continue;
    for (const key of visibleText(html).match(keyLike) ?? []) problems.push(`${role} ${language} ${path}: "${key}"`);
    for (const next of links(html)) if (!seen.has(next)) queue.push(next);
  }
  return { pages: seen.size, problems };
}

describe("every page as its people see it", () => {
  it("finds a key-like text when there is one (the check itself)", () => {
    expect(visibleText("<p>requests.bands.1000_2500</p><script>var x = 'errors.required'</script>").match(keyLike)).toEqual(["requests.bands.1000_2500"]);
    expect(visibleText("<p>admin@demo.koppel.test, koppel.test/over, 1.250,00</p>").match(keyLike)).toBeNull();
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
