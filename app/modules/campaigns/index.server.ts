import { asc } from "drizzle-orm";
import { db } from "~db/client";
import { municipalities } from "~db/schema";

export { createEdition, getEditionBySlug, getRunningEdition, getStaffEdition, listEditions, listOpenEditions, type Edition } from "./editions.server";
export {
  decideParticipant,
  getOwnPromotion,
  inviteRetailer,
  listBusinessesForStaff,
  listInvitations,
  listParticipantsForStaff,
  listRetailerParticipation,
  savePromotion,
  withdrawPromotion,
} from "./participants.server";
export { countParticipantsByMunicipality, getMunicipalityBySlug, getPublicPromotion, listPublicParticipants, listPublicPromotionPaths, type PublicParticipant } from "./public.server";
export { getCampaignFeed } from "./feed.server";
export { CampaignFeedSchema, type CampaignFeed } from "./feed";
export { getMunicipalFigures, type MunicipalFigures } from "./figures.server";
export { getMunicipalityMap } from "./map.server";
export { participantCsv } from "./exports.server";
export { posterQrSvg } from "./poster.server";

export async function listMunicipalities() {
  return db
    .select({ nisCode: municipalities.nisCode, name: municipalities.nameNl, slug: municipalities.slug, arrondissement: municipalities.arrondissement })
    .from(municipalities)
    .orderBy(asc(municipalities.nameNl));
}
