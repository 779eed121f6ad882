import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantResponse } from "~/lib/responses";
import { requireRole } from "~/modules/auth/index.server";
import { voucherEvidenceFile } from "~/modules/evidence/index.server";

/** /beheer/vouchers/<id>/dossier.zip: the voucher's evidence file for an inspection, for the programme office (audited). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const file = await voucherEvidenceFile(params.id ?? "", admin.id);
  invariantResponse(file);
  return new Response(file.zip, { headers: { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${file.filename}"` } });
}
