import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/*
 * Stripe, faked only at its HTTP edge; webhooks signed with the stripe library's own test helper.
 * The environment is set before the app is imported, as STRIPE_SECRET_KEY would be in production.
 */
const fake = await vi.hoisted(async () => {
  const { startFakeStripe } = await import("../support/fakes/stripe");
  const started = await startFakeStripe();
  process.env.STRIPE_SECRET_KEY = "sk_test_koppel";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_koppel_test";
  process.env.STRIPE_API_BASE = started.base;
  return started;
});

import { count, eq } from "drizzle-orm";
import Stripe from "stripe";
import { db } from "~db/client";
import { auditEvents, engagements, payments, programmes, refunds, stripeEvents, vouchers } from "~db/schema";
import { approveVoucher, confirmOwnShare, runTimers, transition } from "~/modules/engagements/index.server";
import { drainOutbox } from "~/modules/notifications/index.server";
import { handleStripeWebhook, listStripeProblems, startOwnShareCheckout } from "~/modules/payments/index.server";
import * as paymentsPage from "~/routes/beheer.betalingen";
import { allOutboxHandlers } from "~/modules/platform/index.server";
import * as webhook from "~/routes/webhooks.stripe";
import { args, getRequest, origin, respond } from "../support/http";
import { acceptedBid, account, approvedProvider, businessFor } from "../support/marketplace";

const stripe = new Stripe("sk_test_koppel");
let admin: Awaited<ReturnType<typeof account>>;
let retailer: Awaited<ReturnType<typeof account>>;
let provider: Awaited<ReturnType<typeof approvedProvider>>;
let businessId = "";

beforeAll(async () => {
  admin = await account("admin");
  retailer = await account("retailer");
  businessId = (await businessFor(retailer.id)).id;
  provider = await approvedProvider(admin.id);
  await drainOutbox(allOutboxHandlers);
  await db.insert(programmes).values({ name: "Stripe test", budgetCents: 10_000_000, eligibleSectors: ["retail"], opensOn: "2020-01-01", closesOn: "2099-12-31", maxVouchersPerBusiness: 100, iban: "BE68539007547034" });
});
afterAll(() => fake.close());

async function awaitingOwnShare() {
  const { engagementId, voucher } = await acceptedBid({ retailerId: retailer.id, businessId, providerUserId: provider.id });
  await approveVoucher(admin.id, voucher.id);
  return { engagementId, voucher };
}

/** The checkout payment of an engagement's own share. */
async function paymentOf(engagementId: string) {
  const [row] = await db
    .select({ payment: payments })
    .from(payments)
    .innerJoin(vouchers, eq(vouchers.id, payments.voucherId))
    .where(eq(vouchers.engagementId, engagementId));
  return row.payment;
}

/** A Stripe event delivery as Stripe sends it: the JSON body and a signature made by the library. */
function delivery(event: Record<string, unknown>, secret = "whsec_koppel_test") {
  const payload = JSON.stringify(event);
  return { payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}

function sessionEvent(id: string, type: string, sessionId: string, paymentStatus = "paid") {
  return { id, object: "event", type, api_version: "2025-01-01", created: Math.floor(Date.now() / 1000), data: { object: { id: sessionId, object: "checkout.session", payment_status: paymentStatus, payment_intent: `pi_${sessionId}` } } };
}

describe("own share by Stripe Checkout", () => {
  it("creates a session with card and Bancontact in EUR, the engagement in its metadata", async () => {
    const { engagementId, voucher } = await awaitingOwnShare();
    const url = await startOwnShareCheckout(retailer.id, engagementId);
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const call = fake.calls.at(-1)!;
    expect(call.path).toBe("/v1/checkout/sessions");
    expect(Object.fromEntries(call.params)).toMatchObject({
      mode: "payment",
      "allowed_payment_method_types[0]": "card",
      "allowed_payment_method_types[1]": "bancontact",
      "line_items[0][price_data][currency]": "eur",
      "line_items[0][price_data][unit_amount]": String(voucher.ownShareCents),
      "metadata[engagementId]": engagementId,
      client_reference_id: voucher.id,
    });
    expect(call.params.get("success_url")).toMatch(new RegExp(`/trajecten/${engagementId}\\?betaling=ok$`));
    expect(await startOwnShareCheckout(admin.id, engagementId)).toBeNull();
  });

  it("credits a signed checkout.session.completed once, however often and concurrently it arrives", async () => {
    const { engagementId } = await awaitingOwnShare();
    await startOwnShareCheckout(retailer.id, engagementId);
    const payment = await paymentOf(engagementId);
    const event = sessionEvent(`evt_${engagementId}`, "checkout.session.completed", payment.externalId);
    // 100 deliveries of the same event, in waves of 20 at once, each freshly signed as Stripe retries do.
    for (let wave = 0; wave < 5; wave++) {
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => {
        const d = delivery(event);
        return handleStripeWebhook(d.payload, d.signature);
      }));
      expect(outcomes.every((o) => o.status === 200)).toBe(true);
    }
    expect((await db.select().from(payments).where(eq(payments.id, payment.id)))[0]).toMatchObject({ status: "paid", paymentIntentId: `pi_${payment.externalId}` });
    expect((await db.select().from(engagements).where(eq(engagements.id, engagementId)))[0].state).toBe("intake");
    expect((await db.select({ n: count() }).from(stripeEvents).where(eq(stripeEvents.id, event.id)))[0].n).toBe(1);
  });

  it("refuses a bad signature with 400 and changes nothing", async () => {
    const { engagementId } = await awaitingOwnShare();
    await startOwnShareCheckout(retailer.id, engagementId);
    const payment = await paymentOf(engagementId);
    const forged = delivery(sessionEvent("evt_forged", "checkout.session.completed", payment.externalId), "whsec_someone_else");
    const response = await respond(() =>
      webhook.action(args(new Request(`${origin}/webhooks/stripe`, { method: "POST", headers: { "Stripe-Signature": forged.signature, "Content-Type": "application/json" }, body: forged.payload }))),
    );
    expect(response.status).toBe(400);
    expect((await db.select().from(payments).where(eq(payments.id, payment.id)))[0].status).toBe("open");
    expect((await db.select().from(engagements).where(eq(engagements.id, engagementId)))[0].state).toBe("awaiting_contribution");
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, "evt_forged"))).toEqual([]);
    const unsigned = await respond(() => webhook.action(args(new Request(`${origin}/webhooks/stripe`, { method: "POST", body: forged.payload }))));
    expect(unsigned.status).toBe(400);
  });

  it("waits on a Bancontact payment until it succeeds, and records a failure or an expiry", async () => {
    const pending = await awaitingOwnShare();
    await startOwnShareCheckout(retailer.id, pending.engagementId);
    const open = await paymentOf(pending.engagementId);
    const unpaid = delivery(sessionEvent("evt_unpaid", "checkout.session.completed", open.externalId, "unpaid"));
    await handleStripeWebhook(unpaid.payload, unpaid.signature);
    expect((await db.select().from(engagements).where(eq(engagements.id, pending.engagementId)))[0].state).toBe("awaiting_contribution");
    const succeeded = delivery(sessionEvent("evt_async_ok", "checkout.session.async_payment_succeeded", open.externalId));
    await handleStripeWebhook(succeeded.payload, succeeded.signature);
    expect((await db.select().from(engagements).where(eq(engagements.id, pending.engagementId)))[0].state).toBe("intake");

    const failing = await awaitingOwnShare();
    await startOwnShareCheckout(retailer.id, failing.engagementId);
    const other = await paymentOf(failing.engagementId);
    const failed = delivery(sessionEvent("evt_async_fail", "checkout.session.async_payment_failed", other.externalId, "unpaid"));
    await handleStripeWebhook(failed.payload, failed.signature);
    expect((await db.select().from(payments).where(eq(payments.id, other.id)))[0].status).toBe("failed");
    expect((await db.select().from(engagements).where(eq(engagements.id, failing.engagementId)))[0].state).toBe("awaiting_contribution");
  });

  it("refunds an own share paid online when the engagement is cancelled", async () => {
    const { engagementId } = await awaitingOwnShare();
    await startOwnShareCheckout(retailer.id, engagementId);
    const payment = await paymentOf(engagementId);
    fake.complete(payment.externalId);
    const paid = delivery(sessionEvent(`evt_paid_${engagementId}`, "checkout.session.completed", payment.externalId));
    await handleStripeWebhook(paid.payload, paid.signature);
    await transition(engagementId, "cancel", { userId: retailer.id, role: "retailer" }, "Toch niet.");
    // The worker takes twenty jobs at a time; run it until the queue is empty.
    while ((await drainOutbox(allOutboxHandlers)).claimed > 0);
    const refund = fake.calls.filter((c) => c.path === "/v1/refunds").at(-1)!;
    expect(refund.params.get("payment_intent")).toBe(`pi_${payment.externalId}`);
    expect(refund.params.get("amount")).toBe(String(payment.amountCents));
    expect(refund.idempotencyKey).toBe(`refund-${(await refundsOf(payment.id))[0].id}`);
    expect((await db.select().from(payments).where(eq(payments.id, payment.id)))[0].status).toBe("refunded");
  });
});

const refundsOf = (paymentId: string) => db.select().from(refunds).where(eq(refunds.paymentId, paymentId));
const auditOf = async (paymentId: string) => (await db.select().from(auditEvents).where(eq(auditEvents.entityId, paymentId)).orderBy(auditEvents.createdAt)).map((a) => [a.action, a.reason ?? a.toState]);
const drainAll = async () => {
  while ((await drainOutbox(allOutboxHandlers)).claimed > 0);
};

describe("one open Checkout Session per voucher", () => {
  it("gives a second click the same session, also when both come at once", async () => {
    const { engagementId, voucher } = await awaitingOwnShare();
    const [first, second] = await Promise.all([startOwnShareCheckout(retailer.id, engagementId), startOwnShareCheckout(retailer.id, engagementId)]);
    expect(second).toBe(first);
    expect(await startOwnShareCheckout(retailer.id, engagementId)).toBe(first);
    const rows = await db.select().from(payments).where(eq(payments.voucherId, voucher.id));
    expect(rows.filter((p) => p.status === "open")).toHaveLength(1);
    // A session made by the losing click of a race is expired at Stripe, never left payable: of
    // the sessions Stripe was asked to make for this voucher, every one but the stored one was
    // asked to expire (one made and none expired when the second click found the first's).
    const [kept] = rows.filter((p) => p.status === "open");
    const made = fake.sessionsFor(voucher.id);
    expect(made.map((session) => session.id)).toContain(kept.externalId);
    const expireCalls = fake.calls.filter((c) => c.method === "POST" && /\/v1\/checkout\/sessions\/[^/]+\/expire$/.test(c.path)).map((c) => c.path.split("/")[4]);
    const others = made.filter((session) => session.id !== kept.externalId);
    expect(expireCalls.filter((id) => made.some((session) => session.id === id)).sort()).toEqual(others.map((session) => session.id).sort());
    expect(others.every((session) => session.status === "expired")).toBe(true);
  });

  it("replaces a session Stripe expired, and sends a customer who already paid back to the engagement", async () => {
    const { engagementId } = await awaitingOwnShare();
    const first = (await startOwnShareCheckout(retailer.id, engagementId))!;
    const firstId = first.split("/").at(-1)!;
    fake.lapse(firstId);
    const second = (await startOwnShareCheckout(retailer.id, engagementId))!;
    expect(second).not.toBe(first);
    fake.complete(second.split("/").at(-1)!);
    expect(await startOwnShareCheckout(retailer.id, engagementId)).toMatch(new RegExp(`/trajecten/${engagementId}\\?betaling=ok$`));
  });
});

describe("a payment is always credited or refunded", () => {
  it("refunds a Stripe payment that arrives after the transfer was confirmed from the bank statement", async () => {
    const { engagementId, voucher } = await awaitingOwnShare();
    await startOwnShareCheckout(retailer.id, engagementId);
    const payment = await paymentOf(engagementId);
    expect(await confirmOwnShare(admin.id, voucher.id)).toEqual({ ok: true });
    fake.complete(payment.externalId);
    const late = delivery(sessionEvent(`evt_late_${engagementId}`, "checkout.session.completed", payment.externalId));
    expect((await handleStripeWebhook(late.payload, late.signature)).status).toBe(200);
    expect((await db.select().from(payments).where(eq(payments.id, payment.id)))[0].status).toBe("paid");
    await drainAll();
    const refund = fake.calls.filter((c) => c.path === "/v1/refunds").at(-1)!;
    expect(Object.fromEntries(refund.params)).toMatchObject({ payment_intent: `pi_${payment.externalId}`, amount: String(payment.amountCents), reason: "duplicate" });
    expect(refund.idempotencyKey).toBe(`refund-${(await refundsOf(payment.id))[0].id}`);
    expect((await db.select().from(payments).where(eq(payments.id, payment.id)))[0].status).toBe("refunded");
    expect(await auditOf(payment.id)).toEqual([
      ["payment.refund_due", "alreadyPaid"],
      ["payment.refunded", "succeeded"],
    ]);
    // A retried delivery changes nothing and refunds nothing more.
    const refunds = fake.calls.filter((c) => c.path === "/v1/refunds").length;
    await handleStripeWebhook(late.payload, late.signature);
    await drainAll();
    expect(fake.calls.filter((c) => c.path === "/v1/refunds").length).toBe(refunds);
  });

  it("refunds a payment that arrives after the unpaid-share timer cancelled the engagement", async () => {
    const { engagementId, voucher } = await awaitingOwnShare();
    await startOwnShareCheckout(retailer.id, engagementId);
    const payment = await paymentOf(engagementId);
    await db.update(vouchers).set({ paymentDueOn: "2020-01-01" }).where(eq(vouchers.id, voucher.id));
    await runTimers();
    expect((await db.select().from(engagements).where(eq(engagements.id, engagementId)))[0].state).toBe("cancelled");
    fake.complete(payment.externalId);
    const late = delivery(sessionEvent(`evt_after_cancel_${engagementId}`, "checkout.session.completed", payment.externalId));
    await handleStripeWebhook(late.payload, late.signature);
    await drainAll();
    expect((await db.select().from(payments).where(eq(payments.id, payment.id)))[0].status).toBe("refunded");
    expect((await auditOf(payment.id))[0]).toEqual(["payment.refund_due", "engagementCancelled"]);
  });
});

/** An event whose object is not a Checkout Session: a charge, a refund, a dispute, as Stripe sends them. */
function objectEvent(id: string, type: string, object: Record<string, unknown>) {
  return { id, object: "event", type, api_version: "2025-01-01", created: Math.floor(Date.now() / 1000), data: { object } };
}
const deliver = async (event: Record<string, unknown>) => {
  const d = delivery(event);
  return handleStripeWebhook(d.payload, d.signature);
};
const stateOf = async (engagementId: string) => (await db.select().from(engagements).where(eq(engagements.id, engagementId)))[0].state;

/** An own share paid online and credited: the engagement in intake. */
async function paidOnline() {
  const { engagementId, voucher } = await awaitingOwnShare();
  await startOwnShareCheckout(retailer.id, engagementId);
  const payment = await paymentOf(engagementId);
  fake.complete(payment.externalId);
  await deliver(sessionEvent(`evt_paid_${payment.id}`, "checkout.session.completed", payment.externalId));
  expect(await stateOf(engagementId)).toBe("intake");
  return { engagementId, voucher, payment: await paymentOf(engagementId) };
}

describe("Stripe's edges (issue 21, item 8)", () => {
  it("credits a Bancontact payment Stripe reports as succeeded after it first reported it failed", async () => {
    const { engagementId } = await awaitingOwnShare();
    await startOwnShareCheckout(retailer.id, engagementId);
    const payment = await paymentOf(engagementId);
    await deliver(sessionEvent(`evt_fail_${payment.id}`, "checkout.session.async_payment_failed", payment.externalId, "unpaid"));
    expect((await paymentOf(engagementId)).status).toBe("failed");
    await deliver(sessionEvent(`evt_ok_${payment.id}`, "checkout.session.async_payment_succeeded", payment.externalId));
    expect((await paymentOf(engagementId)).status).toBe("paid");
    expect(await stateOf(engagementId)).toBe("intake");
  });

  it("keeps a refund's status as Stripe answers it (pending), and follows Stripe's later event to succeeded", async () => {
    const { engagementId, payment } = await paidOnline();
    fake.answerRefundsWith("pending");
    try {
      await transition(engagementId, "cancel", { userId: retailer.id, role: "retailer" }, "Toch niet.");
      await drainAll();
    } finally {
      fake.answerRefundsWith("succeeded");
    }
    const [pending] = await refundsOf(payment.id);
    // Before: marked "refunded" whatever Stripe said.
    expect(pending).toMatchObject({ method: "card", status: "pending", amountCents: payment.amountCents, reason: "settlement" });
    expect((await paymentOf(engagementId)).status).toBe("paid");
    await deliver(objectEvent(`evt_refund_${payment.id}`, "charge.refund.updated", { id: pending.stripeRefundId, object: "refund", amount: payment.amountCents, status: "succeeded", payment_intent: payment.paymentIntentId }));
    expect((await refundsOf(payment.id))[0].status).toBe("succeeded");
    expect((await paymentOf(engagementId)).status).toBe("refunded");
  });

  it("records a refund made in Stripe's dashboard from charge.refunded and tells the office", async () => {
    const { engagementId, payment } = await paidOnline();
    await deliver(objectEvent(`evt_dash_${payment.id}`, "charge.refunded", { id: `ch_${payment.id}`, object: "charge", amount: payment.amountCents, amount_refunded: 10_000, payment_intent: payment.paymentIntentId, refunded: false }));
    expect(await refundsOf(payment.id)).toEqual([expect.objectContaining({ reason: "stripeDashboard", amountCents: 10_000, status: "succeeded" })]);
    const problems = await listStripeProblems();
    expect(problems).toContainEqual(expect.objectContaining({ id: `evt_dash_${payment.id}`, problem: "unrequestedRefund", engagementId }));
    // The same charge.refunded again (Stripe retries with a new event id) records nothing more.
    await deliver(objectEvent(`evt_dash2_${payment.id}`, "charge.refunded", { id: `ch_${payment.id}`, object: "charge", amount: payment.amountCents, amount_refunded: 10_000, payment_intent: payment.paymentIntentId, refunded: false }));
    expect(await refundsOf(payment.id)).toHaveLength(1);
  });

  it("un-credits an own share on a chargeback and stops the engagement in disputed for the office", async () => {
    const { engagementId, voucher, payment } = await paidOnline();
    await transition(engagementId, "start_plan", { userId: provider.id, role: "provider" });
    await deliver(objectEvent(`evt_dispute_${payment.id}`, "charge.dispute.created", { id: `dp_${payment.id}`, object: "dispute", amount: payment.amountCents, charge: `ch_${payment.id}`, payment_intent: payment.paymentIntentId, reason: "fraudulent", status: "needs_response" }));
    expect((await paymentOf(engagementId)).status).toBe("disputed");
    expect((await db.select().from(vouchers).where(eq(vouchers.id, voucher.id)))[0].paidAt).toBeNull();
    expect(await stateOf(engagementId)).toBe("disputed");
    expect(await listStripeProblems()).toContainEqual(expect.objectContaining({ problem: "dispute", engagementId, amountCents: payment.amountCents }));
  });

  it("stores an event for a session Koppel does not know, shows it to the office until resolved (audited)", async () => {
    const unknown = sessionEvent("evt_unknown_session", "checkout.session.completed", "cs_test_nobody_knows");
    expect((await deliver(unknown)).status).toBe(200);
    expect(await listStripeProblems()).toContainEqual(expect.objectContaining({ id: "evt_unknown_session", problem: "unknownSession", objectId: "cs_test_nobody_knows" }));
    const page = await (await respond(() => paymentsPage.loader(args(getRequest("/beheer/betalingen", { cookie: admin.cookie }))))).json();
    expect(page.stripeProblems.map((p: { id: string }) => p.id)).toContain("evt_unknown_session");
    const form = new URLSearchParams({ intent: "resolve-stripe", eventId: "evt_unknown_session", resolution: "Testbetaling van de bank, terugbetaald in het dashboard." });
    const resolved = await respond(() => paymentsPage.action(args(new Request(`${origin}/beheer/betalingen`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", cookie: admin.cookie, origin }, body: form }))));
    expect(resolved.status).toBe(302);
    expect((await listStripeProblems()).map((p) => p.id)).not.toContain("evt_unknown_session");
    expect((await db.select().from(auditEvents).where(eq(auditEvents.entityId, "evt_unknown_session"))).map((a) => [a.action, a.actorId])).toEqual([["stripe_event.resolve", admin.id]]);
  });
});
