import { baseUrl, demoAccounts, demoSessionCookies, nextClientIp } from "./browser";

/*
 * The pages each kind of person reaches by following links from their home page, as the server sends
 * them. The raw-key check reads their text; the layout check opens them in Chromium.
 */
export type Role = "anonymous" | keyof typeof demoAccounts;
export const roles: Role[] = ["anonymous", ...(Object.keys(demoAccounts) as (keyof typeof demoAccounts)[])];
export const homes: Record<Role, string> = {
  anonymous: "/",
  admin: "/beheer",
  municipality: "/gemeente",
  retailer: "/ondernemer",
  provider: "/aanbieder",
  retailerComparingBids: "/ondernemer",
  retailerInEngagement: "/ondernemer",
  providerInEngagement: "/aanbieder",
  retailerPaying: "/ondernemer",
  providerPaid: "/aanbieder",
};

export { demoSessionCookies };

/** Same-site links worth following: pages, not files, logouts or language switches. */
export function links(html: string) {
  return [...html.matchAll(/<a\s[^>]*href="(\/[^"#?]*)(?:\?[^"#]*)?(?:#[^"]*)?"/g)]
    .map((m) => m[1])
    .filter((href) => !/\.(csv|json|xml|txt|webp|svg|ico|pdf)$/.test(href) && !href.startsWith("/uploads/") && !href.startsWith("/build/") && href !== "/uitloggen");
}

export interface CrawledPage {
  path: string;
  status: number;
  contentType: string;
  html: string;
}

/** Pages that differ only in a slug or an id share a shape: twenty provider pages look alike. */
function shapeOf(path: string) {
  return path
    .replace(/^\/(embed\/zomer|aanbieders|zaken|zomer)\/[^/]+/, "/$1/:slug")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<=\/)\d+(?=\/|$)/g, ":id");
}

/** Breadth-first from the role's home page: at most `limit` pages, and `perShape` of each shape. */
export async function crawl(role: Role, cookie: string, { language = "nl", limit = 80, perShape = Infinity }: { language?: "nl" | "en"; limit?: number; perShape?: number } = {}) {
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue = [homes[role]];
  const pages: CrawledPage[] = [];
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const shape = shapeOf(path);
    if ((shapes.get(shape) ?? 0) >= perShape) continue;
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    seen.add(path);
    const response = await fetch(`${baseUrl()}${path}`, { redirect: "manual", headers: { Cookie: [cookie, `koppel_lang=${language}`].filter(Boolean).join("; "), "X-Forwarded-For": nextClientIp() } });
    const page = { path, status: response.status, contentType: response.headers.get("content-type") ?? "", html: await response.text() };
    pages.push(page);
    if (!page.contentType.startsWith("text/html")) continue;
    for (const next of links(page.html)) if (!seen.has(next)) queue.push(next);
  }
  return pages;
}
