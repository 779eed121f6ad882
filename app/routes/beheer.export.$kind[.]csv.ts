import { belgianDate } from "~/lib/dates";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv";
import { requireRole } from "~/modules/auth/index.server";
import { exportCsv, isExportKind } from "~/modules/reporting/index.server";
import { invariantResponse } from "~/lib/responses";

/** /beheer/export/<kind>.csv for the office: businesses, providers, requests, engagements, vouchers, payments, payouts. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const kind = params.kind ?? "";
  invariantResponse(isExportKind(kind));
  return csvResponse(await exportCsv(admin.id, kind), `koppel-${kind}-${belgianDate()}.csv`);
}
