import { asc, count, inArray } from "drizzle-orm";
import { db } from "~db/client";
import { businesses, municipalities } from "~db/schema";

export async function listMunicipalities() {
  return db
    .select({ nisCode: municipalities.nisCode, name: municipalities.nameNl, arrondissement: municipalities.arrondissement })
    .from(municipalities)
    .orderBy(asc(municipalities.nameNl));
}

/** Businesses located in each of the given municipalities (for municipality staff). */
export async function countBusinessesIn(nisCodes: string[]) {
  if (nisCodes.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ nisCode: businesses.nisCode, n: count() })
    .from(businesses)
    .where(inArray(businesses.nisCode, nisCodes))
    .groupBy(businesses.nisCode);
  return new Map(rows.map((r) => [r.nisCode, r.n]));
}
