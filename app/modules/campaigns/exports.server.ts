import { toExcelCsv } from "~/lib/csv";
import { env } from "~/lib/env.server";
import { translator } from "~/lib/i18n";
import { promotionPath } from "./feed";
import { listParticipantsForStaff } from "./participants.server";

/** The staff member's own participants of one edition, for their spreadsheet (Dutch headers and values). */
export async function participantCsv(nisCodes: string[], editionId: string) {
  const t = translator("nl");
  const rows = await listParticipantsForStaff(nisCodes, editionId);
  return toExcelCsv(
    ["Zaak", "Gemeente", "Sector", "Status", "Uitgelicht", "Promotie", "Geldig van", "Geldig tot", "Pagina"],
    rows.map((r) => [
      r.businessName,
      r.municipality,
      t(`sectors.${r.sector}`),
      t(`campaigns.status.${r.status}`),
      r.featured,
      r.promotionTitle,
      r.validFrom,
      r.validUntil,
      r.status === "approved" ? `${env.APP_URL}${promotionPath(r.municipalitySlug, r.businessSlug)}` : "",
    ]),
  );
}
