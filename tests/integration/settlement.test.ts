import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db, queryRows } from "~db/client";
import { auditEvents, milestones, payments, payoutLines, programmes, refunds, vouchers } from "~db/schema";
import { approveVoucher, decideMilestone, matchBankLines, recordOwnSharePaid, submitMilestone, transition } from "~/modules/engagements/index.server";
import { readBankStatement, refundBatchXml } from "~/modules/payments/index.server";
import * as refundsPage from "~/routes/beheer.terugbetalingen";
import { settle } from "~/modules/vouchers/rules";
import { codaFile } from "../support/coda";
import { args, formRequest, getRequest, respond } from "../support/http";
import { acceptedBid, account, approvedProvider, businessFor } from "../support/marketplace";
import { painErrors } from "../support/xsd";

/*
 * An engagement that ends early is settled by one rule, by card and by transfer alike (issue 21,
 * item 1). The worked examples are docs/vouchers.md's, checked by hand there: €400 advice + €900
 * implementation, a voucher of €975 (€300 + €675), VAT €273 (€84 + €189), an own share of €598.
 */

let admin: Awaited<ReturnType<typeof account>>;
let retailer: Awaited<ReturnType<typeof account>>;
let provider: Awaited<ReturnType<typeof approvedProvider>>;
let businessId = "";

beforeAll(async () => {
  admin = await account("admin");
  retailer = await account("retailer");
  businessId = (await businessFor(retailer.id)).id;
  provider = await approvedProvider(admin.id, { services: ["webshop"] });
  await db.insert(programmes).values({ name: "Afrekening", budgetCents: 100_000_000, eligibleSectors: ["retail"], opensOn: "2020-01-01", closesOn: "2099-12-31", iban: "BE68539007547034", maxVouchersPerBusiness: 10_000 });
});

const asRetailer = () => ({ userId: retailer.id, role: "retailer" });
const asProvider = () => ({ id: provider.id, role: "provider" });
const euros = (cents: number) => (cents / 100).toFixed(2).replace(".", ",");

type Method = "transfer" | "card";
/** How far the work got: nothing approved, the advice approved, the implementation handed in for review. */
type Point = "intake" | "adviceApproved" | "inReview";

/** An engagement taken to a point, its own share paid one way or the other. */
async function engagementAt(point: Point, method: Method, prices = { advice: 40_000, implementation: 90_000 }) {
  const { engagementId, voucher } = await acceptedBid({ retailerId: retailer.id, businessId, providerUserId: provider.id }, { services: ["webshop"], price: { advicePrice: euros(prices.advice), implementationPrice: euros(prices.implementation) } });
  expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: true });
  const [approved] = await db.select().from(vouchers).where(eq(vouchers.id, voucher.id));
  if (method === "card") {
    // What Stripe's webhook records for a paid Checkout Session (tests/integration/stripe.test.ts drives the real path).
    await db.insert(payments).values({ voucherId: voucher.id, externalId: `cs_test_${voucher.id}`, paymentIntentId: `pi_${voucher.id}`, amountCents: approved.ownShareCents, status: "paid" });
    expect(await db.transaction((tx) => recordOwnSharePaid(tx, null, voucher.id))).toEqual({ ok: true });
  } else {
    // The retailer's transfer, as the bank's statement states it.
    const statement = readBankStatement(codaFile({ movements: [{ amountCents: approved.ownShareCents, structured: approved.paymentReference!.replace(/\D/g, ""), counterpartyIban: "BE62510007547061", counterpartyName: "FIETSEN VANDENBROUCKE" }] }));
    if (!statement.ok) throw new Error(statement.problem);
    expect(await matchBankLines(admin.id, statement.lines)).toMatchObject({ results: [{ result: "confirmed" }] });
  }
  const [advice, implementation] = await db.select().from(milestones).where(eq(milestones.engagementId, engagementId)).orderBy(milestones.position);
  if (point !== "intake") {
    expect(await transition(engagementId, "start_plan", { userId: provider.id, role: "provider" })).toMatchObject({ ok: true });
    expect(await submitMilestone(asProvider(), advice.id, { text: "Het plan", links: [] })).toEqual({ ok: true });
    expect(await decideMilestone({ id: retailer.id, role: "retailer" }, advice.id, { approve: true })).toEqual({ ok: true });
  }
  if (point === "inReview") {
    // Delivering the implementation asks for the review.
    expect(await submitMilestone(asProvider(), implementation.id, { text: "De webshop", links: [] })).toEqual({ ok: true });
  }
  return { engagementId, voucher: approved, implementation };
}

/** Where the money of one engagement went: paid out, refunded to the retailer, released to the budget. */
async function moneyOf(engagementId: string, voucherId: string) {
  const [{ paidOut }] = await queryRows<{ paidOut: number }>(db, sql`select coalesce(sum(amount_cents), 0)::int as "paidOut" from payout_lines where engagement_id = ${engagementId}`);
  const [{ released }] = await queryRows<{ released: number }>(db, sql`select coalesce(sum(amount_cents), 0)::int as released from budget_ledger where voucher_id = ${voucherId} and kind = 'release'`);
  const back = await db.select().from(refunds).where(and(eq(refunds.voucherId, voucherId), eq(refunds.reason, "settlement")));
  return { paidOut: Number(paidOut), released: Number(released), refunded: back.reduce((sum, r) => sum + r.amountCents, 0), refunds: back };
}

async function cancel(engagementId: string, point: Point) {
  if (point === "inReview") {
    // In review a disagreement is a dispute; the office ends it.
    expect(await transition(engagementId, "dispute", asRetailer(), "De webshop werkt niet.")).toMatchObject({ ok: true });
    expect(await transition(engagementId, "cancel", { userId: admin.id, role: "admin" }, "Geschil: stopgezet na gesprek met beide partijen.")).toMatchObject({ ok: true });
  } else {
    expect(await transition(engagementId, "cancel", asRetailer(), "Toch niet.")).toMatchObject({ ok: true });
  }
}

describe("the settlement of an engagement that ends early (docs/vouchers.md's worked examples)", () => {
  it("in intake, paid by transfer: €975 back to the budget, €598 back to the account it came from", async () => {
    const { engagementId, voucher } = await engagementAt("intake", "transfer");
    await cancel(engagementId, "intake");
    const money = await moneyOf(engagementId, voucher.id);
    expect([money.paidOut, money.released, money.refunded]).toEqual([0, 97_500, 59_800]);
    expect(money.refunds).toEqual([expect.objectContaining({ method: "transfer", status: "due", counterpartyIban: "BE62510007547061", counterpartyName: "FIETSEN VANDENBROUCKE" })]);
  });

  it("after the advice was approved, by transfer and by card alike: €484 paid out, €675 released, €414 refunded", async () => {
    for (const method of ["transfer", "card"] as const) {
      const { engagementId, voucher } = await engagementAt("adviceApproved", method);
      await cancel(engagementId, "adviceApproved");
      const money = await moneyOf(engagementId, voucher.id);
      // Before: by card all €598 went back while €184 of it was paid out; by transfer nothing went back.
      expect([method, money.paidOut, money.released, money.refunded]).toEqual([method, 48_400, 67_500, 41_400]);
      expect(money.refunds.map((r) => r.method)).toEqual([method]);
    }
  });

  it("in review: approving the last milestone completes the engagement, and nothing earned can be cancelled back", async () => {
    const { engagementId, implementation } = await engagementAt("inReview", "transfer");
    expect(await decideMilestone({ id: retailer.id, role: "retailer" }, implementation.id, { approve: true })).toEqual({ ok: true });
    // Before: the retailer could cancel here and take back €598 the programme then paid out of its own pocket.
    expect(await transition(engagementId, "cancel", asRetailer(), "Toch niet.")).toEqual({ ok: false, error: "notAllowed" });
    const [voucher] = await db.select().from(vouchers).where(eq(vouchers.engagementId, engagementId));
    const money = await moneyOf(engagementId, voucher.id);
    expect([money.paidOut, money.released, money.refunded]).toEqual([157_300, 0, 0]);
  });

  it("a dispute in review that the office ends: the advice is earned, the rest goes back", async () => {
    const { engagementId, voucher } = await engagementAt("inReview", "card");
    await cancel(engagementId, "inReview");
    const money = await moneyOf(engagementId, voucher.id);
    expect([money.paidOut, money.released, money.refunded]).toEqual([48_400, 67_500, 41_400]);
  });
});

describe("the settlement, over random prices and cancellation points", () => {
  it("collected = paid out + refunded + released to the cent, the same for card and transfer, as settle() says", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100, max: 400_000 }),
        fc.integer({ min: 100, max: 900_000 }),
        fc.constantFrom<Point>("intake", "adviceApproved", "inReview"),
        async (advice, implementation, point) => {
          const outcomes = [];
          for (const method of ["transfer", "card"] as const) {
            const { engagementId, voucher } = await engagementAt(point, method, { advice, implementation });
            await cancel(engagementId, point);
            const money = await moneyOf(engagementId, voucher.id);
            expect(money.paidOut + money.refunded + money.released).toBe(voucher.amountCents + voucher.ownShareCents);
            const expected = settle({
              milestones: [
                { priceCents: advice, approved: point !== "intake" },
                { priceCents: implementation, approved: false },
              ],
              voucherCents: voucher.amountCents,
              vatBasisPoints: voucher.vatBasisPoints,
              paidCents: voucher.ownShareCents,
            });
            expect([money.paidOut, money.released, money.refunded]).toEqual([expected.providerCents, expected.budgetReleasedCents, expected.retailerRefundCents]);
            const lines = await db.select().from(payoutLines).where(eq(payoutLines.engagementId, engagementId));
            expect(lines.reduce((sum, l) => sum + l.amountCents, 0)).toBe(expected.providerCents);
            outcomes.push([money.paidOut, money.released, money.refunded]);
          }
          expect(outcomes[1]).toEqual(outcomes[0]);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("refunds as work with an end (issue 21, item 3)", () => {
  const page = () => refundsPage.loader(args(getRequest("/beheer/terugbetalingen", { cookie: admin.cookie }))).then((r) => (r as Response).json());
  const post = (fields: Record<string, string>) => respond(() => refundsPage.action(args(formRequest("/beheer/terugbetalingen", fields, { cookie: admin.cookie }))));

  it("are made by one SEPA file the official schema accepts, paid from the programme's account, then done and audited", async () => {
    const { engagementId, voucher } = await engagementAt("adviceApproved", "transfer");
    await cancel(engagementId, "adviceApproved");
    const listed = (await page()).transfersDue.find((r: { voucherId: string }) => r.voucherId === voucher.id);
    expect(listed).toMatchObject({ amountCents: 41_400, counterpartyIban: "BE62510007547061", ibanValid: true });
    const due = (await page()).transfersDue as { id: string; amountCents: number; ibanValid: boolean }[];

    expect((await post({ intent: "make-file" })).status).toBe(302);
    const [batch] = (await page()).batches;
    expect((await page()).transfersDue).toEqual([]);
    const xml = (await refundBatchXml(batch.id))!;
    expect(await painErrors(xml)).toEqual([]);
    const total = due.filter((r) => r.ibanValid).reduce((sum, r) => sum + r.amountCents, 0);
    expect(batch.totalCents).toBe(total);
    expect(xml).toContain(`<CtrlSum>${(total / 100).toFixed(2)}</CtrlSum>`);
    expect(xml).toContain("<Nm>FIETSEN VANDENBROUCKE</Nm>");
    expect(xml).toMatch(/<DbtrAcct><Id><IBAN>BE68539007547034<\/IBAN>/);
    expect(xml).toContain(`Koppel terugbetaling ${voucher.paymentReference}`);
    expect(await db.select().from(refunds).where(and(eq(refunds.voucherId, voucher.id), eq(refunds.status, "done")))).toHaveLength(1);
    expect((await db.select().from(auditEvents).where(eq(auditEvents.entityId, batch.id))).map((a) => a.action)).toEqual(["refund.batch"]);
    // A second click finds nothing left: no empty file.
    expect((await post({ intent: "make-file" })).status).toBe(409);
  });

  it("or by hand, with a note saying how: refused without one, audited with it", async () => {
    const { engagementId, voucher } = await engagementAt("intake", "transfer");
    await cancel(engagementId, "intake");
    const [refund] = await db.select().from(refunds).where(eq(refunds.voucherId, voucher.id));
    const refused = await post({ intent: "mark-done", refundId: refund.id, note: "" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ errors: ["refunds.noteRequired"] });
    expect((await post({ intent: "mark-done", refundId: refund.id, note: "Overschrijving van 4 december vanuit KBC Business" })).status).toBe(302);
    expect((await db.select().from(refunds).where(eq(refunds.id, refund.id)))[0]).toMatchObject({ status: "done", doneBy: admin.id, note: "Overschrijving van 4 december vanuit KBC Business" });
    expect((await db.select().from(auditEvents).where(eq(auditEvents.entityId, refund.id))).map((a) => [a.action, a.reason])).toEqual([["refund.done", "Overschrijving van 4 december vanuit KBC Business"]]);
    // Done is done: a second click changes nothing.
    expect((await post({ intent: "mark-done", refundId: refund.id, note: "nog eens" })).status).toBe(409);
  });
});
