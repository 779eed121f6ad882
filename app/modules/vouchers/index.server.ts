/** Vouchers' door: programmes, vouchers and the append-only budget ledger. */
export {
  createProgramme,
  estimateVouchers,
  getVoucherDecisionFacts,
  getProgrammeBudget,
  getProgrammeBudgetFigures,
  listProgrammes,
  listProgrammesWithBudget,
  listVoucherDecisions,
  nextPaymentReference,
  redeemShare,
  queueCardRefund,
  recheckRelatedParties,
  requestVoucher,
  reserveBudget,
  settleEngagement,
} from "./ledger.server";
