import { customType, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * Uploaded photos when Koppel runs on PostgreSQL: every process behind the proxy reads the same
 * bytes, and backups (pg_dump) carry them. Photos are re-encoded to at most a few hundred kB, so a
 * bytea column is simpler than large objects and needs no cleanup of orphans.
 */
export const uploadedFiles = pgTable("uploaded_files", {
  key: text("key").primaryKey(),
  bytes: bytea("bytes").notNull(),
  size: integer("size").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
