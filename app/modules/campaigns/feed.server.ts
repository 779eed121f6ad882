import { env } from "~/lib/env.server";
import { belgianDate } from "~/lib/dates";
import { getEditionBySlug } from "./editions.server";
import { toFeedItem, type CampaignFeed } from "./feed";
import { isRunning } from "./participation";
import { getMunicipalityByNisCode, listPublicParticipants } from "./public.server";

/** The public feed of one running edition, optionally for one municipality; null when there is none. */
export async function getCampaignFeed(editionSlug: string, nisCode: string | undefined, today = belgianDate()): Promise<CampaignFeed | null> {
  const edition = await getEditionBySlug(editionSlug);
  if (!edition || !isRunning(edition, today)) return null;
  const municipality = nisCode ? await getMunicipalityByNisCode(nisCode) : null;
  if (nisCode && !municipality) return null;
  const participants = await listPublicParticipants(edition.id, { nisCode });
  return {
    edition: { slug: edition.slug, title: edition.title, startsOn: edition.startsOn, endsOn: edition.endsOn },
    municipality: municipality ? { nisCode: municipality.nisCode, name: municipality.name } : null,
    retailers: participants.map((p) => toFeedItem(p, env.APP_URL ?? "")),
  };
}
