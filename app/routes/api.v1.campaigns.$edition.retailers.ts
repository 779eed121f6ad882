import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/modules/auth/index.server";
import { getCampaignFeed } from "~/modules/campaigns/index.server";

/**
 * GET /api/v1/campaigns/<edition>/retailers?nis=<code>: the approved participants of a running
 * edition as public JSON (shape: CampaignFeedSchema, docs/api.md), for municipal websites. Any
 * site may read it from the browser; caches may keep it five minutes.
 */
const cors = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, OPTIONS", "Access-Control-Max-Age": "86400" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public and the same for everyone: no cookie or token changes the answer.
  await getUser(request);
  // Remix hands OPTIONS (a browser's preflight) to the loader.
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });
  const nis = new URL(request.url).searchParams.get("nis") ?? undefined;
  if (nis !== undefined && !/^3\d{4}$/.test(nis)) {
    return json({ error: { code: "invalid_query", message: "De NIS-code moet een West-Vlaamse gemeente zijn, bijvoorbeeld 31005." } }, { status: 400, headers: cors });
  }
  const feed = await getCampaignFeed(params.edition ?? "", nis);
  if (!feed) return json({ error: { code: "not_found", message: "Deze editie of gemeente bestaat niet of loopt niet." } }, { status: 404, headers: cors });
  return json(feed, { headers: { ...cors, "Cache-Control": "public, max-age=300" } });
}

/** A read-only feed: every other method is refused. */
export async function action(_args: ActionFunctionArgs) {
  return json({ error: { code: "method_not_allowed", message: "Alleen GET is toegestaan." } }, { status: 405, headers: { ...cors, Allow: "GET, OPTIONS" } });
}
