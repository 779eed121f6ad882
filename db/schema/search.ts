import { sql } from "drizzle-orm";
import { bigint, customType, date, doublePrecision, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The built-in search engine's index: one denormalised row per approved provider, written by the
 * outbox worker (never by a profile save directly), so it behaves like an outside engine would.
 */
export const providerSearch = pgTable(
  "provider_search",
  {
    /** No foreign key: like an outside engine, the index learns of deletions through the outbox. */
    providerId: text("provider_id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    bio: text("bio").notNull(),
    kind: text("kind").notNull(),
    enterpriseNumber: text("enterprise_number").notNull(),
    services: text("services").array().notNull(),
    sectors: text("sectors").array().notNull(),
    languages: text("languages").array().notNull(),
    /** The municipalities listed plus every one whose centre lies within the radius of the base. */
    servedNisCodes: text("served_nis_codes").array().notNull(),
    baseNisCode: text("base_nis_code").notNull(),
    latitude: doublePrecision("latitude").notNull(),
    longitude: doublePrecision("longitude").notNull(),
    foundedOn: date("founded_on").notNull(),
    hourlyRateCents: bigint("hourly_rate_cents", { mode: "number" }).notNull(),
    capacity: integer("capacity").notNull(),
    activeEngagements: integer("active_engagements").notNull(),
    ratingAverage: doublePrecision("rating_average").notNull(),
    ratingCount: integer("rating_count").notNull(),
    completedCount: integer("completed_count").notNull(),
    engagementCount: integer("engagement_count").notNull(),
    conflictEnterpriseNumbers: text("conflict_enterprise_numbers").array().notNull(),
    /** Short words for typo-tolerant matching: name, service labels and their synonyms, unaccented. */
    searchTerms: text("search_terms").notNull(),
    searchVector: tsvector("search_vector").notNull(),
    indexedAt: timestamp("indexed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("provider_search_services_idx").using("gin", t.services),
    index("provider_search_served_idx").using("gin", t.servedNisCodes),
    index("provider_search_languages_idx").using("gin", t.languages),
    index("provider_search_vector_idx").using("gin", t.searchVector),
    index("provider_search_terms_trgm_idx").using("gin", sql`${t.searchTerms} gin_trgm_ops`),
  ],
);
