import type { BankLineResult } from "~db/schema";
import type { VatStatus } from "~/modules/profiles/taxonomy";

/*
 * The voucher's arithmetic, pure and in integer cents. docs/vouchers.md works an example through.
 */

/** `amount × basisPoints / 10,000`, rounded to the cent, halves up (cents are never negative here). */
export function percentageOf(amountCents: number, basisPoints: number) {
  return Math.floor((amountCents * basisPoints + 5_000) / 10_000);
}

/** The voucher: the subsidy rate of the price excl. VAT, at most the programme's cap. */
export function voucherAmount(priceCents: number, programme: { rateBasisPoints: number; capCents: number }) {
  return Math.min(percentageOf(priceCents, programme.rateBasisPoints), programme.capCents);
}

/** A price excl. VAT with VAT (in basis points: 2100 is 21 %) added, rounded half up. */
export const withVat = (cents: number, vatBasisPoints: number) => cents + percentageOf(cents, vatBasisPoints);

/**
 * The VAT rate a provider charges: the standard rate (a setting, 21 %), or none under the
 * small-enterprise exemption. Frozen on the voucher with the provider's status when it is requested.
 */
export function vatRateFor(vatStatus: VatStatus, standardBasisPoints: number) {
  return vatStatus === "small_enterprise" ? 0 : standardBasisPoints;
}

/** What the retailer pays: the price minus the voucher, plus VAT on the full price. */
export function ownShare(priceCents: number, voucherCents: number, vat: number) {
  return priceCents - voucherCents + percentageOf(priceCents, vat);
}

/**
 * An amount split over the milestones in proportion to their prices; the last takes the rounding
 * remainder, so the parts add up to the amount exactly.
 */
export function proportionalShares(amountCents: number, milestonePrices: number[]) {
  const total = milestonePrices.reduce((a, b) => a + b, 0);
  if (total === 0) return milestonePrices.map(() => 0);
  const shares = milestonePrices.map((p) => Math.floor((amountCents * p) / total));
  shares[shares.length - 1] += amountCents - shares.reduce((a, b) => a + b, 0);
  return shares;
}

/** The voucher's share of each milestone. */
export const voucherShares = proportionalShares;

/**
 * The one VAT rounding rule: VAT is computed once, on the price of the whole engagement (as an
 * EN 16931 invoice computes it per VAT category, BR-CO-17), and split over the milestones like the
 * voucher. Rounding each milestone's VAT on its own made €400,50 + €900,50 cost €1.574,21 to the
 * retailer and €1.574,22 in payouts.
 */
export function vatShares(milestonePrices: number[], vatBasisPoints: number) {
  return proportionalShares(
    percentageOf(
      milestonePrices.reduce((a, b) => a + b, 0),
      vatBasisPoints,
    ),
    milestonePrices,
  );
}

/**
 * What an approved milestone owes its provider: its share of the voucher, and its part of the own
 * share (the rest of its price plus its share of the VAT). Over all milestones these add up to the
 * voucher plus the own share, to the cent.
 */
export function milestonePayout(milestonePrices: number[], position: number, voucherCents: number, vatBasisPoints: number) {
  const index = position - 1;
  const voucherShare = voucherShares(voucherCents, milestonePrices)[index] ?? 0;
  const ownSharePart = (milestonePrices[index] ?? 0) + (vatShares(milestonePrices, vatBasisPoints)[index] ?? 0) - voucherShare;
  return { voucherShare, ownSharePart };
}

/** What an engagement comes to when it ends: who gets which part of the money collected for it. */
export interface Settlement {
  /** What the provider has earned: each approved milestone's price with its share of the VAT. */
  providerCents: number;
  /** The voucher's part of that: redeemed from the budget. */
  voucherRedeemedCents: number;
  /** The own share's part of that: paid from what the retailer paid. */
  ownShareToProviderCents: number;
  /** What the voucher reserved and no approved milestone used: back to the programme's budget. */
  budgetReleasedCents: number;
  /** What the retailer paid and no approved milestone used: back to the retailer. */
  retailerRefundCents: number;
}

/**
 * The one settlement of an engagement that ends, early or complete, by card or by transfer alike:
 * an approved milestone is earned in full (milestonePayout), the rest of the voucher goes back to
 * the budget and the rest of what the retailer paid goes back to the retailer. Money a payout line
 * is made from is never refunded, so collected (voucher + paid) = provider + released + refunded,
 * to the cent. docs/vouchers.md works three endings through in euros.
 */
export function settle(input: {
  /** The milestones in their order, with their prices excl. VAT and whether each was approved. */
  milestones: { priceCents: number; approved: boolean }[];
  /** The voucher's amount as reserved (0 without an approved voucher). */
  voucherCents: number;
  vatBasisPoints: number;
  /** What the retailer paid towards the own share (0 when it never came). */
  paidCents: number;
}): Settlement {
  const prices = input.milestones.map((m) => m.priceCents);
  let voucherRedeemedCents = 0;
  let ownShareParts = 0;
  input.milestones.forEach((m, index) => {
    if (!m.approved) return;
    const payout = milestonePayout(prices, index + 1, input.voucherCents, input.vatBasisPoints);
    voucherRedeemedCents += payout.voucherShare;
    ownShareParts += payout.ownSharePart;
  });
  // The provider's own-share part comes out of money that was paid, never out of the programme's.
  const ownShareToProviderCents = Math.min(ownShareParts, input.paidCents);
  return {
    providerCents: voucherRedeemedCents + ownShareToProviderCents,
    voucherRedeemedCents,
    ownShareToProviderCents,
    budgetReleasedCents: input.voucherCents - voucherRedeemedCents,
    retailerRefundCents: input.paidCents - ownShareToProviderCents,
  };
}

/**
 * A Belgian structured communication (+++123/4567/89002+++): ten digits and their mod-97 check
 * (97 when the remainder is 0).
 */
export function structuredCommunication(sequence: number) {
  const base = String(sequence % 10_000_000_000).padStart(10, "0");
  const check = Number(BigInt(base) % 97n) || 97;
  return formatStructuredCommunication(base + String(check).padStart(2, "0"));
}

/** Twelve digits as the structured communication is printed: +++123/4567/89002+++. */
export function formatStructuredCommunication(digits: string) {
  return `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
}

export function isValidStructuredCommunication(text: string) {
  const digits = text.replace(/[^0-9]/g, "");
  if (digits.length !== 12) return false;
  const check = Number(BigInt(digits.slice(0, 10)) % 97n) || 97;
  return check === Number(digits.slice(10));
}

/** The five conditions a voucher is checked on, each named by the issue it raises when it fails. */
export const eligibilityChecks = ["sector", "municipality", "window", "perBusinessLimit", "providerNotApproved"] as const;
export type EligibilityIssue = (typeof eligibilityChecks)[number];

/** Why a business may not get a voucher from a programme now; empty when it may. */
export function eligibilityIssues(
  programme: { eligibleSectors: string[]; eligibleNisCodes: string[]; opensOn: string; closesOn: string; maxVouchersPerBusiness: number },
  request: { sector: string; nisCode: string; today: string; vouchersAlready: number; providerApproved: boolean },
): EligibilityIssue[] {
  const issues: EligibilityIssue[] = [];
  if (!programme.eligibleSectors.includes(request.sector)) issues.push("sector");
  if (programme.eligibleNisCodes.length > 0 && !programme.eligibleNisCodes.includes(request.nisCode)) issues.push("municipality");
  if (request.today < programme.opensOn || request.today > programme.closesOn) issues.push("window");
  if (request.vouchersAlready >= programme.maxVouchersPerBusiness) issues.push("perBusinessLimit");
  if (!request.providerApproved) issues.push("providerNotApproved");
  return issues;
}

/**
 * What a bank movement means for the voucher its structured communication names: the own share
 * confirmed, or money that goes back (too much, twice, too little, too late). The caller holds the
 * voucher row locked.
 */
export function judgeOwnSharePayment(
  line: { amountCents: number | null; structuredCommunication: string | null; problem: string | null },
  voucher: { ownShareCents: number; paidAt: Date | null; status: string } | null,
): { result: BankLineResult; refundCents: number } {
  if (line.problem || line.amountCents === null) return { result: "unreadable", refundCents: 0 };
  if (line.amountCents <= 0) return { result: "debitIgnored", refundCents: 0 };
  if (!line.structuredCommunication) return { result: "noReference", refundCents: 0 };
  if (!voucher) return { result: "unknownReference", refundCents: 0 };
  if (voucher.paidAt) return { result: "alreadyPaid", refundCents: line.amountCents };
  // Cancelled, expired or closed before the money came: it cannot fund anything now.
  if (voucher.status !== "approved") return { result: "voucherClosed", refundCents: line.amountCents };
  if (line.amountCents < voucher.ownShareCents) return { result: "amountTooLow", refundCents: line.amountCents };
  if (line.amountCents > voucher.ownShareCents) return { result: "overpaid", refundCents: line.amountCents - voucher.ownShareCents };
  return { result: "confirmed", refundCents: 0 };
}
