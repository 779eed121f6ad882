import { relations, sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { businesses, type DigitalPresence } from "./profiles";
import { municipalities } from "./reference";
import { createdAt, id, updatedAt } from "./columns";

export const participationStatuses = ["pending", "approved", "removed"] as const;
export type ParticipationStatus = (typeof participationStatuses)[number];
export const participationStatusEnum = pgEnum("participation_status", participationStatuses);

/** One year's ZomerInWestVlaanderen: its public pages show while it runs. */
export const campaignEditions = pgTable(
  "campaign_editions",
  {
    id: id(),
    /** In URLs and the public API: "zomer-2027". */
    slug: text("slug").notNull().unique(),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    introduction: text("introduction").notNull().default(""),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [check("campaign_editions_dates", sql`${t.endsOn} >= ${t.startsOn}`)],
);

/** A business taking part in an edition with its summer promotion, approved by its municipality's staff. */
export interface ApprovedProfile {
  name: string;
  description: string;
  digitalPresence: DigitalPresence;
}

export const campaignParticipants = pgTable(
  "campaign_participants",
  {
    id: id(),
    editionId: text("edition_id")
      .notNull()
      .references(() => campaignEditions.id, { onDelete: "cascade" }),
    businessId: text("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    status: participationStatusEnum("status").notNull().default("pending"),
    featured: boolean("featured").notNull().default(false),
    promotionTitle: text("promotion_title").notNull(),
    promotionText: text("promotion_text").notNull(),
    validFrom: date("valid_from").notNull(),
    validUntil: date("valid_until").notNull(),
    /** Key in upload storage of the re-encoded photo; never the uploaded bytes themselves. */
    photoKey: text("photo_key"),
    photoWidth: integer("photo_width"),
    photoHeight: integer("photo_height"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /**
     * The business's public texts and links as the municipality approved them: the campaign shows
     * these, not whatever the retailer wrote since, until staff approve the changes.
     */
    approvedProfile: jsonb("approved_profile").$type<ApprovedProfile>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("campaign_participants_edition_business_idx").on(t.editionId, t.businessId),
    index("campaign_participants_status_idx").on(t.editionId, t.status),
    check("campaign_participants_validity", sql`${t.validUntil} >= ${t.validFrom}`),
  ],
);

/** Municipality staff asking a retailer of their municipality to take part: by e-mail, or a listed business. */
export const campaignInvitations = pgTable(
  "campaign_invitations",
  {
    id: id(),
    editionId: text("edition_id")
      .notNull()
      .references(() => campaignEditions.id, { onDelete: "cascade" }),
    nisCode: text("nis_code")
      .notNull()
      .references(() => municipalities.nisCode),
    /** Typed by staff for a retailer not on Koppel yet; null when they picked a listed business. */
    email: text("email"),
    /** A business already on Koppel: its owner is told without staff ever seeing their address. */
    businessId: text("business_id").references(() => businesses.id, { onDelete: "cascade" }),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("campaign_invitations_edition_email_idx").on(t.editionId, t.nisCode, t.email),
    uniqueIndex("campaign_invitations_edition_business_idx").on(t.editionId, t.businessId),
    check("campaign_invitations_whom", sql`(${t.email} is null) <> (${t.businessId} is null)`),
  ],
);

export const campaignParticipantsRelations = relations(campaignParticipants, ({ one }) => ({
  edition: one(campaignEditions, { fields: [campaignParticipants.editionId], references: [campaignEditions.id] }),
  business: one(businesses, { fields: [campaignParticipants.businessId], references: [businesses.id] }),
}));
