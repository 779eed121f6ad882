import { asc, desc, eq, gte } from "drizzle-orm";
import { db } from "~db/client";
import { campaignEditions } from "~db/schema";
import { belgianDate } from "~/lib/dates";
import { isUniqueViolation } from "~/lib/pg-errors";
import { recordAudit } from "~/modules/reporting/index.server";
import { isRunning } from "./participation";
import type { EditionInput } from "./schemas";

const editionColumns = {
  id: campaignEditions.id,
  slug: campaignEditions.slug,
  year: campaignEditions.year,
  title: campaignEditions.title,
  introduction: campaignEditions.introduction,
  startsOn: campaignEditions.startsOn,
  endsOn: campaignEditions.endsOn,
};
export type Edition = { id: string; slug: string; year: number; title: string; introduction: string; startsOn: string; endsOn: string };

/** One edition per year; its slug ("zomer-2027") is what municipal websites put in the API URL. */
export async function createEdition(adminId: string, input: EditionInput): Promise<{ ok: true; id: string } | { ok: false; error: "campaigns.editionExists" }> {
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(campaignEditions)
        .values({ slug: `zomer-${input.year}`, year: input.year, title: input.title, introduction: input.introduction ?? "", startsOn: input.startsOn, endsOn: input.endsOn, createdBy: adminId })
        .returning({ id: campaignEditions.id });
      await recordAudit(tx, { actorId: adminId, action: "campaign.edition.create", entityType: "campaign_edition", entityId: row.id, data: { ...input } });
      return row.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "campaigns.editionExists" };
    throw error;
  }
}

export async function listEditions(): Promise<Edition[]> {
  return db.select(editionColumns).from(campaignEditions).orderBy(desc(campaignEditions.startsOn));
}

/** The edition the public pages show today, if one runs; the latest start wins when two overlap. */
export async function getRunningEdition(today = belgianDate()): Promise<Edition | null> {
  const rows = await db.select(editionColumns).from(campaignEditions).where(gte(campaignEditions.endsOn, today)).orderBy(desc(campaignEditions.startsOn));
  return rows.find((e) => isRunning(e, today)) ?? null;
}

/** Editions a retailer can still join: running or yet to come. */
export async function listOpenEditions(today = belgianDate()): Promise<Edition[]> {
  return db.select(editionColumns).from(campaignEditions).where(gte(campaignEditions.endsOn, today)).orderBy(asc(campaignEditions.startsOn));
}

export async function getEditionBySlug(slug: string): Promise<Edition | null> {
  const [row] = await db.select(editionColumns).from(campaignEditions).where(eq(campaignEditions.slug, slug));
  return row ?? null;
}

/** The edition staff work on: the one asked for, else the running or next one, else the latest. */
export async function getStaffEdition(askedSlug?: string | null, today = belgianDate()) {
  const editions = await listEditions();
  const edition = editions.find((e) => e.slug === askedSlug) ?? [...editions].reverse().find((e) => e.endsOn >= today) ?? editions[0] ?? null;
  return { editions, edition };
}
