import { asc, desc, eq, inArray } from "drizzle-orm";
import { db } from "~db/client";
import { businesses, engagements, invoices, providers } from "~db/schema";
import { csvEuros, toExcelCsv } from "~/lib/csv";

/*
 * Who may read an invoice: its buyer (the business's owner), its seller (the provider) and the
 * programme office. Anyone else gets nothing, as if it did not exist.
 */

async function mayRead(invoice: { engagementId: string }, user: { id: string; role: string }) {
  if (user.role === "admin") return true;
  const [parties] = await db
    .select({ ownerId: businesses.ownerId, providerUserId: providers.userId })
    .from(engagements)
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .innerJoin(providers, eq(providers.id, engagements.providerId))
    .where(eq(engagements.id, invoice.engagementId));
  return parties?.ownerId === user.id || parties?.providerUserId === user.id;
}

/** One invoice or credit note as issued, with the invoice a credit note corrects; null for anyone else. */
export async function getInvoiceForViewer(invoiceId: string, user: { id: string; role: string }) {
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice || !(await mayRead(invoice, user))) return null;
  return invoice;
}

const summary = { id: invoices.id, kind: invoices.kind, number: invoices.number, issuedOn: invoices.issuedOn, grossCents: invoices.grossCents, engagementId: invoices.engagementId };

/** The invoices of these engagements, oldest first: the engagement page's, and the provider's earnings. */
export function listInvoicesOfEngagements(engagementIds: string[]) {
  // No ids: drizzle writes `false`, and no row comes back.
  return db.select(summary).from(invoices).where(inArray(invoices.engagementId, engagementIds)).orderBy(asc(invoices.createdAt));
}

/** Every document issued in a provider's name, for their accountant. */
export function listProviderInvoices(providerUserId: string) {
  return db
    .select({ ...summary, netCents: invoices.netCents, vatCents: invoices.vatCents, buyer: businesses.name })
    .from(invoices)
    .innerJoin(providers, eq(providers.id, invoices.providerId))
    .innerJoin(engagements, eq(engagements.id, invoices.engagementId))
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .where(eq(providers.userId, providerUserId))
    .orderBy(asc(invoices.issuedOn), asc(invoices.number));
}

/** The provider's invoices and credit notes as their accountant's spreadsheet reads them (credit notes negative). */
export async function providerInvoicesCsv(providerUserId: string) {
  const rows = await listProviderInvoices(providerUserId);
  const sign = (kind: string, cents: number) => (kind === "credit_note" ? -cents : cents);
  return toExcelCsv(
    ["Nummer", "Soort", "Datum", "Klant", "Bedrag excl. btw (EUR)", "Btw (EUR)", "Bedrag incl. btw (EUR)"],
    rows.map((r) => [r.number, r.kind === "invoice" ? "factuur" : "creditnota", r.issuedOn, r.buyer, csvEuros(sign(r.kind, r.netCents)), csvEuros(sign(r.kind, r.vatCents)), csvEuros(sign(r.kind, r.grossCents))]),
  );
}

/** The invoices and credit notes a retailer's businesses received, newest first. */
export function listRetailerInvoices(ownerId: string, limit = 10) {
  return db
    .select({ ...summary, seller: providers.companyName, business: businesses.name })
    .from(invoices)
    .innerJoin(engagements, eq(engagements.id, invoices.engagementId))
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .innerJoin(providers, eq(providers.id, invoices.providerId))
    .where(eq(businesses.ownerId, ownerId))
    .orderBy(desc(invoices.createdAt))
    .limit(limit);
}
