/** Invoices' door: issuing on the provider's behalf, and reading what was issued. */
export { issueCreditNote, issueInvoice } from "./issue.server";
export { getInvoiceForViewer, listEngagementInvoices, listInvoicesOfEngagements, listProviderInvoices, listRetailerInvoices, providerInvoicesCsv } from "./view.server";
export { deliverInvoice, invoiceDeliveryKind, invoiceOutboxHandlers } from "./delivery.server";
export { httpAccessPoint, type PeppolAccessPoint } from "./peppol.server";
