/** Vouchers' door: programmes, vouchers and the append-only budget ledger. */
export {
  createProgramme,
  estimateVoucher,
  getProgrammeBudget,
  getProgrammeBudgetFigures,
  listProgrammes,
  listProgrammesWithBudget,
  listVouchersForAdmin,
  nextPaymentReference,
  redeemShare,
  releaseVoucher,
  requestVoucher,
  reserveBudget,
} from "./ledger.server";
