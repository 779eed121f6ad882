/** Vouchers' door: programmes, vouchers and the append-only budget ledger. */
export {
  createProgramme,
  estimateVouchers,
  getProgrammeBudget,
  getProgrammeBudgetFigures,
  listProgrammes,
  listProgrammesWithBudget,
  nextPaymentReference,
  redeemShare,
  queueCardRefund,
  recheckRelatedParties,
  requestVoucher,
  reserveBudget,
  settleEngagement,
} from "./ledger.server";
