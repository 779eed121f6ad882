import fs from "node:fs";
import path from "node:path";
import { getTableColumns, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./connection";
import { municipalities, postalCodes } from "./schema";

const referenceDir = path.resolve("db/reference");

/** Our reference files are plain CSV without quoted fields (checked when they were copied). */
function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(path.join(referenceDir, file), "utf8").trim().split("\n");
  const columns = header.split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
}

export function slugify(name: string) {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** An upsert's SET clause that overwrites every column with the incoming row's value. */
function takeIncoming(table: PgTable) {
  return Object.fromEntries(Object.entries(getTableColumns(table)).map(([key, column]) => [key, sql.raw(`excluded.${column.name}`)]));
}

/** Upserts the municipalities and postal codes; safe to run at every start. */
export async function loadReferenceData(db: Database) {
  const municipalityRows = readCsv("municipalities.csv").map((r) => ({
    nisCode: r.nis_code,
    nameNl: r.name_nl,
    nameFr: r.name_fr,
    slug: slugify(r.name_nl),
    arrondissementNis: r.arrondissement_nis,
    arrondissement: r.arrondissement,
    latitude: Number(r.centre_latitude),
    longitude: Number(r.centre_longitude),
  }));
  const postalRows = readCsv("postal_codes.csv").map((r, i) => ({
    id: i + 1,
    postalCode: r.postal_code,
    placeName: r.place_name,
    isMunicipalityName: r.is_municipality_name === "1",
    nisCode: r.nis_code,
    latitude: Number(r.latitude),
    longitude: Number(r.longitude),
  }));
  await db.transaction(async (tx) => {
    await tx
      .insert(municipalities)
      .values(municipalityRows)
      .onConflictDoUpdate({
        target: municipalities.nisCode,
        set: takeIncoming(municipalities),
      });
    await tx
      .insert(postalCodes)
      .values(postalRows)
      .onConflictDoUpdate({
        target: postalCodes.id,
        set: takeIncoming(postalCodes),
      });
  });
}
