/** Vouchers' door: programmes, vouchers and the append-only budget ledger. */
export {
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
