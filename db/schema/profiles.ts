import { relations } from "drizzle-orm";
import { date, index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { municipalities } from "./reference";

export const sectors = ["retail", "tourism", "hospitality"] as const;
export type Sector = (typeof sectors)[number];
export const sectorEnum = pgEnum("sector", sectors);

export const providerKinds = ["ict", "marketing", "both"] as const;
export const providerKindEnum = pgEnum("provider_kind", providerKinds);

export const providerStatuses = ["pending", "approved", "rejected", "suspended"] as const;
export const providerStatusEnum = pgEnum("provider_status", providerStatuses);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** A retailer's shop, B&B or café. One user may own several. */
export const businesses = pgTable(
  "businesses",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    sector: sectorEnum("sector").notNull(),
    nisCode: text("nis_code")
      .notNull()
      .references(() => municipalities.nisCode),
    postalCode: text("postal_code").notNull(),
    description: text("description").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("businesses_owner_idx").on(t.ownerId), index("businesses_nis_idx").on(t.nisCode)],
);

/** An ICT starter's or marketing specialist's company; one per provider account. */
export const providers = pgTable(
  "providers",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: "cascade" }),
    companyName: text("company_name").notNull(),
    kind: providerKindEnum("kind").notNull(),
    foundedOn: date("founded_on").notNull(),
    baseNisCode: text("base_nis_code")
      .notNull()
      .references(() => municipalities.nisCode),
    hourlyRateCents: integer("hourly_rate_cents").notNull(),
    bio: text("bio").notNull().default(""),
    status: providerStatusEnum("status").notNull().default("pending"),
    createdAt: createdAt(),
  },
  (t) => [index("providers_status_idx").on(t.status)],
);

export const businessesRelations = relations(businesses, ({ one }) => ({
  owner: one(users, { fields: [businesses.ownerId], references: [users.id] }),
  municipality: one(municipalities, { fields: [businesses.nisCode], references: [municipalities.nisCode] }),
}));

export const providersRelations = relations(providers, ({ one }) => ({
  user: one(users, { fields: [providers.userId], references: [users.id] }),
  baseMunicipality: one(municipalities, { fields: [providers.baseNisCode], references: [municipalities.nisCode] }),
}));
