import { describe, expect, it, vi } from "vitest";
import { BidSchema, HelpRequestSchema } from "~/modules/marketplace/rules";

/*
 * Dates to start on (issue 22, item 6): a request wanting to start in 2020 and a bid starting on
 * 15 January 2020 were accepted. Today is Brussels' today: 00:30 on 5 December in Brussels is still
 * 4 December in UTC.
 */
const bid = (startDate: string) => ({ advicePrice: "400", adviceDeliverables: "Plan", adviceDays: "10", implementationPrice: "900", implementationDeliverables: "Webshop", implementationDays: "30", estimatedHours: "20", startDate });
const request = (desiredStart?: string) => ({ businessId: "00000000-0000-4000-8000-000000000000", title: "Webshop", description: "Online verkopen.", services: ["webshop"], budgetBand: "1000_2500", languages: ["nl"], ...(desiredStart ? { desiredStart } : {}) });

describe("a start date", () => {
  it.each([
    ["yesterday in Brussels", "2026-12-04", false],
    ["today in Brussels", "2026-12-05", true],
    ["next month", "2027-01-05", true],
    ["in 2020", "2020-01-15", false],
  ])("%s (%s) is %s for a bid and a request", (_when, date, accepted) => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-04T23:30:00Z") });
    try {
      const bidResult = BidSchema.safeParse(bid(date));
      const requestResult = HelpRequestSchema.safeParse(request(date));
      expect([bidResult.success, requestResult.success]).toEqual([accepted, accepted]);
      if (!accepted) expect(bidResult.error?.issues.map((i) => i.message)).toEqual(["errors.pastDate"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("may be left out of a request: as soon as possible", () => {
    expect(HelpRequestSchema.safeParse(request()).success).toBe(true);
  });
});
