import { relations, sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgEnum, pgTable, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { bids, helpRequests } from "./marketplace";
import { businesses, providers } from "./profiles";
import { id } from "./columns";

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
    priceCents: bigint("price_cents", { mode: "number" }).notNull(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    /** The last inactivity reminder: while an engagement stays quiet, one every 14 days at most. */
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    // One engagement per request: of two accepts at once, the database lets one through.
    uniqueIndex("engagements_request_idx").on(t.helpRequestId),
    uniqueIndex("engagements_bid_idx").on(t.bidId),
    index("engagements_provider_idx").on(t.providerId),
    index("engagements_business_idx").on(t.businessId),
    // The office's work queues and the dashboard count by state.
    index("engagements_state_idx").on(t.state),
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
    priceCents: bigint("price_cents", { mode: "number" }).notNull(),
    durationDays: integer("duration_days").notNull(),
    status: milestoneStatusEnum("status").notNull().default("pending"),
    submission: text("submission"),
    submissionLinks: text("submission_links").array(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decisionComment: text("decision_comment"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  // The scheduler looks for milestones submitted long ago.
  (t) => [uniqueIndex("milestones_position_idx").on(t.engagementId, t.position), index("milestones_submitted_idx").on(t.status, t.submittedAt)],
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

/** The provider's log of work done: date, hours, a note. */
export const progressLogs = pgTable(
  "progress_logs",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    engagementId: text("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    workedOn: date("worked_on").notNull(),
    hours: real("hours").notNull(),
    note: text("note").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("progress_logs_idx").on(t.engagementId, t.workedOn)],
);

/** The retailer's rating of a completed engagement, and the provider's one reply. */
export const reviews = pgTable(
  "reviews",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    engagementId: text("engagement_id")
      .notNull()
      .unique()
      .references(() => engagements.id, { onDelete: "cascade" }),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    rating: integer("rating").notNull(),
    body: text("body").notNull(),
    reply: text("reply"),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("reviews_provider_idx").on(t.providerId, t.createdAt), check("reviews_rating_range", sql`${t.rating} between 1 and 5`)],
);

export const engagementsRelations = relations(engagements, ({ one, many }) => ({
  helpRequest: one(helpRequests, { fields: [engagements.helpRequestId], references: [helpRequests.id] }),
  bid: one(bids, { fields: [engagements.bidId], references: [bids.id] }),
  business: one(businesses, { fields: [engagements.businessId], references: [businesses.id] }),
  provider: one(providers, { fields: [engagements.providerId], references: [providers.id] }),
  milestones: many(milestones),
  messages: many(engagementMessages),
}));
