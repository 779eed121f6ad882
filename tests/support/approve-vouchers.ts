/**
 * A child process for the crash test: approves the given vouchers one by one and says so after
 * each, until the test kills it (SIGKILL, mid-transaction) somewhere along the way.
 *   node --import tsx tests/support/approve-vouchers.ts <adminId> <voucherId>...
 */
import { approveVoucher } from "~/modules/engagements/index.server";

const [adminId, ...voucherIds] = process.argv.slice(2);
for (const id of voucherIds) {
  const result = await approveVoucher(adminId, id);
  process.stdout.write(`${result.ok ? "approved" : "refused"} ${id}\n`);
}
process.stdout.write("done\n");
