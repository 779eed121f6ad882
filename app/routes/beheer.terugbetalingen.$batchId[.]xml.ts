import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantResponse } from "~/lib/responses";
import { requireRole } from "~/modules/auth/index.server";
import { refundBatchXml } from "~/modules/payments/index.server";

/** /beheer/terugbetalingen/<batch>.xml: a refund file as pain.001.001.03, for the programme office. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const batchId = params.batchId ?? "";
  const body = await refundBatchXml(batchId);
  invariantResponse(body);
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8", "Content-Disposition": `attachment; filename="koppel-terugbetaling-${batchId.slice(0, 8)}.xml"` } });
}
