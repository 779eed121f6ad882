import { and, eq, isNull } from "drizzle-orm";
import Stripe from "stripe";
import { db } from "~db/client";
import { businesses, engagements, payments, stripeEvents, vouchers } from "~db/schema";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { recordOwnSharePaid } from "~/modules/engagements/index.server";

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

/** A Checkout Session for the retailer's own share of one of their engagements; null when not theirs or not due. */
export async function startOwnShareCheckout(ownerId: string, engagementId: string) {
  const [row] = await db
    .select({ voucher: vouchers, businessName: businesses.name })
    .from(vouchers)
    .innerJoin(engagements, eq(engagements.id, vouchers.engagementId))
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .where(and(eq(vouchers.engagementId, engagementId), eq(businesses.ownerId, ownerId), eq(vouchers.status, "approved"), isNull(vouchers.paidAt)));
  if (!row) return null;
  const back = `${env.APP_URL}/trajecten/${engagementId}`;
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
  await db.insert(payments).values({ voucherId: row.voucher.id, externalId: session.id, amountCents: row.voucher.ownShareCents });
  return session.url;
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
      const updated = await tx
        .update(payments)
        .set({ status: "paid", paymentIntentId: intent, updatedAt: new Date() })
        .where(and(eq(payments.id, payment.id), eq(payments.status, "open")))
        .returning({ id: payments.id });
      if (updated.length) await recordOwnSharePaid(tx, null, payment.voucherId);
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

/** On cancellation an own share paid online goes back through Stripe (run by the outbox worker). */
async function refundCancelledEngagement(payload: Record<string, unknown>) {
  const engagementId = payload.engagementId as string;
  const paid = await db
    .select({ payment: payments })
    .from(payments)
    .innerJoin(vouchers, eq(vouchers.id, payments.voucherId))
    .where(and(eq(vouchers.engagementId, engagementId), eq(payments.status, "paid")));
  for (const { payment } of paid) {
    if (!payment.paymentIntentId) continue;
    // The idempotency key makes a retried job ask Stripe for the same refund, not a second one.
    await stripe().refunds.create({ payment_intent: payment.paymentIntentId, reason: "requested_by_customer" }, { idempotencyKey: `refund-${payment.id}` });
    await db.update(payments).set({ status: "refunded", updatedAt: new Date() }).where(eq(payments.id, payment.id));
  }
}

export const paymentsOutboxHandlers = { "engagement.cancelled": refundCancelledEngagement };

export { readBankStatement, type StatementLine } from "./bank-statement";
export { createPayoutBatch, listPayables, listPayoutBatches, payoutBatchCsv, sepaCreditTransferXml } from "./payouts.server";
