import { describe, expect, it, vi } from "vitest";
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
