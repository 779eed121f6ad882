/** Payments' door: own shares online (Stripe), bank statements, payouts and refunds. */
export { decodeBankFile, readBankStatement, type StatementLine } from "./bank-statement";
export { createPayoutBatch, listPayables, listPayoutBatches, payoutBatchCsv, sepaCreditTransferXml } from "./payouts.server";
export { createRefundBatch, listRefunds, markRefundDone, refundBatchXml, type RefundResult } from "./refunds.server";
export { sepaText } from "./sepa";
export { handleStripeWebhook, listStripeProblems, paymentsKind, paymentsOutboxHandlers, resolveStripeProblem, startOwnShareCheckout, type WebhookOutcome } from "./stripe.server";
