import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { businesses, engagements, invoiceDeliveries, invoices, users } from "~db/schema";
import { env } from "~/lib/env.server";
import { formatMoney } from "~/lib/format";
import { translator } from "~/lib/i18n";
import { createNotice, enqueue, queueMail, type OutboxHandler } from "~/modules/notifications/index.server";
import { httpAccessPoint, type PeppolAccessPoint } from "./peppol.server";

/*
 * Getting an issued document to its buyer, from the outbox (retried while an access point is down):
 * over Peppol when an access point is configured and the buyer is on the network, else by mail with
 * the UBL attached (the embedded default, and the copy a buyer not on Peppol keeps). Each document
 * is delivered once; how is recorded.
 */

const configured = env.PEPPOL_ACCESS_POINT_URL && env.PEPPOL_ACCESS_POINT_KEY ? httpAccessPoint(env.PEPPOL_ACCESS_POINT_URL, env.PEPPOL_ACCESS_POINT_KEY) : null;

/** Queued in the transaction that issues the document. */
export const queueInvoiceDelivery = (tx: Parameters<typeof enqueue>[0], invoiceId: string) => enqueue(tx, "invoice.deliver", { invoiceId });

export async function deliverInvoice(invoiceId: string, accessPoint: PeppolAccessPoint | null = configured) {
  const [row] = await db
    .select({ invoice: invoices, ownerId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(invoices)
    .innerJoin(engagements, eq(engagements.id, invoices.engagementId))
    .innerJoin(businesses, eq(businesses.id, engagements.businessId))
    .innerJoin(users, eq(users.id, businesses.ownerId))
    .where(eq(invoices.id, invoiceId));
  if (!row) return;
  const [done] = await db.select({ id: invoiceDeliveries.id }).from(invoiceDeliveries).where(eq(invoiceDeliveries.invoiceId, invoiceId));
  if (done) return;
  const { invoice } = row;
  const sent = accessPoint ? await accessPoint.deliver({ buyerEnterpriseNumber: invoice.document.buyer.enterpriseNumber, xml: invoice.xml }) : null;
  const t = translator(row.locale);
  const params = { number: invoice.number, provider: invoice.document.seller.name, business: invoice.document.buyer.name, amount: formatMoney(invoice.grossCents, row.locale) };
  const kind = invoice.kind === "invoice" ? "issued" : "credited";
  await db.transaction(async (tx) => {
    const channel = sent?.delivered ? "peppol" : "mail";
    await tx.insert(invoiceDeliveries).values({ invoiceId, channel, reference: sent?.delivered ? sent.reference : row.email });
    await createNotice(tx, { userId: row.ownerId, messageKey: `invoices.notice.${kind}`, params, link: `/facturen/${invoiceId}` });
    await queueMail(tx, {
      to: row.email,
      subject: t(`invoices.notice.${kind}Subject`, params),
      text: t("mail.noticeBody", { name: row.name, message: `${t(`invoices.notice.${kind}`, params)} ${t(sent?.delivered ? "invoices.viaPeppol" : "invoices.attached")}`, link: `${env.APP_URL}/facturen/${invoiceId}` }),
      // The e-invoice itself, for accounting software that reads UBL, unless Peppol brought it there.
      ...(sent?.delivered ? {} : { attachments: [{ filename: `${invoice.number}.xml`, content: invoice.xml, contentType: "application/xml" }] }),
    });
  });
}

export const invoiceOutboxHandlers: Record<string, OutboxHandler> = {
  "invoice.deliver": (payload) => deliverInvoice(String(payload.invoiceId)),
};
