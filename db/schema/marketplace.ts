import { relations, sql } from "drizzle-orm";
import { bigint, date, index, integer, jsonb, pgEnum, pgTable, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { businesses, providers } from "./profiles";
import { createdAt, id, updatedAt } from "./columns";

export const helpRequestStatuses = ["draft", "open", "awarded", "expired", "cancelled"] as const;
export type HelpRequestStatus = (typeof helpRequestStatuses)[number];
export const helpRequestStatusEnum = pgEnum("help_request_status", helpRequestStatuses);

export const bidStatuses = ["submitted", "accepted", "rejected", "withdrawn"] as const;
export type BidStatus = (typeof bidStatuses)[number];
export const bidStatusEnum = pgEnum("bid_status", bidStatuses);

/** A retailer's question for help, for one of their businesses. */
export const helpRequests = pgTable(
  "help_requests",
  {
    id: id(),
    businessId: text("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull(),
    services: text("services").array().notNull(),
    budgetBand: text("budget_band").notNull(),
    desiredStart: date("desired_start"),
    languages: text("languages").array().notNull().default(sql`'{nl}'::text[]`),
    bidDeadline: timestamp("bid_deadline", { withTimezone: true }).notNull(),
    maxBids: integer("max_bids").notNull(),
    status: helpRequestStatusEnum("status").notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** The provider the retailer asked for from their page ("Vraag een voorstel"): invited on publishing, besides the best fits. */
    requestedProviderId: text("requested_provider_id").references(() => providers.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("help_requests_business_idx").on(t.businessId), index("help_requests_status_idx").on(t.status, t.bidDeadline)],
);

/** A provider invited to bid, with the match that picked them (kept so the invitation can be explained). */
export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    helpRequestId: text("help_request_id")
      .notNull()
      .references(() => helpRequests.id, { onDelete: "cascade" }),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    score: real("score").notNull(),
    factors: jsonb("factors").$type<Record<string, number>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_request_provider_idx").on(t.helpRequestId, t.providerId), index("invitations_provider_idx").on(t.providerId, t.createdAt)],
);

export interface BidPhase {
  priceCents: number;
  deliverables: string;
  durationDays: number;
}

/** One provider's offer on one request. */
export const bids = pgTable(
  "bids",
  {
    id: id(),
    helpRequestId: text("help_request_id")
      .notNull()
      .references(() => helpRequests.id, { onDelete: "cascade" }),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    status: bidStatusEnum("status").notNull().default("submitted"),
    /** The advice and digital positioning plan. */
    advice: jsonb("advice").$type<BidPhase>().notNull(),
    implementation: jsonb("implementation").$type<BidPhase>().notNull(),
    /** advice + implementation, excl. VAT: kept as a column so requests can be compared and summed. */
    priceCents: bigint("price_cents", { mode: "number" }).notNull(),
    estimatedHours: integer("estimated_hours").notNull(),
    approach: text("approach").notNull(),
    startDate: date("start_date").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("bids_request_provider_idx").on(t.helpRequestId, t.providerId), index("bids_provider_idx").on(t.providerId)],
);

/**
 * Questions to a bidder before hiring, and the bidder's answers: the engagement's message model
 * (author, body, time) on the bid, seen only by the retailer and that bidder.
 */
export const bidMessages = pgTable(
  "bid_messages",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    bidId: text("bid_id")
      .notNull()
      .references(() => bids.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("bid_messages_idx").on(t.bidId, t.createdAt)],
);

export const helpRequestsRelations = relations(helpRequests, ({ one, many }) => ({
  business: one(businesses, { fields: [helpRequests.businessId], references: [businesses.id] }),
  invitations: many(invitations),
  bids: many(bids),
}));

export const bidsRelations = relations(bids, ({ one }) => ({
  helpRequest: one(helpRequests, { fields: [bids.helpRequestId], references: [helpRequests.id] }),
  provider: one(providers, { fields: [bids.providerId], references: [providers.id] }),
}));
