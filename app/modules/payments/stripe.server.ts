import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import Stripe from "stripe";
import { db, type Executor } from "~db/client";
import { businesses, engagements, payments, refunds, stripeEvents, vouchers, type StripeProblem } from "~db/schema";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { isUniqueViolation } from "~/lib/pg-errors";
import { recordOwnShareDisputed, recordOwnSharePaid } from "~/modules/engagements/index.server";
import { queueCardRefund } from "~/modules/vouchers/index.server";
import { recordStripeRefund } from "./refunds.server";
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
    const unsettled = await applyEvent(tx, event);
    // What Koppel cannot settle on its own waits for the office, with what Stripe sent.
    if (unsettled) {
      await tx
        .update(stripeEvents)
        .set({ problem: unsettled.problem, object: event.data.object as unknown as Record<string, unknown>, engagementId: unsettled.engagementId })
        .where(eq(stripeEvents.id, event.id));
      logger.warn({ eventId: event.id, type: event.type, problem: unsettled.problem }, "stripe event for the office");
    }
    return { status: 200 as const, body: { received: true } };
  });
}

type Unsettled = { problem: StripeProblem; engagementId: string | null } | null;

async function applyEvent(tx: Executor, event: Stripe.Event): Promise<Unsettled> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired":
      return applySessionEvent(tx, event.type, event.data.object);
    case "charge.refunded":
      return applyChargeRefunded(tx, event.data.object);
    case "charge.refund.updated":
    case "refund.created":
    case "refund.updated":
    case "refund.failed": {
      const row = await recordStripeRefund(tx, event.data.object);
      return row?.status === "failed" ? { problem: "refundFailed", engagementId: await engagementOfVoucher(tx, row.voucherId) } : null;
    }
    case "charge.dispute.created":
      return applyDispute(tx, event.data.object);
    default:
      return null;
  }
}

async function applySessionEvent(tx: Executor, type: string, session: Stripe.Checkout.Session): Promise<Unsettled> {
  const [payment] = await tx.select().from(payments).where(eq(payments.externalId, session.id));
  if (!payment) {
    // Not one of ours, or one whose record was lost: never acknowledged and forgotten.
    const engagementId = typeof session.metadata?.engagementId === "string" ? session.metadata.engagementId : null;
    const [known] = engagementId ? await tx.select({ id: engagements.id }).from(engagements).where(eq(engagements.id, engagementId)) : [];
    return { problem: "unknownSession", engagementId: known?.id ?? null };
  }
  const intent = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
  const paidNow = (type === "checkout.session.completed" && session.payment_status === "paid") || type === "checkout.session.async_payment_succeeded";
  if (paidNow) {
    // "open", "expired" (a session we expired may still have been paid in the seconds before) or
    // "failed" (Stripe may still report success after a failure it reported first).
    const updated = await tx
      .update(payments)
      .set({ status: "paid", paymentIntentId: intent, updatedAt: new Date() })
      .where(and(eq(payments.id, payment.id), inArray(payments.status, ["open", "expired", "failed"])))
      .returning({ id: payments.id });
    if (updated.length) {
      const credited = await recordOwnSharePaid(tx, null, payment.voucherId);
      // Paid, but nothing to pay for any more: the transfer came first, or the engagement was
      // cancelled meanwhile. The money goes back, through the outbox, once.
      if (!credited.ok) {
        const reason = credited.error === "notAllowed" ? await whyNotCredited(tx, payment.voucherId) : credited.error;
        await queueCardRefund(tx, { paymentId: payment.id, voucherId: payment.voucherId, amountCents: payment.amountCents, reason });
      }
    }
  } else if (type === "checkout.session.async_payment_failed" || type === "checkout.session.expired") {
    await tx
      .update(payments)
      .set({ status: type === "checkout.session.expired" ? "expired" : "failed", updatedAt: new Date() })
      .where(and(eq(payments.id, payment.id), eq(payments.status, "open")));
  }
  // checkout.session.completed with payment_status "unpaid" (Bancontact pending) waits for the async events.
  return null;
}

/**
 * A charge was refunded, by Koppel's request or in Stripe's dashboard. Each refund on the charge is
 * recorded with its status; one Koppel did not ask for takes money the programme counted on, so the
 * office is told. Since API version 2022-11-15 a charge no longer lists its refunds: then the
 * amount Stripe says was refunded beyond what Koppel knows of is recorded as one refund.
 */
async function applyChargeRefunded(tx: Executor, charge: Stripe.Charge): Promise<Unsettled> {
  const intent = typeof charge.payment_intent === "string" ? charge.payment_intent : (charge.payment_intent?.id ?? null);
  const [payment] = intent ? await tx.select().from(payments).where(eq(payments.paymentIntentId, intent)) : [];
  if (!payment) return { problem: "unknownSession", engagementId: null };
  const asked = await tx.select().from(refunds).where(eq(refunds.paymentId, payment.id));
  let unrequested = false;
  const listed = charge.refunds?.data ?? [];
  for (const refund of listed) {
    unrequested ||= !asked.some((r) => r.stripeRefundId === refund.id);
    await recordStripeRefund(tx, refund);
  }
  if (listed.length === 0) {
    const known = asked.filter((r) => r.status !== "failed" && r.status !== "canceled").reduce((sum, r) => sum + r.amountCents, 0);
    const beyond = charge.amount_refunded - known;
    if (beyond > 0) {
      unrequested = true;
      await recordStripeRefund(tx, { id: `${charge.id}:${charge.amount_refunded}`, amount: beyond, status: "succeeded", payment_intent: intent });
    }
  }
  return unrequested ? { problem: "unrequestedRefund", engagementId: await engagementOfVoucher(tx, payment.voucherId) } : null;
}

/**
 * A chargeback: the card's issuer takes the money back from the programme's Stripe balance. The own
 * share is no longer held, so it is no longer credited; the engagement stops in "disputed" for the
 * office to resolve with the parties.
 */
async function applyDispute(tx: Executor, dispute: Stripe.Dispute): Promise<Unsettled> {
  const intent = typeof dispute.payment_intent === "string" ? dispute.payment_intent : (dispute.payment_intent?.id ?? null);
  const [payment] = intent ? await tx.select().from(payments).where(eq(payments.paymentIntentId, intent)) : [];
  if (!payment) return { problem: "dispute", engagementId: null };
  await tx.update(payments).set({ status: "disputed", updatedAt: new Date() }).where(eq(payments.id, payment.id));
  await recordAudit(tx, { actorId: null, action: "payment.dispute", entityType: "payment", entityId: payment.id, reason: dispute.reason, data: { amountCents: dispute.amount } });
  const engagementId = await recordOwnShareDisputed(tx, payment.voucherId, dispute.reason);
  return { problem: "dispute", engagementId };
}

async function engagementOfVoucher(tx: Executor, voucherId: string | null) {
  if (!voucherId) return null;
  const [row] = await tx.select({ engagementId: vouchers.engagementId }).from(vouchers).where(eq(vouchers.id, voucherId));
  return row?.engagementId ?? null;
}

/** Why a payment could not be credited, for the audit log. */
async function whyNotCredited(tx: Executor, voucherId: string) {
  const [row] = await tx.select({ paidAt: vouchers.paidAt, status: vouchers.status, state: engagements.state }).from(vouchers).innerJoin(engagements, eq(engagements.id, vouchers.engagementId)).where(eq(vouchers.id, voucherId));
  if (row?.paidAt) return "alreadyPaid";
  if (row?.state === "cancelled") return "engagementCancelled";
  return `voucher${row?.status ?? "Missing"}`;
}

/**
 * The worker makes a card refund at Stripe. The idempotency key makes a retried job (after a crash
 * between Stripe's answer and our write) ask for the same refund, not a second one; Stripe's answer
 * (its status may be pending, or failed) is what the refund records.
 */
async function makeCardRefund(payload: Record<string, unknown>) {
  const refundId = typeof payload.refundId === "string" ? payload.refundId : await legacyRefund(payload);
  if (!refundId) return;
  const [refund] = await db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!refund || refund.status !== "due" || !refund.paymentId) return;
  const [payment] = await db.select().from(payments).where(eq(payments.id, refund.paymentId));
  if (!payment.paymentIntentId) throw new Error(`payment ${payment.id} has no payment intent to refund`);
  const answer = await stripe().refunds.create(
    { payment_intent: payment.paymentIntentId, amount: refund.amountCents, reason: refund.reason === "alreadyPaid" ? "duplicate" : "requested_by_customer" },
    { idempotencyKey: `refund-${refund.id}` },
  );
  await db.transaction((tx) => recordStripeRefund(tx, answer, refund.id));
}

/** A job queued before refunds were recorded names only the payment: its whole amount, as then. */
async function legacyRefund(payload: Record<string, unknown>) {
  const [payment] = await db.select().from(payments).where(eq(payments.id, String(payload.paymentId)));
  if (!payment || payment.status !== "paid") return null;
  const [row] = await db.insert(refunds).values({ method: "card", reason: String(payload.reason ?? "legacy"), amountCents: payment.amountCents, voucherId: payment.voucherId, paymentId: payment.id }).returning({ id: refunds.id });
  return row.id;
}

export const paymentsOutboxHandlers = { "payment.refund": makeCardRefund };

/** Stripe events the office still has to resolve, oldest first, with the engagement they concern. */
export async function listStripeProblems() {
  return db
    .select({ id: stripeEvents.id, type: stripeEvents.type, problem: stripeEvents.problem, receivedAt: stripeEvents.receivedAt, engagementId: stripeEvents.engagementId, object: stripeEvents.object })
    .from(stripeEvents)
    .where(and(isNotNull(stripeEvents.problem), isNull(stripeEvents.resolvedAt)))
    .orderBy(asc(stripeEvents.receivedAt))
    .then((rows) =>
      rows.map(({ object, ...row }) => ({
        ...row,
        // What the office needs to find it in Stripe's dashboard: the object's id and amount.
        objectId: typeof object?.id === "string" ? object.id : null,
        amountCents: typeof object?.amount === "number" ? object.amount : typeof object?.amount_total === "number" ? object.amount_total : null,
      })),
    );
}

/** The office resolved a Stripe event (with the parties, in Stripe's dashboard): noted and audited. */
export async function resolveStripeProblem(adminId: string, eventId: string, resolution: string) {
  const note = resolution.trim();
  if (note.length < 3) return { ok: false as const, error: "noteRequired" as const };
  return db.transaction(async (tx) => {
    const [resolved] = await tx
      .update(stripeEvents)
      .set({ resolvedAt: new Date(), resolvedBy: adminId, resolution: note })
      .where(and(eq(stripeEvents.id, eventId), isNotNull(stripeEvents.problem), isNull(stripeEvents.resolvedAt)))
      .returning({ problem: stripeEvents.problem });
    if (!resolved) return { ok: false as const, error: "notAllowed" as const };
    await recordAudit(tx, { actorId: adminId, action: "stripe_event.resolve", entityType: "stripe_event", entityId: eventId, toState: resolved.problem, reason: note });
    return { ok: true as const };
  });
}
