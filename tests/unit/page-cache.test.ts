import { describe, expect, it } from "vitest";
import { cacheKey, PageCache } from "~/lib/page-cache.server";

const get = (path: string, cookies?: string, method = "GET") => cacheKey({ method, path: path.split("?")[0], url: path, cookies });

describe("the public page micro-cache", () => {
  it("keys only anonymous GETs of public pages, by language and full URL", () => {
    expect(get("/zomer/brugge")).toBe("|/zomer/brugge");
    expect(get("/aanbieders?q=webshop", "koppel_lang=en")).toBe("koppel_lang=en|/aanbieders?q=webshop");
    expect(get("/zomer/brugge/zaak/affiche")).toBe("|/zomer/brugge/zaak/affiche");
    expect(get("/zomer/brugge", "koppel_session=abc")).toBeNull();
    expect(get("/zomer/brugge", "koppel_lang=nl; koppel_toast=x")).toBeNull();
    expect(get("/zomer/brugge", undefined, "POST")).toBeNull();
    for (const personal of ["/beheer", "/ondernemer", "/account", "/api/v1/me", "/gemeente/zomer", "/inloggen", "/uploads/x.webp"]) expect(get(personal), personal).toBeNull();
  });

  it("gives each hit the new response's nonce and drops per-response headers (the encoding is decided again per request)", () => {
    const cache = new PageCache(10);
    cache.set("k", { status: 200, headers: { "content-type": "text/html", "x-request-id": "a", "content-security-policy": "nonce-OLD", date: "x", "content-encoding": "gzip" }, body: Buffer.from('<script nonce="OLD"></script><script nonce="OLD">'), nonce: "OLD" }, 0);
    const hit = cache.get("k", "NEW", 1000)!;
    expect(hit.body.toString()).toBe('<script nonce="NEW"></script><script nonce="NEW">');
    expect(hit.headers).toEqual([["content-type", "text/html"]]);
    expect(cache.get("k", "NEWER", 2000)!.body.toString()).not.toContain("NEW\"");
  });

  it("keeps a page for its seconds only, and never errors, cookies or private answers", () => {
    const cache = new PageCache(10);
    const page = (status: number, headers: Record<string, unknown> = {}) => ({ status, headers, body: Buffer.from("x"), nonce: "" });
    cache.set("ok", page(200), 0);
    cache.set("error", page(500), 0);
    cache.set("cookie", page(200, { "set-cookie": ["koppel_lang=en"] }), 0);
    cache.set("private", page(200, { "cache-control": "private, no-store" }), 0);
    expect(cache.get("ok", "", 9_999)).not.toBeNull();
    expect(cache.get("ok", "", 10_000)).toBeNull();
    expect(["error", "cookie", "private"].map((k) => cache.get(k, "", 1))).toEqual([null, null, null]);
    expect(new PageCache(0).enabled).toBe(false);
  });

  it("forgets the oldest page when full", () => {
    const cache = new PageCache(10, 2);
    for (const k of ["a", "b", "c"]) cache.set(k, { status: 200, headers: {}, body: Buffer.from(k), nonce: "" }, 0);
    expect(["a", "b", "c"].map((k) => cache.get(k, "", 1)?.body.toString() ?? null)).toEqual([null, "b", "c"]);
  });
});
