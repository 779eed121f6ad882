import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantResponse } from "~/lib/responses";
import { requireRole } from "~/modules/auth/index.server";
import { getInvoiceForViewer } from "~/modules/invoices/index.server";

/** /facturen/<id>.xml: the e-invoice exactly as issued (UBL 2.1, Peppol BIS Billing 3.0), for its parties and the office. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["retailer", "provider", "admin"]);
  const invoice = await getInvoiceForViewer(params.id ?? "", user);
  invariantResponse(invoice);
  return new Response(invoice.xml, { headers: { "Content-Type": "application/xml; charset=utf-8", "Content-Disposition": `attachment; filename="${invoice.number}.xml"` } });
}
