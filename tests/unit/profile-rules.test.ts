import { describe, expect, it } from "vitest";
import { enterpriseCheckDigits, formatEnterpriseNumber, parseEnterpriseNumber } from "~/modules/profiles/enterprise-number";
import { formatIban, parseBic, parseIban } from "~/modules/profiles/iban";
import { parseDayHours } from "~/modules/profiles/opening-hours";
import { WebUrlSchema } from "~/modules/profiles/schemas";
import { isStarter, serviceCodes } from "~/modules/profiles/taxonomy";
import { findVettingTransition, vettingActionsFor } from "~/modules/profiles/vetting";
import { en } from "~/lib/i18n/en";
import { nl } from "~/lib/i18n/nl";

describe("enterprise numbers", () => {
  it.each(["0123456749", "0123.456.749", " BE 0123 456 749 ", "be0123.456.749"])("accepts %j", (input) => {
    expect(parseEnterpriseNumber(input)).toBe("0123456749");
  });
  it.each(["0123456748", "2123456749", "012345674", "01234567490", "abcdefghij", ""])("refuses %j", (input) => {
    expect(parseEnterpriseNumber(input)).toBeNull();
  });
  it("computes the check digits and formats with dots", () => {
    expect(enterpriseCheckDigits("01234567")).toBe("49");
    expect(formatEnterpriseNumber("0123456749")).toBe("0123.456.749");
  });
});

describe("IBAN", () => {
  it("accepts valid Belgian and Dutch IBANs, however they are spaced", () => {
    expect(parseIban("BE68 5390 0754 7034")).toBe("BE68539007547034");
    expect(parseIban("nl91abna0417164300")).toBe("NL91ABNA0417164300");
    expect(formatIban("BE68539007547034")).toBe("BE68 5390 0754 7034");
  });
  it.each(["BE68 5390 0754 7035", "BE68 5390 0754 703", "XX00", "BE6853900754703412", ""])("refuses %j", (input) => {
    expect(parseIban(input)).toBeNull();
  });
  // The example IBANs of SWIFT's IBAN Registry (release 99), one per SEPA country: every SEPA
  // country's length and format, not five countries' lengths.
  it.each(["AT61 1904 3002 3457 3201", "ES91 2100 0418 4502 0005 1332", "IT60 X054 2811 1010 0000 0123 456", "PT50 0002 0123 1234 5678 9015 4", "GB29 NWBK 6016 1331 9268 19", "CH93 0076 2011 6238 5295 7", "FI21 1234 5600 0007 85", "IE29 AIBK 9311 5212 3456 78"])(
    "accepts the IBAN Registry's example %j",
    (input) => expect(parseIban(input)).toBe(input.replace(/ /g, "")),
  );
  // Valid IBANs (the Registry's examples again) of countries outside SEPA: no SEPA transfer reaches them.
  it.each(["BR18 0036 0305 0000 1000 9795 493C 1", "TR33 0006 1005 1978 6457 8413 26", "SA03 8000 0000 6080 1016 7519"])("refuses the non-SEPA account %j", (input) => {
    expect(parseIban(input)).toBeNull();
  });
});

describe("BIC", () => {
  // Belgian banks' own BICs (BNP Paribas Fortis, KBC, Belfius, ING Belgium), as printed on their statements.
  it.each(["GEBABEBB", "KREDBEBB", "GKCCBEBB", "BBRUBEBB", "gebabebb36a"])("accepts %j", (input) => expect(parseBic(input)).toBe(input.toUpperCase()));
  it.each(["1EBABEBB", "GEBAXXBB", "GEBABE", "GEBABEBB3"])("refuses %j", (input) => expect(parseBic(input)).toBeNull());
});

describe("starter badge", () => {
  it("counts a company founded today in Brussels, in the hour after midnight there (still yesterday in UTC)", () => {
    expect(isStarter("2026-12-05", new Date("2026-12-04T23:30:00Z"), 5)).toBe(true);
    expect(isStarter("2026-12-06", new Date("2026-12-04T23:30:00Z"), 5)).toBe(false);
  });
  const today = new Date("2026-11-28T12:00:00Z");
  it("goes to companies founded at most five years ago", () => {
    expect(isStarter("2021-11-28", today, 5)).toBe(true);
    expect(isStarter("2021-11-27", today, 5)).toBe(false);
    expect(isStarter("2026-01-01", today, 5)).toBe(true);
    expect(isStarter("2027-01-01", today, 5)).toBe(false); // a date in the future is no founding date
  });
  it("follows the setting", () => expect(isStarter("2019-01-01", today, 10)).toBe(true));
});

describe("the service taxonomy", () => {
  it("has a Dutch and an English label for every code", () => {
    for (const code of serviceCodes) {
      expect(nl.services[code], code).toBeTruthy();
      expect(en.services[code], code).toBeTruthy();
    }
  });
});

describe("the vetting table", () => {
  it("offers the admin only the decisions of the current status", () => {
    expect(vettingActionsFor("pending").map((t) => t.action)).toEqual(["approve", "reject"]);
    expect(vettingActionsFor("approved").map((t) => t.action)).toEqual(["suspend"]);
    expect(vettingActionsFor("suspended").map((t) => t.action)).toEqual(["approve"]);
    expect(vettingActionsFor("rejected")).toEqual([]);
  });
  it("asks a reason to reject or suspend", () => {
    expect(findVettingTransition("pending", "reject")?.needsReason).toBe(true);
    expect(findVettingTransition("approved", "approve")).toBeNull();
  });
});

describe("opening hours as shopkeepers write them", () => {
  it.each([
    ["09:00-12:30, 13:30-18:00", [["09:00", "12:30"], ["13:30", "18:00"]]],
    ["9u-18u", [["09:00", "18:00"]]],
    ["9u30 - 12u, 13u30 - 18u", [["09:30", "12:00"], ["13:30", "18:00"]]],
    ["9:00–18:00", [["09:00", "18:00"]]],
    ["9.00 tot 18.00", [["09:00", "18:00"]]],
    ["9-12 en 14-18", [["09:00", "12:00"], ["14:00", "18:00"]]],
    ["10h-17h", [["10:00", "17:00"]]],
    ["", []],
  ])("reads %j", (text, ranges) => {
    expect(parseDayHours(text)).toEqual(ranges.map(([open, close]) => ({ open, close })));
  });

  it.each(["18u-9u", "25u-26u", "9u60-10u", "de hele dag", "9-", "9u-12u-14u"])("refuses %j", (text) => {
    expect(parseDayHours(text)).toBeNull();
  });
});

describe("web addresses", () => {
  it.each([
    ["facebook.com/bakkerijjanssens", "https://facebook.com/bakkerijjanssens"],
    ["www.fietsenvandenbroucke.be", "https://www.fietsenvandenbroucke.be"],
    ["instagram.com/zaak?hl=nl", "https://instagram.com/zaak?hl=nl"],
    ["http://zaak.be", "http://zaak.be"],
    ["https://zaak.be/winkel", "https://zaak.be/winkel"],
  ])("takes %j as %j", (input, url) => {
    expect(WebUrlSchema.parse(input)).toBe(url);
  });

  it.each([
    ["javascript:alert(1)", "errors.urlScheme"],
    ["data:text/html,<b>x</b>", "errors.urlScheme"],
    ["ftp://zaak.be", "errors.urlScheme"],
    ["geen adres", "errors.url"],
  ])("refuses %j", (input, message) => {
    const result = WebUrlSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe(message);
  });
});
