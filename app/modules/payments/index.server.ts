import { and, eq, inArray, isNull } from "drizzle-orm";
import Stripe from "stripe";
import { db, type Executor } from "~db/client";
import { businesses, engagements, payments, stripeEvents, vouchers } from "~db/schema";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { isUniqueViolation } from "~/lib/pg-errors";
import { recordOwnSharePaid } from "~/modules/engagements/index.server";
import { enqueue } from "~/modules/notifications/index.server";
import { recordAudit } from "~/modules/reporting/index.server";

/*
 * Own-share payments online: Stripe Checkout (card and Bancontact, EUR) when STRIPE_SECRET_KEY is
 * set. Without it the own share is paid by bank transfer with a structured communication, which the
 * programme office confirms (app/modules/engagements/voucher-steps.server.ts).
 */

export const paymentsKind = env.STRIPE_SECRET_KEY ? ("stripe" as const) : ("bank_transfer" as const);

let client: Stripe | undefined;
function stripe() {
  if (!env.STRIPE_SECRET_KEY) throw new Error("Stripe is not configured (STRIPE_SECRET_KEY).");
  if (!client) {
    const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null;
    client = new Stripe(env.STRIPE_SECRET_KEY, {
      maxNetworkRetries: 2,
      ...(base ? { host: base.hostname, port: Number(base.port), protocol: base.protocol.replace(":", "") as "http" | "https" } : {}),
    });
  }
  return client;
}

/**
 * The Checkout Session for the retailer's own share of one of their engagements; null when not
 * theirs or not due. A session still open is reused (a second click, another tab), and any other
 * open one expired: one open session per voucher, held by a unique index, so two payments of the
 * same own share cannot both go through here. Should one come through anyway, the webhook refunds it.
 */
export async function startOwnShareCheckout(ownerId: string, engagementId: string) {
  const [row] = await db
    .select({ voucher: vouchers, businessName: businesses.name })
    .from(vouchers)
    .innerJoin(engagements, eq(engagements.id, vouchers.engagementId))
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .where(and(eq(vouchers.engagementId, engagementId), eq(businesses.ownerId, ownerId), eq(vouchers.status, "approved"), isNull(vouchers.paidAt)));
  if (!row) return null;
  const back = `${env.APP_URL}/trajecten/${engagementId}`;
  // Where the customer goes instead of a new session: the open one, or back if it is already paid.
  const existing = async () => {
    const open = await openSession(row.voucher.id, row.voucher.ownShareCents);
    return open && (open.paid ? `${back}?betaling=ok` : open.url);
  };
  const reusable = await existing();
  if (reusable) return reusable;
  const session = await stripe().checkout.sessions.create({
    mode: "payment",
    // The current API filters the dynamically eligible methods down to these two.
    allowed_payment_method_types: ["card", "bancontact"],
    currency: "eur",
    line_items: [
      {
        quantity: 1,
        price_data: { currency: "eur", unit_amount: row.voucher.ownShareCents, product_data: { name: `Eigen bijdrage digitaal traject – ${row.businessName}` } },
      },
    ],
    client_reference_id: row.voucher.id,
    metadata: { engagementId, voucherId: row.voucher.id },
    payment_intent_data: { metadata: { engagementId, voucherId: row.voucher.id } },
    success_url: `${back}?betaling=ok`,
    cancel_url: `${back}?betaling=geannuleerd`,
  });
  try {
    await db.insert(payments).values({ voucherId: row.voucher.id, externalId: session.id, amountCents: row.voucher.ownShareCents });
    return session.url;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another click made its session in the meantime: that one stays, this one goes.
    await stripe().checkout.sessions.expire(session.id);
    return existing();
  }
}

/**
 * The voucher's open session as Stripe sees it now: its URL while it can still be paid, `paid`
 * when the customer paid and the webhook is on its way. A session for another amount, or one that
 * Stripe expired, is expired here too.
 */
async function openSession(voucherId: string, amountCents: number) {
  const [open] = await db.select().from(payments).where(and(eq(payments.voucherId, voucherId), eq(payments.status, "open")));
  if (!open) return null;
  const session = await stripe().checkout.sessions.retrieve(open.externalId);
  if (session.status === "complete") return { paid: true as const, url: null };
  if (session.status === "open" && session.url && open.amountCents === amountCents) return { paid: false as const, url: session.url };
  if (session.status === "open") await stripe().checkout.sessions.expire(open.externalId);
  await db.update(payments).set({ status: "expired", updatedAt: new Date() }).where(and(eq(payments.id, open.id), eq(payments.status, "open")));
  return null;
}

export type WebhookOutcome = { status: 200 | 400; body: { received: boolean; duplicate?: boolean; error?: string } };

/**
 * POST /webhooks/stripe. The signature is checked by the stripe library; each event id is recorded
 * once in the same transaction as its effect, so replays and concurrent duplicates credit once.
 */
export async function handleStripeWebhook(rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  if (!env.STRIPE_WEBHOOK_SECRET) return { status: 400, body: { received: false, error: "Webhooks are not configured." } };
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(rawBody, signature ?? "", env.STRIPE_WEBHOOK_SECRET);
  } catch {
    return { status: 400, body: { received: false, error: "Invalid signature." } };
  }
  return db.transaction(async (tx) => {
    const fresh = await tx.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.id });
    if (fresh.length === 0) return { status: 200 as const, body: { received: true, duplicate: true } };
    if (!event.type.startsWith("checkout.session.")) return { status: 200 as const, body: { received: true } };
    const session = event.data.object as Stripe.Checkout.Session;
    const [payment] = await tx.select().from(payments).where(eq(payments.externalId, session.id));
    if (!payment) {
      logger.warn({ eventId: event.id, session: session.id }, "stripe event for an unknown checkout session");
      return { status: 200 as const, body: { received: true } };
    }
    const intent = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
    const paidNow =
      (event.type === "checkout.session.completed" && session.payment_status === "paid") || event.type === "checkout.session.async_payment_succeeded";
    if (paidNow) {
      // "open" or "expired": a session we expired may still have been paid in the seconds before.
      const updated = await tx
        .update(payments)
        .set({ status: "paid", paymentIntentId: intent, updatedAt: new Date() })
        .where(and(eq(payments.id, payment.id), inArray(payments.status, ["open", "expired"])))
        .returning({ id: payments.id });
      if (updated.length) {
        const credited = await recordOwnSharePaid(tx, null, payment.voucherId);
        // Paid, but nothing to pay for any more: the transfer came first, or the engagement was
        // cancelled meanwhile. The money goes back, through the outbox, once.
        if (!credited.ok) await queueRefund(tx, payment.id, credited.error === "notAllowed" ? await whyNotCredited(tx, payment.voucherId) : credited.error);
      }
    } else if (event.type === "checkout.session.async_payment_failed" || event.type === "checkout.session.expired") {
      await tx
        .update(payments)
        .set({ status: event.type === "checkout.session.expired" ? "expired" : "failed", updatedAt: new Date() })
        .where(and(eq(payments.id, payment.id), eq(payments.status, "open")));
    }
    // checkout.session.completed with payment_status "unpaid" (Bancontact pending) waits for the async events.
    return { status: 200 as const, body: { received: true } };
  });
}

/** Why a payment could not be credited, for the audit log. */
async function whyNotCredited(tx: Executor, voucherId: string) {
  const [row] = await tx.select({ paidAt: vouchers.paidAt, status: vouchers.status, state: engagements.state }).from(vouchers).innerJoin(engagements, eq(engagements.id, vouchers.engagementId)).where(eq(vouchers.id, voucherId));
  if (row?.paidAt) return "alreadyPaid";
  if (row?.state === "cancelled") return "engagementCancelled";
  return `voucher${row?.status ?? "Missing"}`;
}

/** A refund of one payment, queued in the caller's transaction and audited there. */
async function queueRefund(tx: Executor, paymentId: string, reason: string) {
  await enqueue(tx, "payment.refund", { paymentId, reason });
  await recordAudit(tx, { actorId: null, action: "payment.refund_due", entityType: "payment", entityId: paymentId, reason });
}

/**
 * The worker's refund: the whole amount back to the payment intent. The idempotency key makes a
 * retried job (after a crash between Stripe's answer and our write) ask Stripe for the same
 * refund, not a second one. Stripe's answer, its status and amount, goes into the audit log.
 */
async function refundPayment(payload: Record<string, unknown>) {
  const [payment] = await db.select().from(payments).where(eq(payments.id, String(payload.paymentId)));
  if (!payment || payment.status === "refunded") return;
  if (!payment.paymentIntentId) throw new Error(`payment ${payment.id} has no payment intent to refund`);
  const refund = await stripe().refunds.create(
    { payment_intent: payment.paymentIntentId, amount: payment.amountCents, reason: payload.reason === "alreadyPaid" ? "duplicate" : "requested_by_customer" },
    { idempotencyKey: `refund-${payment.id}` },
  );
  await db.transaction(async (tx) => {
    await tx.update(payments).set({ status: "refunded", updatedAt: new Date() }).where(eq(payments.id, payment.id));
    await recordAudit(tx, { actorId: null, action: "payment.refunded", entityType: "payment", entityId: payment.id, toState: refund.status ?? "unknown", data: { refundId: refund.id, amountCents: refund.amount } });
  });
}

/** On cancellation an own share paid online goes back through Stripe. */
async function refundCancelledEngagement(payload: Record<string, unknown>) {
  const engagementId = payload.engagementId as string;
  const paid = await db
    .select({ payment: payments })
    .from(payments)
    .innerJoin(vouchers, eq(vouchers.id, payments.voucherId))
    .where(and(eq(vouchers.engagementId, engagementId), eq(payments.status, "paid")));
  for (const { payment } of paid) await refundPayment({ paymentId: payment.id, reason: "engagementCancelled" });
}

export const paymentsOutboxHandlers = { "engagement.cancelled": refundCancelledEngagement, "payment.refund": refundPayment };

export { decodeBankFile, readBankStatement, type StatementLine } from "./bank-statement";
export { createPayoutBatch, listPayables, listPayoutBatches, payoutBatchCsv, sepaCreditTransferXml, sepaText } from "./payouts.server";
