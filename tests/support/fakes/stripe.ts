import http from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A fake of Stripe's HTTP API, for the two calls Koppel makes. Requests arrive form-encoded, as the
 * stripe library sends them; each is checked against the documented parameters and answered with
 * the documented object shape (https://docs.stripe.com/api/checkout/sessions/create,
 * https://docs.stripe.com/api/refunds/create).
 */

export interface StripeCall {
  path: string;
  params: URLSearchParams;
  idempotencyKey: string | null;
}

const required: Record<string, string[]> = {
  "/v1/checkout/sessions": ["mode", "success_url", "cancel_url", "line_items[0][quantity]", "line_items[0][price_data][currency]", "line_items[0][price_data][unit_amount]", "line_items[0][price_data][product_data][name]"],
  "/v1/refunds": ["payment_intent"],
};

export async function startFakeStripe() {
  const calls: StripeCall[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://fake").pathname;
      const params = new URLSearchParams(raw);
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": `req_fake_${++n}` });
        res.end(JSON.stringify(body));
      };
      if (!req.headers.authorization?.startsWith("Bearer sk_test_")) return reply(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
      const missing = (required[path] ?? []).filter((k) => !params.has(k));
      if (!required[path]) return reply(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (POST: ${path})` } });
      if (missing.length) return reply(400, { error: { type: "invalid_request_error", message: `Missing required param: ${missing[0]}.`, param: missing[0] } });
      calls.push({ path, params, idempotencyKey: (req.headers["idempotency-key"] as string | undefined) ?? null });
      if (path === "/v1/checkout/sessions") {
        const id = `cs_test_${n}${Date.now()}`;
        return reply(200, {
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
        });
      }
      return reply(200, { id: `re_test_${n}`, object: "refund", payment_intent: params.get("payment_intent"), status: "succeeded", amount: 0, currency: "eur" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}
