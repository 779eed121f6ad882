import { relations } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { municipalities } from "./reference";
import { createdAt, id } from "./columns";

export const roles = ["retailer", "provider", "municipality", "admin"] as const;
export type Role = (typeof roles)[number];
export const roleEnum = pgEnum("role", roles);

export const locales = ["nl", "en"] as const;
export type Locale = (typeof locales)[number];

export const users = pgTable(
  "users",
  {
    id: id(),
    /** Stored lower-cased and trimmed: one account per address whatever its spelling. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    /** Null until an invited user sets a password. */
    passwordHash: text("password_hash"),
    locale: text("locale").$type<Locale>().notNull().default("nl"),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    /**
     * One e-mail a day instead of one per event (providers and the office choose it): the notices
     * stay in the app as they happen, and the morning's digest lists those since the last one.
     */
    mailDigest: boolean("mail_digest").notNull().default(false),
    digestSentAt: timestamp("digest_sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email)],
);

/** Lucia's session table: the cookie holds only this id. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Which municipalities a municipality-staff account may act for. */
export const userMunicipalities = pgTable(
  "user_municipalities",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    nisCode: text("nis_code")
      .notNull()
      .references(() => municipalities.nisCode),
  },
  (t) => [primaryKey({ columns: [t.userId, t.nisCode] })],
);

export const passwordTokenPurposes = ["reset", "invite", "register"] as const;
export type PasswordTokenPurpose = (typeof passwordTokenPurposes)[number];

/** Single-use links to (re)set a password. Only the SHA-256 of the token is stored. */
export const passwordTokens = pgTable(
  "password_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<PasswordTokenPurpose>().notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("password_tokens_user_idx").on(t.userId)],
);

/** Bearer tokens for /api/v1. Only the SHA-256 of the token is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    /** The first characters, so a user can tell tokens apart without the secret. */
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** Null: valid until revoked. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_idx").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

/**
 * One row per counted event (a failed login, a mail sent to an address), by rule and subject, in
 * the database so a limit is the same for every process. Rows older than their rule's window are
 * pruned as new ones arrive.
 */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** "<rule>:<subject>", for example "login-client:203.0.113.7" */
    key: text("key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("rate_limit_hits_key_idx").on(t.key, t.createdAt)],
);

export const usersRelations = relations(users, ({ many }) => ({
  sessions: many(sessions),
  municipalities: many(userMunicipalities),
  apiTokens: many(apiTokens),
}));

export const userMunicipalitiesRelations = relations(userMunicipalities, ({ one }) => ({
  user: one(users, { fields: [userMunicipalities.userId], references: [users.id] }),
  municipality: one(municipalities, { fields: [userMunicipalities.nisCode], references: [municipalities.nisCode] }),
}));
