import { describe, expect, it } from "vitest";
import { isCommonPassword } from "~/modules/auth/common-passwords";
import { NewPasswordSchema, RegisterSchema, safeRedirect } from "~/modules/auth/schemas";

describe("isCommonPassword", () => {
  it.each(["password1234", "Wachtwoord123", "  QWERTYUIOP123 ", "aaaaaaaaaaaa", "abcabcabcabc", "234567890123", "zyxwvutsrqpo"])(
    "refuses %j",
    (p) => expect(isCommonPassword(p)).toBe(true),
  );
  it.each(["Zeedijk-Wandeling-2026", "fietsen langs de Leie", "Koppel-demo-2026"])("accepts %j", (p) =>
    expect(isCommonPassword(p)).toBe(false),
  );
});

describe("NewPasswordSchema", () => {
  const issues = (p: unknown) => {
    const r = NewPasswordSchema.safeParse(p);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  it("needs at least 12 characters and at most 200", () => {
    expect(issues("kort-maar")).toEqual(["errors.passwordTooShort"]);
    expect(issues("x".repeat(201))).toContain("errors.passwordTooLong");
    expect(issues("precies-12-t")).toEqual([]);
  });
  it("refuses common passwords", () => expect(issues("password1234")).toEqual(["errors.passwordCommon"]));
  it("refuses a missing value with the required message", () => expect(issues(undefined)).toEqual(["errors.required"]));
});

describe("RegisterSchema", () => {
  it("normalises the e-mail address", () => {
    const r = RegisterSchema.parse({ name: " Els ", email: "  Els@Voorbeeld.BE ", password: "Zeedijk-Wandeling-2026", role: "retailer" });
    expect(r).toMatchObject({ name: "Els", email: "els@voorbeeld.be" });
  });
  it("lets no one register as admin or municipality", () => {
    for (const role of ["admin", "municipality", ""]) {
      const r = RegisterSchema.safeParse({ name: "X", email: "x@voorbeeld.be", password: "Zeedijk-Wandeling-2026", role });
      expect(r.success).toBe(false);
    }
  });
  it("refuses markup in a name", () => {
    const r = RegisterSchema.safeParse({ name: "<b>X</b>", email: "x@voorbeeld.be", password: "Zeedijk-Wandeling-2026", role: "retailer" });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(["errors.noHtml"]);
  });
});

describe("safeRedirect", () => {
  it.each([
    ["/ondernemer", "/ondernemer"],
    ["/beheer?x=1", "/beheer?x=1"],
    ["//evil.example", "/"],
    ["https://evil.example", "/"],
    ["/\\evil.example", "/"],
    // Browsers strip tabs and newlines from a URL: each of these would become //evil.example.
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["/\u0000/evil.example", "/"],
    ["/\u007f/evil.example", "/"],
    ["/\\/evil.example", "/"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/./evil.example", "/evil.example"],
    ["/../..//evil.example", "/"],
    ["/zomer/brugge#kaart", "/zomer/brugge#kaart"],
    ["ondernemer", "/"],
    ["", "/"],
    [null, "/"],
  ])("%j → %j", (input, expected) => expect(safeRedirect(input)).toBe(expected));
});
