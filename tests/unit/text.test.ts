import { describe, expect, it } from "vitest";
import { cleanJson, cleanRequestTarget, withoutControlCharacters } from "~/lib/text";

describe("control characters", () => {
  it("are dropped from text, except tab, line feed and carriage return", () => {
    expect(withoutControlCharacters("a\u0000b\u0007c\u001Fd\u007Fe")).toBe("abcde");
    expect(withoutControlCharacters("regel 1\r\nregel 2\tkolom")).toBe("regel 1\r\nregel 2\tkolom");
    expect(withoutControlCharacters("Café 😀 €")).toBe("Café 😀 €");
  });

  it("are dropped from every string of a JSON value, keys too", () => {
    expect(cleanJson({ "te\u0000xt": ["a\u0000", 1, null, { b: "c\u0001" }], n: 2 })).toEqual({ text: ["a", 1, null, { b: "c" }], n: 2 });
  });

  it("in a query string are dropped; in a path they make the address unusable", () => {
    expect(cleanRequestTarget("/zomer/brugge?q=%00")).toBe("/zomer/brugge?q=");
    expect(cleanRequestTarget("/beheer/audit?actor=%00x&kind=%0D%0Auser")).toBe("/beheer/audit?actor=x&kind=user");
    expect(cleanRequestTarget("/zomer/%00")).toBeNull();
    expect(cleanRequestTarget("/zomer/%0a/x")).toBeNull();
    expect(cleanRequestTarget("/zomer/%E0%A4%A")).toBeNull();
    // What needs no cleaning comes back byte for byte.
    for (const target of ["/aanbieders?q=caf%C3%A9+brugge&service=webshop", "/", "/zomer?x=%20y", "/a?b"]) expect(cleanRequestTarget(target)).toBe(target);
  });
});
