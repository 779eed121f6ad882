import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eligibilityIssues, isValidStructuredCommunication, milestonePayout, ownShare, percentageOf, settle, structuredCommunication, vatShares, voucherAmount, voucherShares } from "~/modules/vouchers/rules";

const programme = { rateBasisPoints: 7500, capCents: 150_000 };

describe("the voucher amount", () => {
  it("is 75 % of the price excl. VAT, at most the cap", () => {
    expect(voucherAmount(130_000, programme)).toBe(97_500); // € 1,300 → € 975
    expect(voucherAmount(300_000, programme)).toBe(150_000); // € 3,000 → capped at € 1,500
    expect(voucherAmount(200_000, programme)).toBe(150_000); // exactly at the cap
  });
  it("rounds to the cent, halves up", () => {
    expect(voucherAmount(1, programme)).toBe(1); // 0.75 cent → 1
    expect(voucherAmount(2, programme)).toBe(2); // 1.5 → 2
    expect(percentageOf(3, 7500)).toBe(2); // 2.25 → 2
    expect(percentageOf(10_001, 2100)).toBe(2100); // 2100.21 → 2100
  });
});

describe("the own share", () => {
  it("is the price minus the voucher plus 21 % VAT on the full price", () => {
    // € 1,300 excl. VAT: voucher € 975, VAT € 273 → the retailer pays € 598.
    expect(ownShare(130_000, 97_500, 2100)).toBe(59_800);
  });
});

describe("voucher shares per milestone", () => {
  it("follow the milestone prices and add up to the voucher exactly", () => {
    expect(voucherShares(97_500, [40_000, 90_000])).toEqual([30_000, 67_500]);
    const odd = voucherShares(100_001, [33_333, 33_333, 33_334]);
    expect(odd.reduce((a, b) => a + b, 0)).toBe(100_001);
  });
});

describe("the structured communication", () => {
  it("has ten digits and a mod-97 check, 97 for a remainder of 0", () => {
    expect(structuredCommunication(1_000_001)).toBe("+++000/1000/00128+++"); // 1,000,001 mod 97 = 28
    expect(isValidStructuredCommunication("+++000/1000/00128+++")).toBe(true);
    expect(isValidStructuredCommunication("+++000/1000/00129+++")).toBe(false);
    expect(structuredCommunication(97)).toMatch(/97\+\+\+$/);
    expect(isValidStructuredCommunication(structuredCommunication(97))).toBe(true);
  });
});

describe("eligibility", () => {
  const open = { eligibleSectors: ["retail", "tourism"], eligibleNisCodes: [], opensOn: "2026-01-01", closesOn: "2026-12-31", maxVouchersPerBusiness: 1 };
  const fine = { sector: "retail", nisCode: "31005", today: "2026-11-28", vouchersAlready: 0, providerApproved: true };
  it("is granted when every rule holds", () => expect(eligibilityIssues(open, fine)).toEqual([]));
  it("names every rule that fails", () => {
    expect(eligibilityIssues({ ...open, eligibleNisCodes: ["34022"] }, { ...fine, sector: "hospitality", today: "2027-01-02", vouchersAlready: 1, providerApproved: false })).toEqual([
      "sector",
      "municipality",
      "window",
      "perBusinessLimit",
      "providerNotApproved",
    ]);
  });
});

describe("one VAT rounding rule (issue 21, 'one cent')", () => {
  it("collects and pays out the same for €400,50 + €900,50 at 21 %: VAT 273,21 on 1.301,00, split 84,10 + 189,11", () => {
    // By hand: 1.301,00 × 21 % = 273,21; 400,50 / 1.301,00 × 273,21 = 84,104… → 84,10; the rest 189,11.
    // Rounding per milestone gave 84,11 + 189,11 = 273,22: one cent paid out that was never collected.
    expect(vatShares([40_050, 90_050], 2100)).toEqual([8_410, 18_911]);
    const voucher = voucherAmount(130_100, { rateBasisPoints: 7500, capCents: 150_000 });
    const own = ownShare(130_100, voucher, 2100);
    const paid = [1, 2].map((position) => milestonePayout([40_050, 90_050], position, voucher, 2100));
    expect(paid.reduce((sum, p) => sum + p.voucherShare + p.ownSharePart, 0)).toBe(voucher + own);
    expect(voucher + own).toBe(157_421);
  });

  it("pays out exactly what was collected, for any prices, split and VAT rate (property over cents)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(0, 600, 1200, 2100),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1_500_000 }),
        (prices, vat, rate, cap) => {
          const price = prices.reduce((a, b) => a + b, 0);
          const voucher = voucherAmount(price, { rateBasisPoints: rate, capCents: cap });
          const collected = voucher + ownShare(price, voucher, vat);
          const paidOut = prices.reduce((sum, _, i) => {
            const { voucherShare, ownSharePart } = milestonePayout(prices, i + 1, voucher, vat);
            return sum + voucherShare + ownSharePart;
          }, 0);
          expect(paidOut).toBe(collected);
          expect(vatShares(prices, vat).reduce((a, b) => a + b, 0)).toBe(percentageOf(price, vat));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("the settlement of an engagement that ends (issue 21, item 1)", () => {
  // The docs' example, by hand: €400 advice + €900 implementation, 75 % → voucher €975 (€300 + €675),
  // VAT 21 % of €1,300 = €273 (€84 + €189), own share €1,300 − €975 + €273 = €598.
  const example = (approved: boolean[], paidCents = 59_800) =>
    settle({ milestones: [{ priceCents: 40_000, approved: approved[0] }, { priceCents: 90_000, approved: approved[1] }], voucherCents: 97_500, vatBasisPoints: 2100, paidCents });

  it("cancelled in intake: the whole voucher to the budget, the whole own share to the retailer", () => {
    expect(example([false, false])).toEqual({ providerCents: 0, voucherRedeemedCents: 0, ownShareToProviderCents: 0, budgetReleasedCents: 97_500, retailerRefundCents: 59_800 });
  });

  it("cancelled after the advice was approved: €484 earned (€300 voucher + €184 own share), €675 released, €414 refunded", () => {
    expect(example([true, false])).toEqual({ providerCents: 48_400, voucherRedeemedCents: 30_000, ownShareToProviderCents: 18_400, budgetReleasedCents: 67_500, retailerRefundCents: 41_400 });
  });

  it("ended with every milestone approved: €1,573 earned, nothing released or refunded", () => {
    expect(example([true, true])).toEqual({ providerCents: 157_300, voucherRedeemedCents: 97_500, ownShareToProviderCents: 59_800, budgetReleasedCents: 0, retailerRefundCents: 0 });
  });

  it("never pays a provider's own-share part that was not paid: an unpaid own share refunds nothing", () => {
    expect(example([false, false], 0)).toMatchObject({ providerCents: 0, budgetReleasedCents: 97_500, retailerRefundCents: 0 });
  });

  it("collected = paid out + refunded + released, to the cent, for any prices, split, rates and cancellation point", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ priceCents: fc.integer({ min: 1, max: 5_000_000 }), approved: fc.boolean() }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0, 600, 1200, 2100),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1_500_000 }),
        fc.boolean(),
        (milestones, vat, rate, cap, paid) => {
          const price = milestones.reduce((sum, m) => sum + m.priceCents, 0);
          const voucherCents = voucherAmount(price, { rateBasisPoints: rate, capCents: cap });
          const paidCents = paid ? ownShare(price, voucherCents, vat) : 0;
          const s = settle({ milestones, voucherCents, vatBasisPoints: vat, paidCents });
          expect(s.providerCents + s.retailerRefundCents + s.budgetReleasedCents).toBe(voucherCents + paidCents);
          expect(s.providerCents).toBe(s.voucherRedeemedCents + s.ownShareToProviderCents);
          for (const part of Object.values(s)) expect(part).toBeGreaterThanOrEqual(0);
          // What the provider earned is exactly the payout lines of the approved milestones.
          const lines = milestones.reduce((sum, m, i) => {
            if (!m.approved || !paid) return sum + (m.approved ? milestonePayout(milestones.map((x) => x.priceCents), i + 1, voucherCents, vat).voucherShare : 0);
            const { voucherShare, ownSharePart } = milestonePayout(milestones.map((x) => x.priceCents), i + 1, voucherCents, vat);
            return sum + voucherShare + ownSharePart;
          }, 0);
          expect(s.providerCents).toBe(lines);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
