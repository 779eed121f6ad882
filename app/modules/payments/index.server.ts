/** Payments' door: own shares online (Stripe), bank statements, payouts and refunds. */
export { decodeBankFile, readBankStatement, type StatementLine } from "./bank-statement";
export { createPayoutBatch, listEarnings, listPayables, listPayoutBatches, payoutBatchCsv, sepaCreditTransferXml } from "./payouts.server";
export { countRefundsWaiting, createRefundBatch, listRefunds, markRefundDone, refundBatchXml, type RefundResult } from "./refunds.server";
export { epcQrSvg } from "./epc-qr.server";
export { sepaText } from "./sepa";
export { handleStripeWebhook, listStripeProblems, paymentsKind, paymentsOutboxHandlers, resolveStripeProblem, startOwnShareCheckout, type WebhookOutcome } from "./stripe.server";
