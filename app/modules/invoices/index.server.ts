/** Invoices' door: issuing on the provider's behalf, and reading what was issued. */
export { issueCreditNote, issueInvoice } from "./issue.server";
export { getInvoiceForViewer, listInvoicesOfEngagements, listProviderInvoices, listRetailerInvoices, providerInvoicesCsv } from "./view.server";
export { deliverInvoice, invoiceOutboxHandlers } from "./delivery.server";
export { httpAccessPoint, type PeppolAccessPoint } from "./peppol.server";
