import { describe, expect, it } from "vitest";
import { parseEuroAmount } from "~/lib/money";

describe("euro amounts as Belgians write them", () => {
  it.each([
    ["2.130,00", 213_000],
    ["2130,00", 213_000],
    ["2130.00", 213_000],
    ["€ 2.130,00", 213_000],
    ["2.130,00 EUR", 213_000],
    ["2 130,00", 213_000],
    ["2\u00A0130,00", 213_000],
    ["1.250", 125_000],
    ["1.250,5", 125_050],
    ["1.234.567,89", 123_456_789],
    ["999,99", 99_999],
    ["0,01", 1],
    ["-45,10", -4_510],
    ["45,10-", -4_510],
    ["+325,00", 32_500],
    ["1,234.56", 123_456],
    ["12", 1_200],
  ])("%j is %i cents", (text, cents) => expect(parseEuroAmount(text)).toEqual({ ok: true, cents }));

  it.each([
    ["", "empty"],
    ["  ", "empty"],
    ["abc", "format"],
    ["12,345", "decimals"],
    ["1.23.4", "format"],
    ["1.2345,00", "format"],
    ["12,34,56", "format"],
    ["1 2,00", "format"],
    ["NaN", "format"],
    ["1e3", "format"],
  ])("%j is refused (%s)", (text, reason) => expect(parseEuroAmount(text)).toEqual({ ok: false, reason }));
});

describe("prices in forms", () => {
  it("take Belgian thousands separators: 1.250 is twelve hundred and fifty euros, not one and a quarter", async () => {
    const { BidSchema } = await import("~/modules/marketplace/rules");
    const { HourlyRateSchema } = await import("~/modules/profiles/schemas");
    const bid = (advicePrice: string, implementationPrice: string) =>
      BidSchema.safeParse({ advicePrice, adviceDeliverables: "Plan", adviceDays: "10", implementationPrice, implementationDeliverables: "Webshop", implementationDays: "30", estimatedHours: "20", startDate: "2999-01-15" });
    const parsed = bid("1.250", "1.250,50");
    expect(parsed.success && [parsed.data.advicePrice, parsed.data.implementationPrice]).toEqual([125_000, 125_050]);
    const wrong = bid("12,345", "-5");
    expect(wrong.success ? [] : wrong.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["advicePrice", "errors.amount"],
      ["implementationPrice", "errors.amount"],
    ]);
    expect(HourlyRateSchema.parse("62,50")).toBe(6_250);
    expect(HourlyRateSchema.safeParse("1.000").success).toBe(false); // €1,000 an hour is out of range, not €1
  });
});
