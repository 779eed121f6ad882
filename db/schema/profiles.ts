import { relations, sql } from "drizzle-orm";
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { VatStatus } from "~/modules/profiles/taxonomy";
import { users } from "./accounts";
import { municipalities } from "./reference";
import { createdAt, id, updatedAt } from "./columns";

export const sectors = ["retail", "tourism", "hospitality"] as const;
export type Sector = (typeof sectors)[number];
export const sectorEnum = pgEnum("sector", sectors);

export const providerKinds = ["ict", "marketing", "both"] as const;
export type ProviderKind = (typeof providerKinds)[number];
export const providerKindEnum = pgEnum("provider_kind", providerKinds);

export const providerStatuses = ["pending", "approved", "rejected", "suspended"] as const;
export type ProviderStatus = (typeof providerStatuses)[number];
export const providerStatusEnum = pgEnum("provider_status", providerStatuses);

/** Opening hours per weekday (mon … sun): zero or more "HH:MM" ranges; none means closed. */
export type OpeningHours = Partial<Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", { open: string; close: string }[]>>;
/** Which digital channels a business already uses, with a public URL where one applies. */
export type DigitalPresence = Partial<Record<string, { active: boolean; url?: string }>>;

/** NACE-BEL 2025 subclasses that fit Koppel's three sectors (db/reference/nace_codes.csv). */
export const naceCodes = pgTable("nace_codes", {
  code: text("code").primaryKey(),
  codeDotted: text("code_dotted").notNull(),
  sector: sectorEnum("sector").notNull(),
  labelNl: text("label_nl").notNull(),
  labelEn: text("label_en").notNull(),
});

/** A retailer's shop, B&B or café. One user may own several. */
export const businesses = pgTable(
  "businesses",
  {
    id: id(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    slug: text("slug").notNull().unique(),
    /** KBO number, ten digits without dots. */
    enterpriseNumber: text("enterprise_number").notNull().unique(),
    name: text("name").notNull(),
    sector: sectorEnum("sector").notNull(),
    naceCode: text("nace_code").references(() => naceCodes.code),
    nisCode: text("nis_code")
      .notNull()
      .references(() => municipalities.nisCode),
    postalCode: text("postal_code").notNull(),
    street: text("street").notNull().default(""),
    /** Optional; with the IBAN, compared with the provider's before a voucher (related parties). */
    phone: text("phone"),
    iban: text("iban"),
    /** Taken from the postal code: no outside geocoding. */
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    inShoppingArea: boolean("in_shopping_area").notNull().default(false),
    employeeBand: text("employee_band"),
    languages: text("languages").array().notNull().default(sql`'{nl}'::text[]`),
    openingHours: jsonb("opening_hours").$type<OpeningHours>().notNull().default({}),
    digitalPresence: jsonb("digital_presence").$type<DigitalPresence>().notNull().default({}),
    description: text("description").notNull().default(""),
    /** Its owner erased their account; kept, anonymised, for the vouchers and engagements it has. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("businesses_owner_idx").on(t.ownerId), index("businesses_nis_idx").on(t.nisCode)],
);

/** An ICT starter's or marketing specialist's company; one per provider account. */
export const providers = pgTable(
  "providers",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: "cascade" }),
    slug: text("slug").notNull().unique(),
    enterpriseNumber: text("enterprise_number").notNull().unique(),
    companyName: text("company_name").notNull(),
    kind: providerKindEnum("kind").notNull(),
    foundedOn: date("founded_on").notNull(),
    services: text("services").array().notNull().default(sql`'{}'::text[]`),
    sectors: text("sectors").array().notNull().default(sql`'{}'::text[]`),
    baseNisCode: text("base_nis_code")
      .notNull()
      .references(() => municipalities.nisCode),
    radiusKm: integer("radius_km").notNull().default(0),
    /** Municipalities served besides the radius, as NIS codes. */
    serviceNisCodes: text("service_nis_codes").array().notNull().default(sql`'{}'::text[]`),
    languages: text("languages").array().notNull().default(sql`'{nl}'::text[]`),
    hourlyRateCents: bigint("hourly_rate_cents", { mode: "number" }).notNull(),
    capacity: integer("capacity").notNull().default(1),
    bio: text("bio").notNull().default(""),
    portfolioLinks: text("portfolio_links").array().notNull().default(sql`'{}'::text[]`),
    iban: text("iban"),
    /** Set when the IBAN changed: no payout goes to the new account until the office confirms it. */
    ibanHoldSince: timestamp("iban_hold_since", { withTimezone: true }),
    vatNumber: text("vat_number"),
    /**
     * Whether the provider charges VAT: registered (21 % on these services) or the small-enterprise
     * exemption (vrijstellingsregeling kleine ondernemingen, art. 56bis WBTW): no VAT, and the invoice says why.
     */
    vatStatus: text("vat_status").$type<VatStatus>().notNull().default("registered"),
    /**
     * The billing mandate: Koppel issues the provider's invoices in their name and on their behalf
     * (third-party invoicing). When it was accepted, and which text (docs/decisions/004-invoicing.md).
     */
    billingMandateAt: timestamp("billing_mandate_at", { withTimezone: true }),
    billingMandateVersion: text("billing_mandate_version"),
    /** The registered office and phone, compared with the business's before a voucher (related parties). */
    street: text("street"),
    postalCode: text("postal_code"),
    phone: text("phone"),
    /** Businesses (by enterprise number) the provider declared a conflict of interest with: never matched. */
    conflictEnterpriseNumbers: text("conflict_enterprise_numbers").array().notNull().default(sql`'{}'::text[]`),
    /** When the provider declared having no conflict of interest with the businesses they bid for. */
    conflictDeclaredAt: timestamp("conflict_declared_at", { withTimezone: true }),
    status: providerStatusEnum("status").notNull().default("pending"),
    statusReason: text("status_reason"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
    /** Its user erased their account; kept, anonymised and rejected, for the engagements and payouts it has. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("providers_status_idx").on(t.status)],
);

/** Every quickscan is kept, so maturity before and after an engagement can be compared. */
export const quickscans = pgTable(
  "quickscans",
  {
    id: id(),
    businessId: text("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    answers: jsonb("answers").$type<Record<string, number>>().notNull(),
    /** 0–100 per dimension. */
    dimensionScores: jsonb("dimension_scores").$type<Record<string, number>>().notNull(),
    overallScore: integer("overall_score").notNull(),
    recommendedServices: text("recommended_services").array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("quickscans_business_idx").on(t.businessId, t.createdAt)],
);

export const businessesRelations = relations(businesses, ({ one, many }) => ({
  owner: one(users, { fields: [businesses.ownerId], references: [users.id] }),
  municipality: one(municipalities, { fields: [businesses.nisCode], references: [municipalities.nisCode] }),
  nace: one(naceCodes, { fields: [businesses.naceCode], references: [naceCodes.code] }),
  quickscans: many(quickscans),
}));

export const providersRelations = relations(providers, ({ one }) => ({
  user: one(users, { fields: [providers.userId], references: [users.id] }),
  baseMunicipality: one(municipalities, { fields: [providers.baseNisCode], references: [municipalities.nisCode] }),
}));

export const quickscansRelations = relations(quickscans, ({ one }) => ({
  business: one(businesses, { fields: [quickscans.businessId], references: [businesses.id] }),
}));
