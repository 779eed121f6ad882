import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { db } from "~db/client";
import { businesses, engagements, municipalities, naceCodes, postalCodes, quickscans, type Sector } from "~db/schema";
import { isUniqueViolation } from "~/lib/pg-errors";
import type { BusinessInput } from "./schemas";
import { uniqueSlug } from "./slugs.server";

export type SaveResult = { ok: true; id: string } | { ok: false; fieldErrors: Record<string, string[]> } | { ok: false; notFound: true };

/**
 * Checks that need the database: the postal code must lie in the chosen municipality (its
 * coordinates become the business's) and the NACE code must fit the sector.
 */
async function checkPlace(input: BusinessInput) {
  const fieldErrors: Record<string, string[]> = {};
  const [postal] = await db
    .select({ latitude: postalCodes.latitude, longitude: postalCodes.longitude })
    .from(postalCodes)
    .where(and(eq(postalCodes.postalCode, input.postalCode), eq(postalCodes.nisCode, input.nisCode)))
    .orderBy(desc(postalCodes.isMunicipalityName))
    .limit(1);
  if (!postal) fieldErrors.postalCode = ["errors.postalCodeMunicipality"];
  if (input.naceCode) {
    const [nace] = await db.select({ sector: naceCodes.sector }).from(naceCodes).where(eq(naceCodes.code, input.naceCode));
    if (!nace || nace.sector !== input.sector) fieldErrors.naceCode = ["errors.naceSector"];
  }
  return { fieldErrors, postal };
}

function columnsFrom(input: BusinessInput) {
  return {
    name: input.name,
    enterpriseNumber: input.enterpriseNumber,
    sector: input.sector,
    naceCode: input.naceCode ?? null,
    nisCode: input.nisCode,
    postalCode: input.postalCode,
    street: input.street,
    phone: input.phone,
    iban: input.iban,
    inShoppingArea: input.inShoppingArea,
    employeeBand: input.employeeBand ?? null,
    languages: input.languages,
    openingHours: Object.fromEntries(Object.entries(input.hours).filter(([, ranges]) => ranges.length > 0)),
    digitalPresence: Object.fromEntries(Object.entries(input.presence).filter(([, p]) => p.active)),
    description: input.description,
  };
}

/** Creates a business for its owner, or updates one of theirs (`businessId`). */
export async function saveBusiness(ownerId: string, input: BusinessInput, businessId?: string): Promise<SaveResult> {
  const { fieldErrors, postal } = await checkPlace(input);
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const [municipality] = await db.select({ name: municipalities.nameNl }).from(municipalities).where(eq(municipalities.nisCode, input.nisCode));
  try {
    return await db.transaction(async (tx) => {
      const values = { ...columnsFrom(input), latitude: postal.latitude, longitude: postal.longitude, updatedAt: new Date() };
      if (businessId) {
        const [current] = await tx
          .select({ slug: businesses.slug })
          .from(businesses)
          .where(and(eq(businesses.id, businessId), eq(businesses.ownerId, ownerId)));
        if (!current) return { ok: false as const, notFound: true as const };
        const slug = await uniqueSlug(tx, businesses, businesses.slug, `${input.name} ${municipality.name}`, current.slug);
        await tx
          .update(businesses)
          .set({ ...values, slug })
          .where(and(eq(businesses.id, businessId), eq(businesses.ownerId, ownerId)));
        return { ok: true as const, id: businessId };
      }
      const slug = await uniqueSlug(tx, businesses, businesses.slug, `${input.name} ${municipality.name}`);
      const [row] = await tx.insert(businesses).values({ ...values, ownerId, slug }).returning({ id: businesses.id });
      return { ok: true as const, id: row.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, fieldErrors: { enterpriseNumber: ["errors.enterpriseNumberTaken"] } };
    throw error;
  }
}

/** One of the owner's businesses, or null: someone else's business does not exist for them. */
export async function getOwnBusiness(ownerId: string, businessId: string) {
  const [row] = await db
    .select()
    .from(businesses)
    .where(and(eq(businesses.id, businessId), eq(businesses.ownerId, ownerId)));
  return row ?? null;
}

export async function listBusinessesOfOwner(ownerId: string) {
  const rows = await db
    .select({
      id: businesses.id,
      name: businesses.name,
      slug: businesses.slug,
      sector: businesses.sector,
      municipality: municipalities.nameNl,
    })
    .from(businesses)
    .innerJoin(municipalities, eq(municipalities.nisCode, businesses.nisCode))
    .where(eq(businesses.ownerId, ownerId))
    .orderBy(asc(businesses.name));
  const latest = await Promise.all(
    rows.map((b) =>
      db
        .select({ id: quickscans.id, overallScore: quickscans.overallScore })
        .from(quickscans)
        .where(eq(quickscans.businessId, b.id))
        .orderBy(desc(quickscans.createdAt))
        .limit(1),
    ),
  );
  return rows.map((b, i) => ({ ...b, latestQuickscan: latest[i][0] ?? null }));
}

/** The choices a business form offers. */
export async function getBusinessFormOptions() {
  const [municipalityRows, postalRows, naceRows] = await Promise.all([
    db.select({ nisCode: municipalities.nisCode, name: municipalities.nameNl }).from(municipalities).orderBy(asc(municipalities.nameNl)),
    db
      .selectDistinct({ postalCode: postalCodes.postalCode, nisCode: postalCodes.nisCode })
      .from(postalCodes)
      .orderBy(asc(postalCodes.postalCode)),
    db
      .select({ code: naceCodes.code, codeDotted: naceCodes.codeDotted, sector: naceCodes.sector, labelNl: naceCodes.labelNl, labelEn: naceCodes.labelEn })
      .from(naceCodes)
      .orderBy(asc(naceCodes.code)),
  ]);
  return { municipalities: municipalityRows, postalCodes: postalRows, naceCodes: naceRows as (typeof naceRows[number] & { sector: Sector })[] };
}

/** A business's public page data: no enterprise number, no owner. */
export async function getPublicBusiness(slug: string) {
  const [row] = await db
    .select({
      id: businesses.id,
      name: businesses.name,
      slug: businesses.slug,
      sector: businesses.sector,
      street: businesses.street,
      postalCode: businesses.postalCode,
      municipality: municipalities.nameNl,
      latitude: businesses.latitude,
      longitude: businesses.longitude,
      openingHours: businesses.openingHours,
      digitalPresence: businesses.digitalPresence,
      description: businesses.description,
      languages: businesses.languages,
    })
    .from(businesses)
    .innerJoin(municipalities, eq(municipalities.nisCode, businesses.nisCode))
    .where(and(eq(businesses.slug, slug), isNull(businesses.erasedAt)));
  return row ?? null;
}

/** Maturity before and after: the first and the latest quickscan, and whether an engagement completed. */
export async function getBusinessProgress(businessId: string) {
  const scans = await db
    .select({ overallScore: quickscans.overallScore, createdAt: quickscans.createdAt })
    .from(quickscans)
    .where(eq(quickscans.businessId, businessId))
    .orderBy(asc(quickscans.createdAt));
  const [completed] = await db
    .select({ id: engagements.id })
    .from(engagements)
    .where(and(eq(engagements.businessId, businessId), eq(engagements.state, "completed")))
    .limit(1);
  return {
    firstScore: scans[0]?.overallScore ?? null,
    latestScore: scans.length > 1 ? scans[scans.length - 1].overallScore : null,
    newOnline: Boolean(completed),
  };
}
