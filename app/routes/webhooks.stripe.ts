import { json, type ActionFunctionArgs } from "@remix-run/node";
import { readText } from "~/lib/forms.server";
import { handleStripeWebhook } from "~/modules/payments/index.server";

export async function loader() {
  return json({ error: "Use POST." }, { status: 405, headers: { Allow: "POST" } });
}

/** Stripe's calls: no session and no Origin; the signature is what proves who is asking. */
export async function action({ request }: ActionFunctionArgs) {
  // Stripe's events weigh a few kilobytes; a chunked body is counted as it arrives.
  const body = await readText(request, 1_000_000);
  if (body === null) return json({ received: false, error: "Too large." }, { status: 413 });
  const outcome = await handleStripeWebhook(body, request.headers.get("Stripe-Signature"));
  return json(outcome.body, { status: outcome.status });
}
