import { describe, expect, it, vi } from "vitest";
import { WorkspaceActionSchema } from "~/modules/engagements/schemas";
import { BidSchema, HelpRequestSchema } from "~/modules/marketplace/rules";

/*
 * Dates to start on (issue 22, item 6): a request wanting to start in 2020 and a bid starting on
 * 15 January 2020 were accepted. Today is Brussels' today: 00:30 on 5 December in Brussels is still
 * 4 December in UTC.
 */
const bid = (startDate: string) => ({ advicePrice: "400", adviceDeliverables: "Plan", adviceDays: "10", implementationPrice: "900", implementationDeliverables: "Webshop", implementationDays: "30", estimatedHours: "20", startDate });
const request = (desiredStart?: string) => ({ businessId: "00000000-0000-4000-8000-000000000000", title: "Webshop", description: "Online verkopen.", services: ["webshop"], budgetBand: "1000_2500", languages: ["nl"], ...(desiredStart ? { desiredStart } : {}) });

/** Parses at 00:30 on 5 December 2026 in Brussels. */
function atBrusselsNight<T>(parse: () => T) {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-04T23:30:00Z") });
  try {
    return parse();
  } finally {
    vi.useRealTimers();
  }
}

describe("a start date", () => {
  it.each([
    ["today in Brussels", "2026-12-05"],
    ["next month", "2027-01-05"],
  ])("%s (%s) is accepted for a bid and a request", (_when, date) => {
    expect(atBrusselsNight(() => [BidSchema.safeParse(bid(date)).success, HelpRequestSchema.safeParse(request(date)).success])).toEqual([true, true]);
  });

  it.each([
    ["yesterday in Brussels", "2026-12-04"],
    ["in 2020", "2020-01-15"],
  ])("%s (%s) is refused for a bid and a request, saying why", (_when, date) => {
    const [bidResult, requestResult] = atBrusselsNight(() => [BidSchema.safeParse(bid(date)), HelpRequestSchema.safeParse(request(date))]);
    expect(bidResult.error?.issues.map((i) => i.message)).toEqual(["errors.pastDate"]);
    expect(requestResult.error?.issues.map((i) => i.message)).toEqual(["errors.pastDate"]);
  });

  it("may be left out of a request: as soon as possible", () => {
    expect(HelpRequestSchema.safeParse(request()).success).toBe(true);
  });
});

/*
 * Numbers typed in a form (issue 22, item 13): an empty required number said "Vul een geheel getal
 * in.", and hours typed the Belgian way ("1,5") were refused as not a whole number. Expected: an
 * empty field is "required", a fraction is accepted where fractions make sense, text says what a
 * number looks like, a number out of bounds gives its range.
 */
describe("a number typed in a form", () => {
  const messages = (result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) => result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

  it("left empty is required, not 'not a whole number'", () => {
    const { estimatedHours: _h, ...withoutHours } = bid("2027-01-05");
    expect(messages(BidSchema.safeParse(withoutHours))).toEqual(["estimatedHours: errors.required"]);
    expect(messages(BidSchema.safeParse({ ...withoutHours, estimatedHours: "  " }))).toEqual(["estimatedHours: errors.required"]);
  });

  it("as text or a fraction of a day count says what is wrong", () => {
    expect(messages(BidSchema.safeParse({ ...bid("2027-01-05"), adviceDays: "tien" }))).toEqual(["adviceDays: errors.number"]);
    expect(messages(BidSchema.safeParse({ ...bid("2027-01-05"), adviceDays: "1,5" }))).toEqual(["adviceDays: errors.number"]);
    expect(messages(BidSchema.safeParse({ ...bid("2027-01-05"), adviceDays: "400" }))).toEqual(["adviceDays: errors.daysRange"]);
  });

  it("hours of work are read the Belgian way: 1,5 is one and a half", () => {
    const log = (hours: string) => WorkspaceActionSchema.safeParse({ intent: "log", workedOn: "2026-01-05", hours, note: "Workshop" });
    expect(log("1,5").data).toMatchObject({ hours: 1.5 });
    expect(log("2").data).toMatchObject({ hours: 2 });
    expect(messages(log("1,5 uur"))).toEqual(["hours: errors.decimal"]);
    expect(messages(log("30"))).toEqual(["hours: errors.hoursRange"]);
  });
});
