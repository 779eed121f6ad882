import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv";
import { requireRole } from "~/modules/auth/index.server";
import { payoutBatchCsv, sepaCreditTransferXml } from "~/modules/payments/index.server";
import { invariantResponse, notFound } from "~/lib/responses";

/** /beheer/uitbetalingen/<batch>/sepa (pain.001.001.03 XML) and …/csv, for the programme office. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const batchId = params.batchId ?? "";
  if (params.format === "sepa") {
    const body = await sepaCreditTransferXml(batchId);
    invariantResponse(body);
    return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8", "Content-Disposition": `attachment; filename="koppel-uitbetaling-${batchId.slice(0, 8)}.xml"` } });
  }
  if (params.format === "csv") {
    const body = await payoutBatchCsv(batchId);
    invariantResponse(body);
    return csvResponse(body, `koppel-uitbetaling-${batchId.slice(0, 8)}.csv`);
  }
  throw notFound();
}
