import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { db } from "~db/client";
import { businesses, campaignParticipants, engagements, municipalities, type DigitalPresence, type Sector } from "~db/schema";
import { likeLiteral } from "~/lib/sql-text";
import type { Edition } from "./editions.server";

/*
 * What anyone may read about a running edition: approved participants only. Callers pass the
 * edition they got from getRunningEdition(), so a finished or future edition never shows.
 */

const approvedIn = (editionId: string) => and(eq(campaignParticipants.editionId, editionId), eq(campaignParticipants.status, "approved"));

/** Approved participants per municipality, for the map and the list on /zomer. */
export async function countParticipantsByMunicipality(editionId: string) {
  const rows = await db
    .select({ nisCode: businesses.nisCode, n: count() })
    .from(campaignParticipants)
    .innerJoin(businesses, eq(businesses.id, campaignParticipants.businessId))
    .where(approvedIn(editionId))
    .groupBy(businesses.nisCode);
  return Object.fromEntries(rows.map((r) => [r.nisCode, r.n])) as Record<string, number>;
}

/**
 * The business's texts and links as the municipality approved them (`approvedProfile`), not as the
 * retailer may have changed them since; participations approved before the snapshot existed fall
 * back to the business itself.
 */
const approvedName = sql<string>`coalesce(${campaignParticipants.approvedProfile}->>'name', ${businesses.name})`;
const approvedDescription = sql<string>`coalesce(${campaignParticipants.approvedProfile}->>'description', ${businesses.description})`;
const approvedPresence = sql<DigitalPresence>`coalesce(${campaignParticipants.approvedProfile}->'digitalPresence', ${businesses.digitalPresence})`;

const publicColumns = {
  participantId: campaignParticipants.id,
  featured: campaignParticipants.featured,
  promotionTitle: campaignParticipants.promotionTitle,
  promotionText: campaignParticipants.promotionText,
  validFrom: campaignParticipants.validFrom,
  validUntil: campaignParticipants.validUntil,
  photoKey: campaignParticipants.photoKey,
  photoWidth: campaignParticipants.photoWidth,
  photoHeight: campaignParticipants.photoHeight,
  name: approvedName,
  slug: businesses.slug,
  sector: businesses.sector,
  description: approvedDescription,
  street: businesses.street,
  postalCode: businesses.postalCode,
  phone: businesses.phone,
  latitude: businesses.latitude,
  longitude: businesses.longitude,
  openingHours: businesses.openingHours,
  digitalPresence: approvedPresence,
  nisCode: businesses.nisCode,
  municipality: municipalities.nameNl,
  municipalitySlug: municipalities.slug,
  /** "Nieuw online": the business completed a coaching engagement through Koppel. */
  newOnline: sql<boolean>`exists (select 1 from ${engagements} where ${engagements.businessId} = ${businesses.id} and ${engagements.state} = 'completed')`,
};

export type PublicParticipant = Awaited<ReturnType<typeof listPublicParticipants>>[number];

/** Approved participants (of one municipality, or all), featured first, narrowed by sector and words. */
export async function listPublicParticipants(editionId: string, filter: { nisCode?: string; sector?: Sector; q?: string } = {}) {
  const words = filter.q?.trim().slice(0, 100);
  const pattern = words ? `%${likeLiteral(words)}%` : null;
  return db
    .select(publicColumns)
    .from(campaignParticipants)
    .innerJoin(businesses, eq(businesses.id, campaignParticipants.businessId))
    .innerJoin(municipalities, eq(municipalities.nisCode, businesses.nisCode))
    .where(
      and(
        approvedIn(editionId),
        filter.nisCode ? eq(businesses.nisCode, filter.nisCode) : undefined,
        filter.sector ? eq(businesses.sector, filter.sector) : undefined,
        pattern
          ? sql`unaccent(${approvedName} || ' ' || ${approvedDescription} || ' ' || ${campaignParticipants.promotionTitle} || ' ' || ${campaignParticipants.promotionText}) ilike unaccent(${pattern})`
          : undefined,
      ),
    )
    .orderBy(desc(campaignParticipants.featured), asc(municipalities.nameNl), asc(approvedName));
}

/** One approved participant's promotion page, by municipality and business slug. */
export async function getPublicPromotion(editionId: string, municipalitySlug: string, businessSlug: string) {
  const [row] = await db
    .select(publicColumns)
    .from(campaignParticipants)
    .innerJoin(businesses, eq(businesses.id, campaignParticipants.businessId))
    .innerJoin(municipalities, eq(municipalities.nisCode, businesses.nisCode))
    .where(and(approvedIn(editionId), eq(municipalities.slug, municipalitySlug), eq(businesses.slug, businessSlug)));
  return row ?? null;
}

const municipalityColumns = { nisCode: municipalities.nisCode, name: municipalities.nameNl, slug: municipalities.slug, arrondissement: municipalities.arrondissement };

export async function getMunicipalityBySlug(slug: string) {
  const [row] = await db.select(municipalityColumns).from(municipalities).where(eq(municipalities.slug, slug));
  return row ?? null;
}

export async function getMunicipalityByNisCode(nisCode: string) {
  const [row] = await db.select(municipalityColumns).from(municipalities).where(eq(municipalities.nisCode, nisCode));
  return row ?? null;
}

/** Every promotion page of the running edition, for sitemap.xml. */
export async function listPublicPromotionPaths(edition: Edition | null) {
  if (!edition) return [];
  return db
    .select({ municipalitySlug: municipalities.slug, businessSlug: businesses.slug, updatedAt: campaignParticipants.updatedAt })
    .from(campaignParticipants)
    .innerJoin(businesses, eq(businesses.id, campaignParticipants.businessId))
    .innerJoin(municipalities, eq(municipalities.nisCode, businesses.nisCode))
    .where(approvedIn(edition.id));
}
