import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { InvoiceDocument, InvoiceKind } from "~/modules/invoices/ubl";
import { id } from "./columns";
import { engagements } from "./engagements";
import { providers } from "./profiles";
import { vouchers } from "./vouchers";

/**
 * The invoices and credit notes Koppel issued on a provider's behalf: immutable once issued (the
 * database refuses updates and deletes, like the ledger); a mistake is corrected by a credit note.
 * The document is kept as issued (its model and its UBL bytes), with the parties as they were then.
 */
export const invoices = pgTable(
  "invoices",
  {
    id: id(),
    kind: text("kind").$type<InvoiceKind>().notNull(),
    /** KOPPEL-<year>-<four digits>: an unbroken sequence per provider and year. */
    number: text("number").notNull(),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id),
    engagementId: text("engagement_id")
      .notNull()
      .references(() => engagements.id),
    voucherId: text("voucher_id")
      .notNull()
      .references(() => vouchers.id),
    /** A credit note's invoice. */
    correctsId: text("corrects_id").references((): AnyPgColumn => invoices.id),
    issuedOn: date("issued_on").notNull(),
    netCents: bigint("net_cents", { mode: "number" }).notNull(),
    vatCents: bigint("vat_cents", { mode: "number" }).notNull(),
    grossCents: bigint("gross_cents", { mode: "number" }).notNull(),
    document: jsonb("document").$type<InvoiceDocument>().notNull(),
    /** The Peppol BIS Billing 3.0 document (UBL 2.1) exactly as issued. */
    xml: text("xml").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invoices_provider_number_idx").on(t.providerId, t.number),
    // One invoice and at most one credit note per engagement.
    uniqueIndex("invoices_engagement_kind_idx").on(t.engagementId, t.kind),
    index("invoices_voucher_idx").on(t.voucherId),
  ],
);

/** The last number given per provider and year: raised by one conditional upsert per document. */
export const invoiceSequences = pgTable(
  "invoice_sequences",
  {
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.year] })],
);

/** How each document reached its buyer: over Peppol (the access point's reference) or by mail, with the UBL attached. */
export const invoiceDeliveries = pgTable("invoice_deliveries", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  invoiceId: text("invoice_id")
    .notNull()
    .unique()
    .references(() => invoices.id),
  channel: text("channel").$type<"peppol" | "mail">().notNull(),
  /** The access point's document id, or the address mailed. */
  reference: text("reference").notNull(),
  deliveredAt: timestamp("delivered_at", { withTimezone: true }).notNull().defaultNow(),
});
