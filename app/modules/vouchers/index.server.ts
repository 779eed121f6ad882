/** Vouchers' door: programmes, vouchers, the append-only budget ledger, settlements and voucher files. */
export {
  createProgramme,
  estimateVouchers,
  getProgrammeBudget,
  getProgrammeBudgetFigures,
  listProgrammes,
  listProgrammesWithBudget,
  nextPaymentReference,
  recheckRelatedParties,
  redeemShare,
  requestVoucher,
  reserveBudget,
} from "./ledger.server";
export { findVoucherDossier, getVoucherDecisionFacts, listVoucherDecisions } from "./dossier.server";
export { queueCardRefund, settleEngagement } from "./settlement.server";
