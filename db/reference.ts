import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { getTableColumns, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./connection";
import { municipalities, naceCodes, postalCodes, type Sector } from "./schema";

const referenceDir = path.resolve("db/reference");

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(referenceDir, file), "utf8"), { columns: true, skip_empty_lines: true });
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

/** Upserts the municipalities, postal codes and NACE codes; safe to run at every start. */
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
  const naceRows = readCsv("nace_codes.csv").map((r) => ({
    code: r.code,
    codeDotted: r.code_dotted,
    sector: r.sector as Sector,
    labelNl: r.label_nl,
    labelEn: r.label_en,
  }));
  await db.transaction(async (tx) => {
    await tx.insert(naceCodes).values(naceRows).onConflictDoUpdate({ target: naceCodes.code, set: takeIncoming(naceCodes) });
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
