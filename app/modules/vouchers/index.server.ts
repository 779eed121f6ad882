/** Vouchers' door: programmes, vouchers and the append-only budget ledger. */
export {
  estimateVoucher,
  getProgrammeBudget,
  getProgrammeBudgetFigures,
  listProgrammes,
  listVouchersForAdmin,
  nextPaymentReference,
  redeemShare,
  releaseVoucher,
  requestVoucher,
  reserveBudget,
} from "./ledger.server";
