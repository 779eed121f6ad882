import type { RequestHandler } from "express";

/**
 * A micro-cache for public pages as anonymous visitors see them: the same HTML (or Remix data) for
 * everyone, kept a few seconds, so a burst of visitors to a campaign page costs one render. The
 * page's CSP nonce is swapped for the new response's own on every hit, so no two responses share
 * one. Signed-in users, forms and anything that sets a cookie are never cached.
 */
export interface CachedPage {
  status: number;
  headers: [string, string][];
  body: Buffer;
  nonce: string;
  expiresAt: number;
}

/** Public pages whose content does not depend on who asks. */
const publicPath = /^\/(?:$|over$|privacy$|aanbieders(?:\/[\w-]+)?$|zaken\/[\w-]+$|zomer(?:\/[\w-]+){0,3}$|embed\/zomer\/[\w-]+$)/;
/**
 * Headers that belong to one response, not to the page. The body is kept as Remix wrote it, before
 * compression: Content-Encoding (and the length) are decided again for each hit by the compression
 * middleware around the cache, from that request's own Accept-Encoding.
 */
const perResponse = new Set([
  "set-cookie",
  "date",
  "x-request-id",
  "content-security-policy",
  "content-length",
  "content-encoding",
  "connection",
  "keep-alive",
  "transfer-encoding",
]);

export function cacheKey(request: { method: string; path: string; url: string; cookies: string | undefined }): string | null {
  if (request.method !== "GET") return null;
  if (!publicPath.test(request.path)) return null;
  // Kept only when the page Remix routes (from the URL it builds) is the one this key names.
  if (new URL(request.url, "http://koppel.invalid").pathname !== request.path) return null;
  // Only the language cookie may be present: a session or a flash message makes the page personal.
  const cookies = (request.cookies ?? "").split(";").map((c) => c.trim()).filter(Boolean);
  if (cookies.some((c) => !c.startsWith("koppel_lang="))) return null;
  const lang = cookies.find((c) => c.startsWith("koppel_lang=")) ?? "";
  return `${lang}|${request.url}`;
}

export class PageCache {
  private pages = new Map<string, CachedPage>();
  constructor(
    private seconds: number,
    private maxEntries = 500,
  ) {}

  get enabled() {
    return this.seconds > 0;
  }

  /** A fresh copy for this response, its nonce in place of the one it was rendered with. */
  get(key: string, nonce: string, now = Date.now()) {
    const page = this.pages.get(key);
    if (!page) return null;
    if (page.expiresAt <= now) {
      this.pages.delete(key);
      return null;
    }
    const body = page.nonce && nonce ? Buffer.from(page.body.toString("utf8").replaceAll(page.nonce, nonce)) : page.body;
    return { status: page.status, headers: page.headers, body };
  }

  set(key: string, page: { status: number; headers: Record<string, unknown>; body: Buffer; nonce: string }, now = Date.now()) {
    if (page.status !== 200 || page.headers["set-cookie"] !== undefined) return;
    const cacheControl = String(page.headers["cache-control"] ?? "");
    if (/no-store|private/.test(cacheControl)) return;
    if (this.pages.size >= this.maxEntries) this.pages.delete(this.pages.keys().next().value!);
    const headers = Object.entries(page.headers)
      .filter(([name]) => !perResponse.has(name.toLowerCase()))
      .map(([name, value]) => [name, String(value)] as [string, string]);
    this.pages.set(key, { status: page.status, headers, body: page.body, nonce: page.nonce, expiresAt: now + this.seconds * 1000 });
  }
}

/** The cache in front of Remix: a hit is answered here; a miss keeps what Remix writes, uncompressed (compression wraps these calls from outside). */
export function pageCacheMiddleware(pageCache: PageCache): RequestHandler {
  return (req, res, next) => {
    const key = pageCache.enabled ? cacheKey({ method: req.method, path: req.path, url: req.originalUrl, cookies: req.get("cookie") }) : null;
    if (!key) return next();
    const nonce = res.locals.cspNonce as string;
    const hit = pageCache.get(key, nonce);
    if (hit) {
      res.status(hit.status);
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      res.setHeader("X-Page-Cache", "hit");
      res.end(hit.body);
      return;
    }
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk !== undefined && chunk !== null && typeof chunk !== "function") chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      pageCache.set(key, { status: res.statusCode, headers: res.getHeaders(), body: Buffer.concat(chunks), nonce });
      return end(chunk, ...rest);
    }) as typeof res.end;
    next();
  };
}
