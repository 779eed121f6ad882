import { relations } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { bids, helpRequests } from "./marketplace";
import { businesses, providers } from "./profiles";

export const engagementStates = [
  "awaiting_voucher",
  "awaiting_contribution",
  "intake",
  "plan",
  "implementation",
  "review",
  "completed",
  "cancelled",
  "disputed",
] as const;
export type EngagementState = (typeof engagementStates)[number];
export const engagementStateEnum = pgEnum("engagement_state", engagementStates);

export const milestoneStatuses = ["pending", "submitted", "changes_requested", "approved"] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];
export const milestoneStatusEnum = pgEnum("milestone_status", milestoneStatuses);

const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

/** The coaching itself, created from the accepted bid. Its state changes only through transition(). */
export const engagements = pgTable(
  "engagements",
  {
    id: id(),
    helpRequestId: text("help_request_id")
      .notNull()
      .references(() => helpRequests.id),
    bidId: text("bid_id")
      .notNull()
      .references(() => bids.id),
    businessId: text("business_id")
      .notNull()
      .references(() => businesses.id),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id),
    state: engagementStateEnum("state").notNull().default("awaiting_voucher"),
    /** The state before a dispute, to resume to. */
    resumeState: engagementStateEnum("resume_state"),
    priceCents: integer("price_cents").notNull(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    // One engagement per request: of two accepts at once, the database lets one through.
    uniqueIndex("engagements_request_idx").on(t.helpRequestId),
    uniqueIndex("engagements_bid_idx").on(t.bidId),
    index("engagements_provider_idx").on(t.providerId),
    index("engagements_business_idx").on(t.businessId),
  ],
);

export const milestones = pgTable(
  "milestones",
  {
    id: id(),
    engagementId: text("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** "advice" or "implementation": the bid phase it comes from. */
    phase: text("phase").notNull(),
    deliverables: text("deliverables").notNull(),
    priceCents: integer("price_cents").notNull(),
    durationDays: integer("duration_days").notNull(),
    status: milestoneStatusEnum("status").notNull().default("pending"),
    submission: text("submission"),
    submissionLinks: text("submission_links").array(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decisionComment: text("decision_comment"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("milestones_position_idx").on(t.engagementId, t.position)],
);

export const engagementMessages = pgTable(
  "engagement_messages",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    engagementId: text("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("engagement_messages_idx").on(t.engagementId, t.createdAt)],
);

export const engagementsRelations = relations(engagements, ({ one, many }) => ({
  helpRequest: one(helpRequests, { fields: [engagements.helpRequestId], references: [helpRequests.id] }),
  bid: one(bids, { fields: [engagements.bidId], references: [bids.id] }),
  business: one(businesses, { fields: [engagements.businessId], references: [businesses.id] }),
  provider: one(providers, { fields: [engagements.providerId], references: [providers.id] }),
  milestones: many(milestones),
  messages: many(engagementMessages),
}));
