import { alias } from "drizzle-orm/pg-core";
import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "~db/client";
import { businesses, engagements, helpRequests, invoices, milestones, municipalities, programmes, providers, vouchers } from "~db/schema";
import { belgianDate } from "~/lib/dates";
import { notifyUser } from "~/modules/notifications/index.server";
import { recordAudit } from "~/modules/reporting/index.server";
import type { Settlement } from "~/modules/vouchers/rules";
import { creditNoteDocument, invoiceDocument, type InvoiceFacts } from "./documents";
import { queueInvoiceDelivery } from "./delivery.server";
import { invoiceTotals, ublXml, type InvoiceDocument } from "./ubl";

/*
 * Issuing, in the transaction of the step that causes it: the invoice when the own share is
 * received, the credit note when a settlement gives money back. Each gets the provider's next
 * number, is stored as issued (immutable), audited, and told to both parties.
 */

const digits = (enterpriseNumber: string) => enterpriseNumber.replace(/\D/g, "");

/** The next number in the provider's unbroken sequence for the year: KOPPEL-2026-0001, -0002, … */
async function nextNumber(tx: Executor, providerId: string, year: number) {
  const [{ last }] = await queryRows<{ last: number }>(
    tx,
    sql`insert into invoice_sequences (provider_id, year, last) values (${providerId}, ${year}, 1)
        on conflict (provider_id, year) do update set last = invoice_sequences.last + 1 returning last`,
  );
  return `KOPPEL-${year}-${String(last).padStart(4, "0")}`;
}

const sellerMunicipality = alias(municipalities, "seller_municipality");
const buyerMunicipality = alias(municipalities, "buyer_municipality");

/**
 * The engagement as its invoices need it, with the parties as they are now (kept in the document as
 * issued). Null when there is nothing to invoice on the provider's behalf: no voucher paid, or no
 * billing mandate.
 */
async function factsOf(tx: Executor, engagementId: string) {
  const [row] = await tx
    .select({
      engagement: { id: engagements.id, providerId: engagements.providerId },
      title: helpRequests.title,
      voucher: vouchers,
      programme: programmes.name,
      provider: providers,
      sellerCity: sellerMunicipality.nameNl,
      business: businesses,
      buyerCity: buyerMunicipality.nameNl,
    })
    .from(engagements)
    .innerJoin(helpRequests, eq(helpRequests.id, engagements.helpRequestId))
    .innerJoin(vouchers, eq(vouchers.engagementId, engagements.id))
    .innerJoin(programmes, eq(programmes.id, vouchers.programmeId))
    .innerJoin(providers, eq(providers.id, engagements.providerId))
    .innerJoin(sellerMunicipality, eq(sellerMunicipality.nisCode, providers.baseNisCode))
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .innerJoin(buyerMunicipality, eq(buyerMunicipality.nisCode, businesses.nisCode))
    .where(eq(engagements.id, engagementId));
  if (!row?.voucher.paidAt || !row.provider.billingMandateAt) return null;
  const steps = await tx.select().from(milestones).where(eq(milestones.engagementId, engagementId)).orderBy(asc(milestones.position));
  const facts: InvoiceFacts = {
    seller: {
      name: row.provider.companyName,
      enterpriseNumber: digits(row.provider.enterpriseNumber),
      vatNumber: row.provider.vatNumber ?? `BE${digits(row.provider.enterpriseNumber)}`,
      street: row.provider.street ?? "",
      postalCode: row.provider.postalCode ?? "",
      city: row.sellerCity,
    },
    buyer: {
      name: row.business.name,
      enterpriseNumber: digits(row.business.enterpriseNumber),
      vatNumber: `BE${digits(row.business.enterpriseNumber)}`,
      street: row.business.street,
      postalCode: row.business.postalCode,
      city: row.buyerCity,
    },
    dossierNumber: row.voucher.dossierNumber ?? row.voucher.id,
    title: row.title,
    programme: row.programme,
    milestones: steps.map((m) => ({ position: m.position, phase: m.phase, deliverables: m.deliverables, priceCents: m.priceCents, approved: m.status === "approved" })),
    voucherCents: row.voucher.amountCents,
    ownShareCents: row.voucher.ownShareCents,
    vatBasisPoints: row.voucher.vatBasisPoints,
    paymentReference: row.voucher.paymentReference ?? "",
    paidOn: belgianDate(row.voucher.paidAt),
  };
  return { facts, providerId: row.engagement.providerId, providerUserId: row.provider.userId, voucherId: row.voucher.id };
}

type Context = NonNullable<Awaited<ReturnType<typeof factsOf>>>;

async function store(tx: Executor, context: Context, engagementId: string, document: InvoiceDocument, correctsId: string | null) {
  const totals = invoiceTotals(document);
  const [row] = await tx
    .insert(invoices)
    .values({
      kind: document.kind,
      number: document.number,
      providerId: context.providerId,
      engagementId,
      voucherId: context.voucherId,
      correctsId,
      issuedOn: document.issueDate,
      netCents: totals.netCents,
      vatCents: totals.vatCents,
      grossCents: totals.grossCents,
      document,
      xml: ublXml(document),
    })
    .returning({ id: invoices.id });
  await recordAudit(tx, {
    actorId: null,
    action: document.kind === "invoice" ? "invoice.issue" : "invoice.credit",
    entityType: "invoice",
    entityId: row.id,
    data: { number: document.number, grossCents: totals.grossCents, engagementId },
  });
  // The buyer gets the document itself (over Peppol or by mail with the UBL); the seller is told.
  await queueInvoiceDelivery(tx, row.id);
  const key = document.kind === "invoice" ? "invoices.notice.issued" : "invoices.notice.credited";
  await notifyUser(tx, {
    userId: context.providerUserId,
    messageKey: key,
    subjectKey: `${key}Subject`,
    params: { number: document.number, business: document.buyer.name, provider: document.seller.name, amount: totals.grossCents },
    moneyParams: ["amount"],
    link: `/facturen/${row.id}`,
    group: engagementId,
  });
  return row.id;
}

/** The engagement's invoice, issued when the own share is received; nothing when it exists or cannot be issued. */
export async function issueInvoice(tx: Executor, engagementId: string) {
  const context = await factsOf(tx, engagementId);
  if (!context) return null;
  const [existing] = await tx.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.engagementId, engagementId), eq(invoices.kind, "invoice")));
  if (existing) return existing.id;
  const today = belgianDate();
  const number = await nextNumber(tx, context.providerId, Number(today.slice(0, 4)));
  return store(tx, context, engagementId, invoiceDocument(context.facts, number, today), null);
}

/** The credit note for what an early ending gave back, referring to the engagement's invoice. */
export async function issueCreditNote(tx: Executor, engagementId: string, settlement: Settlement) {
  const [invoice] = await tx.select().from(invoices).where(and(eq(invoices.engagementId, engagementId), eq(invoices.kind, "invoice")));
  if (!invoice) return null;
  const context = await factsOf(tx, engagementId);
  if (!context) return null;
  const today = belgianDate();
  // The parties as invoiced: a credit note corrects that invoice, whatever changed since.
  const facts = { ...context.facts, seller: invoice.document.seller, buyer: invoice.document.buyer };
  // Every milestone delivered: nothing to credit, and no number drawn from the sequence.
  if (facts.milestones.every((m) => m.approved)) return null;
  const number = await nextNumber(tx, context.providerId, Number(today.slice(0, 4)));
  return store(tx, context, engagementId, creditNoteDocument(facts, { number: invoice.number, issueDate: invoice.issuedOn }, settlement, number, today)!, invoice.id);
}
