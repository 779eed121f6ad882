import { json, type ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook } from "~/modules/payments/index.server";

export async function loader() {
  return json({ error: "Use POST." }, { status: 405, headers: { Allow: "POST" } });
}

/** Stripe's calls: no session and no Origin; the signature is what proves who is asking. */
export async function action({ request }: ActionFunctionArgs) {
  if (Number(request.headers.get("Content-Length") ?? 0) > 1_000_000) return json({ received: false, error: "Too large." }, { status: 413 });
  const outcome = await handleStripeWebhook(await request.text(), request.headers.get("Stripe-Signature"));
  return json(outcome.body, { status: outcome.status });
}
