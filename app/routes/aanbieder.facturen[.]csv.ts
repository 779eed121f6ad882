import type { LoaderFunctionArgs } from "@remix-run/node";
import { belgianDate } from "~/lib/dates";
import { requireRole } from "~/modules/auth/index.server";
import { providerInvoicesCsv } from "~/modules/invoices/index.server";

/** /aanbieder/facturen.csv: every invoice and credit note issued in the provider's name, for their accountant. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  return new Response(await providerInvoicesCsv(user.id), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="koppel-facturen-${belgianDate()}.csv"` },
  });
}
