import { and, asc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { db } from "~db/client";
import { bankTransactions, businesses, vouchers, type BankLineResult } from "~db/schema";
import type { StatementLine } from "~/modules/payments/bank-statement";
import { recordAudit } from "~/modules/reporting/index.server";
import { judgeOwnSharePayment } from "~/modules/vouchers/rules";
import { recordOwnSharePaid } from "./voucher-steps.server";

export interface BankLineOutcome {
  line: number;
  communication: string;
  amountCents: number | null;
  result: BankLineResult;
  /** The same movement came in an earlier upload: this is what was decided then, and nothing changed now. */
  earlier: boolean;
  /** What goes back to the payer. */
  refundCents: number;
  /** Why an unreadable line could not be read (an i18n key). */
  problem: string | null;
}

/**
 * Each movement of an uploaded statement, once: the first upload decides and records it, with the
 * voucher confirmed in the same transaction; a later upload of the same movement reports what was
 * decided and changes nothing. A structured communication of an approved voucher with at least the
 * own share confirms it; money that cannot be kept is recorded with what is to be refunded.
 */
export async function matchBankLines(adminId: string, lines: StatementLine[]): Promise<BankLineOutcome[]> {
  const outcomes: BankLineOutcome[] = [];
  for (const line of lines) {
    const outcome = await db.transaction(async (tx) => {
      const [earlier] = await tx.select().from(bankTransactions).where(eq(bankTransactions.fingerprint, line.fingerprint));
      if (earlier) return { result: earlier.result, refundCents: earlier.refundCents, earlier: true };
      const [voucher] = line.structuredCommunication
        ? await tx
            .select({ id: vouchers.id, ownShareCents: vouchers.ownShareCents, paidAt: vouchers.paidAt, status: vouchers.status })
            .from(vouchers)
            .where(eq(vouchers.paymentReference, line.structuredCommunication))
            .for("update")
        : [];
      const judged = judgeOwnSharePayment(line, voucher ?? null);
      const claimed = await tx
        .insert(bankTransactions)
        .values({
          fingerprint: line.fingerprint,
          voucherId: voucher?.id ?? null,
          amountCents: line.amountCents,
          communication: line.communication.slice(0, 500),
          counterpartyIban: line.counterpartyIban,
          counterpartyName: line.counterpartyName.slice(0, 200),
          valueDate: line.valueDate,
          result: judged.result,
          refundCents: judged.refundCents,
          uploadedBy: adminId,
        })
        .onConflictDoNothing()
        .returning({ fingerprint: bankTransactions.fingerprint });
      // Another upload of the same movement got there first: it decided.
      if (claimed.length === 0) return { ...judged, earlier: true };
      if (voucher && (judged.result === "confirmed" || judged.result === "overpaid")) {
        const paid = await recordOwnSharePaid(tx, adminId, voucher.id);
        if (!paid.ok) throw new Error(`own share of ${voucher.id} could not be recorded: ${paid.error}`);
      }
      if (judged.refundCents > 0) {
        await recordAudit(tx, {
          actorId: adminId,
          action: "bank.refund_due",
          entityType: "voucher",
          entityId: voucher?.id ?? line.fingerprint,
          toState: judged.result,
          data: { amountCents: line.amountCents, refundCents: judged.refundCents, counterpartyIban: line.counterpartyIban },
        });
      }
      return { ...judged, earlier: false };
    });
    outcomes.push({ line: line.line, communication: line.communication, amountCents: line.amountCents, problem: line.problem, ...outcome });
  }
  return outcomes;
}

/** Own shares the office waits for by bank transfer: approved vouchers not paid yet, the oldest due first. */
export async function listOpenTransfers() {
  return db
    .select({
      voucherId: vouchers.id,
      engagementId: vouchers.engagementId,
      business: businesses.name,
      amountCents: vouchers.ownShareCents,
      paymentReference: vouchers.paymentReference,
      dueOn: vouchers.paymentDueOn,
    })
    .from(vouchers)
    .innerJoin(businesses, eq(businesses.id, vouchers.businessId))
    .where(and(eq(vouchers.status, "approved"), isNull(vouchers.paidAt), isNotNull(vouchers.paymentReference)))
    .orderBy(asc(vouchers.paymentDueOn), asc(vouchers.createdAt));
}

/** Money received that goes back to its payer, not refunded yet. */
export async function listRefundsDue() {
  return db
    .select({
      fingerprint: bankTransactions.fingerprint,
      result: bankTransactions.result,
      refundCents: bankTransactions.refundCents,
      counterpartyIban: bankTransactions.counterpartyIban,
      counterpartyName: bankTransactions.counterpartyName,
      communication: bankTransactions.communication,
      valueDate: bankTransactions.valueDate,
    })
    .from(bankTransactions)
    .where(and(gt(bankTransactions.refundCents, 0), isNull(bankTransactions.refundedAt)))
    .orderBy(asc(bankTransactions.createdAt));
}
