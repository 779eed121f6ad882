import { describe, expect, it } from "vitest";
import { addDays, addYears, belgianDate, belgianDateTime, isBelgianBankingDay, nextBelgianBankingDay } from "~/lib/dates";

describe("Brussels calendar dates", () => {
  it.each([
    // Summer (CEST, UTC+2): 23:30 is 21:30 UTC, 00:30 is 22:30 UTC the day before.
    ["2026-07-14T21:30:00Z", "2026-07-14"],
    ["2026-07-14T22:30:00Z", "2026-07-15"],
    // Winter (CET, UTC+1): 23:30 is 22:30 UTC, 00:30 is 23:30 UTC the day before.
    ["2026-01-14T22:30:00Z", "2026-01-14"],
    ["2026-01-14T23:30:00Z", "2026-01-15"],
    // The nights the clocks change.
    ["2026-03-28T23:30:00Z", "2026-03-29"],
    ["2026-10-24T22:30:00Z", "2026-10-25"],
  ])("%s is %s in Brussels", (instant, date) => expect(belgianDate(new Date(instant))).toBe(date));

  it("adds calendar days and years, whatever the clocks and leap years do", () => {
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-10-24", 14)).toBe("2026-11-07");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addYears("2028-02-29", -5)).toBe("2023-02-28");
    expect(addYears("2026-12-02", -5)).toBe("2021-12-02");
  });

  it("writes SEPA's creation time in Brussels time", () => {
    expect(belgianDateTime(new Date("2026-07-14T22:30:05Z"))).toBe("2026-07-15T00:30:05");
    expect(belgianDateTime(new Date("2026-01-14T23:30:05Z"))).toBe("2026-01-15T00:30:05");
  });
});

describe("Belgian banking days", () => {
  it("skip weekends, the TARGET2 closing days and the Belgian legal holidays", () => {
    // Easter 2027 is 28 March.
    const closed = ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17", "2027-07-21", "2027-11-01", "2027-11-11", "2027-12-25", "2027-12-26"];
    expect(closed.filter(isBelgianBankingDay)).toEqual([]);
    expect(isBelgianBankingDay("2027-03-25")).toBe(true);
    expect(isBelgianBankingDay("2026-12-19")).toBe(false);
    expect(nextBelgianBankingDay("2026-12-24")).toBe("2026-12-24");
    expect(nextBelgianBankingDay("2026-12-25")).toBe("2026-12-28");
    expect(nextBelgianBankingDay("2027-03-26")).toBe("2027-03-30");
    expect(nextBelgianBankingDay("2026-08-15")).toBe("2026-08-17");
  });
});

describe("banking days after a due date (issue 21, item 5)", () => {
  it("skips weekends, TARGET2 closing days and Belgian holidays, counted by hand on a 2026 calendar", async () => {
    const { addBelgianBankingDays } = await import("~/lib/dates");
    // Thursday 24 December 2026; Friday 25 (Christmas) and the weekend are not banking days.
    expect(addBelgianBankingDays("2026-12-24", 0)).toBe("2026-12-24");
    expect(addBelgianBankingDays("2026-12-24", 1)).toBe("2026-12-28");
    expect(addBelgianBankingDays("2026-12-24", 3)).toBe("2026-12-30");
    // Thursday 31 December + 1: Friday 1 January 2027 is New Year's Day, so Monday 4 January.
    expect(addBelgianBankingDays("2026-12-31", 1)).toBe("2027-01-04");
    // A due date on a Sunday counts from the Monday after it.
    expect(addBelgianBankingDays("2026-12-06", 0)).toBe("2026-12-07");
  });
});

describe("working days to a decision deadline (issue 22, item 5)", () => {
  it("counts Belgian banking days, by hand on the 2026 calendar, and goes negative once past", async () => {
    const { addBelgianBankingDays, bankingDaysBetween } = await import("~/lib/dates");
    // Requested Friday 4 December 2026, ten working days: 7–11 and 14–18 December, so Friday the 18th.
    expect(addBelgianBankingDays("2026-12-04", 10)).toBe("2026-12-18");
    expect(bankingDaysBetween("2026-12-04", "2026-12-18")).toBe(10);
    expect(bankingDaysBetween("2026-12-18", "2026-12-18")).toBe(0);
    // Across Christmas: from Wednesday 23 to Monday 28 December is two (24 and 28; 25 is closed).
    expect(bankingDaysBetween("2026-12-23", "2026-12-28")).toBe(2);
    expect(bankingDaysBetween("2026-12-28", "2026-12-23")).toBe(-2);
  });
});

