/**
 * What the HTTP server checks of a request before anything reads it: the host it was sent to, the
 * method, the request target and the cookies. Pure, so each rule is unit-tested.
 */

/** `hostname[:port]` as a Host header carries it (a DNS name, IPv4, or [IPv6]; a port 1–65535), lower-cased; null for anything else. */
export function parseHost(value: string | undefined | null): string | null {
  if (!value) return null;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::(\d{1,5}))?$/i.exec(value);
  if (!match) return null;
  if (match[2] !== undefined && (Number(match[2]) < 1 || Number(match[2]) > 65535)) return null;
  return value.toLowerCase();
}

/**
 * The hosts Koppel answers to: APP_URL's, those in ALLOWED_HOSTS, and this machine's own names at
 * the port it listens on (a proxy's health check, a developer's browser). A name an attacker
 * controls (DNS rebinding onto a developer's server) is in none of them.
 */
export function allowedHosts(appUrl: string, extra: string[], port: number): Set<string> {
  const hosts = new Set([new URL(appUrl).host.toLowerCase(), `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
  for (const host of extra) {
    const parsed = parseHost(host.trim());
    if (parsed) hosts.add(parsed);
  }
  return hosts;
}

/** The methods a page, a form or the API uses. Others (TRACE, CONNECT…) get a 405. */
export const allowedMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * A request target in origin form (`/path?query`). An absolute-form target (`http://host/path`,
 * which HTTP/1.1 servers must accept) becomes its path when its host is one of ours; null when it
 * is not, or when the target is neither.
 */
export function originFormTarget(target: string, hosts: Set<string>): string | null {
  if (target.startsWith("/") && !target.startsWith("//")) return target;
  if (!/^https?:\/\//i.test(target)) return null;
  try {
    const url = new URL(target);
    return hosts.has(url.host.toLowerCase()) ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}

/**
 * The Cookie header without the pairs no cookie parser can decode (`other=%`): one stray cookie
 * from another app on the same domain must not break every page for that browser.
 */
export function decodableCookies(header: string): string {
  return header
    .split(";")
    .filter((pair) => {
      const value = pair.slice(pair.indexOf("=") + 1);
      try {
        decodeURIComponent(value);
        decodeURIComponent(pair.slice(0, pair.indexOf("=") + 1 || undefined));
        return true;
      } catch {
        return false;
      }
    })
    .join(";");
}
