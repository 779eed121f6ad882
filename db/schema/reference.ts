import { relations } from "drizzle-orm";
import { boolean, doublePrecision, index, pgTable, serial, text } from "drizzle-orm/pg-core";

/** The 62 West-Flemish municipalities as of 2025 (NIS code is the key everywhere). */
export const municipalities = pgTable("municipalities", {
  nisCode: text("nis_code").primaryKey(),
  nameNl: text("name_nl").notNull(),
  nameFr: text("name_fr").notNull(),
  slug: text("slug").notNull().unique(),
  arrondissementNis: text("arrondissement_nis").notNull(),
  arrondissement: text("arrondissement").notNull(),
  /** Centre of the main locality: for markers and distances. */
  latitude: doublePrecision("latitude").notNull(),
  longitude: doublePrecision("longitude").notNull(),
});

export const postalCodes = pgTable(
  "postal_codes",
  {
    id: serial("id").primaryKey(),
    postalCode: text("postal_code").notNull(),
    placeName: text("place_name").notNull(),
    isMunicipalityName: boolean("is_municipality_name").notNull(),
    nisCode: text("nis_code")
      .notNull()
      .references(() => municipalities.nisCode),
    latitude: doublePrecision("latitude").notNull(),
    longitude: doublePrecision("longitude").notNull(),
  },
  (t) => [index("postal_codes_code_idx").on(t.postalCode), index("postal_codes_nis_idx").on(t.nisCode)],
);

export const municipalitiesRelations = relations(municipalities, ({ many }) => ({
  postalCodes: many(postalCodes),
}));

export const postalCodesRelations = relations(postalCodes, ({ one }) => ({
  municipality: one(municipalities, { fields: [postalCodes.nisCode], references: [municipalities.nisCode] }),
}));
