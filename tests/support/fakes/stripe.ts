import http from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A fake of Stripe's HTTP API, for the calls Koppel makes. Requests arrive form-encoded, as the
 * stripe library sends them; each is checked against the documented parameters and answered with
 * the documented object shape:
 *   POST /v1/checkout/sessions             https://docs.stripe.com/api/checkout/sessions/create
 *   GET  /v1/checkout/sessions/:id         https://docs.stripe.com/api/checkout/sessions/retrieve
 *   POST /v1/checkout/sessions/:id/expire  https://docs.stripe.com/api/checkout/sessions/expire
 *   POST /v1/refunds                       https://docs.stripe.com/api/refunds/create
 * Sessions are kept, so a retrieve sees an expiry or a payment; `complete()` plays the customer
 * paying (status "complete", payment_status "paid", a payment intent). A refund may be partial and
 * never beyond what is left unrefunded on the charge (documented 400 otherwise); its status is what
 * `answerRefundsWith()` says — `succeeded` by default, or `pending`, `requires_action`, `failed`,
 * as Stripe documents a refund's statuses.
 */

export interface StripeCall {
  method: string;
  path: string;
  params: URLSearchParams;
  idempotencyKey: string | null;
}

interface Session {
  id: string;
  object: "checkout.session";
  mode: string | null;
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  currency: string | null;
  amount_total: number;
  client_reference_id: string | null;
  metadata: Record<string, string | null>;
  payment_intent: string | null;
  success_url: string | null;
  cancel_url: string | null;
  url: string | null;
}

const required: Record<string, string[]> = {
  "POST /v1/checkout/sessions": ["mode", "success_url", "cancel_url", "line_items[0][quantity]", "line_items[0][price_data][currency]", "line_items[0][price_data][unit_amount]", "line_items[0][price_data][product_data][name]"],
  "POST /v1/refunds": ["payment_intent"],
};

export async function startFakeStripe() {
  const calls: StripeCall[] = [];
  const sessions = new Map<string, Session>();
  /** What each payment intent charged, so a refund without an amount refunds all of it. */
  const charged = new Map<string, number>();
  const refunded = new Map<string, number>();
  let refundStatus: "succeeded" | "pending" | "requires_action" | "failed" = "succeeded";
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://fake").pathname;
      const method = req.method ?? "GET";
      const params = new URLSearchParams(raw);
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": `req_fake_${++n}` });
        res.end(JSON.stringify(body));
      };
      const notFound = (message: string) => reply(404, { error: { type: "invalid_request_error", code: "resource_missing", message } });
      if (!req.headers.authorization?.startsWith("Bearer sk_test_")) return reply(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
      const route = /^\/v1\/checkout\/sessions\/[^/]+\/expire$/.test(path)
        ? `${method} /v1/checkout/sessions/:id/expire`
        : /^\/v1\/checkout\/sessions\/[^/]+$/.test(path)
          ? `${method} /v1/checkout/sessions/:id`
          : `${method} ${path}`;
      const missing = (required[route] ?? []).filter((k) => !params.has(k));
      if (missing.length) return reply(400, { error: { type: "invalid_request_error", message: `Missing required param: ${missing[0]}.`, param: missing[0] } });
      calls.push({ method, path, params, idempotencyKey: (req.headers["idempotency-key"] as string | undefined) ?? null });
      const sessionId = path.split("/")[4] ?? "";
      switch (route) {
        case "POST /v1/checkout/sessions": {
          const id = `cs_test_${n}${Date.now()}`;
          const session: Session = {
            id,
            object: "checkout.session",
            mode: params.get("mode"),
            status: "open",
            payment_status: "unpaid",
            currency: params.get("line_items[0][price_data][currency]"),
            amount_total: Number(params.get("line_items[0][price_data][unit_amount]")),
            client_reference_id: params.get("client_reference_id"),
            metadata: { engagementId: params.get("metadata[engagementId]"), voucherId: params.get("metadata[voucherId]") },
            payment_intent: null,
            success_url: params.get("success_url"),
            cancel_url: params.get("cancel_url"),
            url: `https://checkout.stripe.com/c/pay/${id}`,
          };
          sessions.set(id, session);
          return reply(200, session);
        }
        case "GET /v1/checkout/sessions/:id": {
          const session = sessions.get(sessionId);
          return session ? reply(200, session) : notFound(`No such checkout.session: '${sessionId}'`);
        }
        case "POST /v1/checkout/sessions/:id/expire": {
          const session = sessions.get(sessionId);
          if (!session) return notFound(`No such checkout.session: '${sessionId}'`);
          // Only an open session can be expired (documented error otherwise).
          if (session.status !== "open") return reply(400, { error: { type: "invalid_request_error", message: `Only Checkout Sessions with a status in ["open"] can be expired.` } });
          session.status = "expired";
          session.url = null;
          return reply(200, session);
        }
        case "POST /v1/refunds": {
          const intent = params.get("payment_intent")!;
          const left = (charged.get(intent) ?? 0) - (refunded.get(intent) ?? 0);
          const amount = params.has("amount") ? Number(params.get("amount")) : left;
          if (amount > left) return reply(400, { error: { type: "invalid_request_error", message: `Refund amount (€${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge (€${(left / 100).toFixed(2)})`, param: "amount" } });
          if (refundStatus !== "failed") refunded.set(intent, (refunded.get(intent) ?? 0) + amount);
          return reply(200, { id: `re_test_${n}`, object: "refund", amount, currency: "eur", payment_intent: intent, reason: params.get("reason"), status: refundStatus });
        }
        default:
          return reply(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path})` } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    calls,
    /** The customer pays a session: what Stripe shows afterwards, before or after its webhook arrives. */
    complete(sessionId: string) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: `pi_${sessionId}`, url: null });
      charged.set(`pi_${sessionId}`, session.amount_total);
    },
    /** Stripe expires a session on its own after 24 hours. */
    lapse(sessionId: string) {
      Object.assign(sessions.get(sessionId)!, { status: "expired", url: null });
    },
    session: (id: string) => sessions.get(id),
    /** The status Stripe gives the refunds it creates from now on. */
    answerRefundsWith(status: typeof refundStatus) {
      refundStatus = status;
    },
    /** Every session made for one client_reference_id (a voucher), in the order they were made. */
    sessionsFor: (clientReferenceId: string) => [...sessions.values()].filter((session) => session.client_reference_id === clientReferenceId),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
