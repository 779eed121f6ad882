import { describe, expect, it } from "vitest";
import { countFormEntries } from "~/lib/forms.server";
import { allowedHosts, decodableCookies, originFormTarget, parseHost } from "~/lib/request-guard";
import { expectedOrigin, isSameOrigin } from "~/modules/auth/origin";

/*
 * The requests of the outside probe (issue 20), each answered before Remix or the page cache sees
 * it. Expected values are the HTTP grammar (RFC 9110 §7.2 Host = uri-host [ ":" port ], RFC 9112
 * §3.2.2 absolute-form) and the probe's reproductions.
 */
describe("the Host header", () => {
  it("is a name or address with an optional port 1–65535, nothing else", () => {
    expect(parseHost("koppel.be")).toBe("koppel.be");
    expect(parseHost("Koppel.BE:443")).toBe("koppel.be:443");
    expect(parseHost("127.0.0.1:3000")).toBe("127.0.0.1:3000");
    expect(parseHost("[::1]:3000")).toBe("[::1]:3000");
    for (const junk of ["x/robots.txt#", "x/aanbieders?q=Koppel+is+gesloten#", "koppel.be:65536", "koppel.be:0", "koppel.be:", "a b", "", "koppel.be@evil.example", "-koppel.be", undefined]) {
      expect(parseHost(junk), String(junk)).toBeNull();
    }
  });

  it("must be APP_URL's, an extra allowed one, or this machine's own at our port", () => {
    const hosts = allowedHosts("https://koppel.wvl.be", ["www.koppel.wvl.be", "not a host"], 3000);
    expect([...hosts].sort()).toEqual(["127.0.0.1:3000", "[::1]:3000", "koppel.wvl.be", "localhost:3000", "www.koppel.wvl.be"]);
    // DNS rebinding: the attacker's name resolving to 127.0.0.1 still carries the attacker's name.
    expect(hosts.has("rebind.evil.example:3000")).toBe(false);
    expect(hosts.has("localhost:3001")).toBe(false);
  });
});

describe("the request target", () => {
  const hosts = allowedHosts("http://localhost:3000", [], 3000);
  it("keeps origin form, turns an absolute form for our host into its path, refuses the rest", () => {
    expect(originFormTarget("/zomer?x=1", hosts)).toBe("/zomer?x=1");
    expect(originFormTarget("http://localhost:3000/zomer?x=1", hosts)).toBe("/zomer?x=1");
    expect(originFormTarget("http://evil.example/zomer", hosts)).toBeNull();
    expect(originFormTarget("//evil.example/zomer", hosts)).toBeNull();
    expect(originFormTarget("*", hosts)).toBeNull();
  });
});

describe("cookies", () => {
  it("drops only the pairs no parser can decode", () => {
    expect(decodableCookies("other=%; koppel_lang=ImVuIg%3D%3D")).toBe(" koppel_lang=ImVuIg%3D%3D");
    expect(decodableCookies("a=1; b=%E0%A4%A; c=3")).toBe("a=1; c=3");
    expect(decodableCookies("koppel_session=abc")).toBe("koppel_session=abc");
  });
});

describe("the Origin of a form post", () => {
  it("must match scheme, host and port; APP_URL's host expects APP_URL's scheme behind a TLS proxy", () => {
    expect(isSameOrigin("https://koppel.wvl.be", expectedOrigin("https://koppel.wvl.be", "koppel.wvl.be", "http"))).toBe(true);
    expect(isSameOrigin("http://koppel.wvl.be", expectedOrigin("https://koppel.wvl.be", "koppel.wvl.be", "http"))).toBe(false);
    expect(isSameOrigin("http://localhost:3000", expectedOrigin("https://koppel.wvl.be", "localhost:3000", "http"))).toBe(true);
    expect(isSameOrigin("https://localhost:3000", expectedOrigin("https://koppel.wvl.be", "localhost:3000", "http"))).toBe(false);
    expect(isSameOrigin("null", expectedOrigin("http://localhost:3000", "localhost:3000", "http"))).toBe(false);
  });
});

describe("counting a form's entries before parsing it", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it("counts URL-encoded pairs and multipart parts as a parser would find them", () => {
    expect(countFormEntries("application/x-www-form-urlencoded", bytes(""))).toBe(0);
    expect(countFormEntries("application/x-www-form-urlencoded", bytes("a=1"))).toBe(1);
    expect(countFormEntries("application/x-www-form-urlencoded", bytes("f=1&".repeat(40_000)))).toBeGreaterThan(40_000);
    const form = new FormData();
    for (let i = 0; i < 7; i++) form.append(`f${i}`, String(i));
    const request = new Request("http://localhost/", { method: "POST", body: form });
    return request.arrayBuffer().then((body) => expect(countFormEntries(request.headers.get("Content-Type")!, new Uint8Array(body))).toBe(7));
  });
});
