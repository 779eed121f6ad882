import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv";
import { getStaffMunicipalities, requireRole } from "~/modules/auth/index.server";
import { getEditionBySlug, participantCsv } from "~/modules/campaigns/index.server";
import { invariantResponse } from "~/lib/responses";

/** /gemeente/zomer/deelnemers.csv?editie=<slug>: the staff member's own municipalities only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, "municipality");
  const edition = await getEditionBySlug(new URL(request.url).searchParams.get("editie") ?? "");
  invariantResponse(edition);
  const nisCodes = (await getStaffMunicipalities(staff.id)).map((m) => m.nisCode);
  return csvResponse(await participantCsv(nisCodes, edition.id), `koppel-${edition.slug}-deelnemers.csv`);
}
