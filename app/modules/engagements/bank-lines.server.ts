import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { db } from "~db/client";
import { bankTransactions, businesses, refunds, vouchers, type BankLineResult } from "~db/schema";
import type { StatementLine } from "~/modules/payments/bank-statement";
import { recordAuditMany, type AuditEvent } from "~/modules/reporting/index.server";
import { judgeOwnSharePayment } from "~/modules/vouchers/rules";
import { recordOwnSharePaid } from "./voucher-steps.server";

/** A year of a programme account's statements fits easily; more in one upload is a mistake or an attack. */
export const maxMovementsPerUpload = 50_000;
/** The lines a summary names one by one: those that need someone to look. */
const maxListed = 200;
/** Rows per INSERT: well under PostgreSQL's 65,535 parameters. */
const chunk = 1_000;

export type BankStatementSummary =
  | { ok: false; error: "tooManyMovements"; max: number; count: number }
  | {
      ok: true;
      read: number;
      /** Movements recorded now, and those an earlier upload (of any format) had recorded already. */
      recorded: number;
      earlier: number;
      /** Per result of the movements recorded now: how many, and the money. */
      results: { result: BankLineResult; count: number; amountCents: number; refundCents: number }[];
      /** The recorded movements someone has to look at (refunds, unknown references, unreadable lines), at most 200. */
      attention: { line: number; communication: string; amountCents: number | null; result: BankLineResult; refundCents: number; problem: string | null }[];
      /** How many more need attention than are listed. */
      attentionNotListed: number;
    };

/** Results that need nobody: the own share confirmed, money going out. */
const routine = new Set<BankLineResult>(["confirmed", "debitIgnored"]);

/**
 * A statement's movements, each recorded once, in one transaction and a few set-based statements
 * whatever its length: the movements already recorded (by their identity, from any format) are
 * left as they were; the vouchers the others name are read and locked in one query; each new
 * movement is judged in the file's order (a second payment of the same own share in one file is
 * "already paid"), the movements inserted in chunks, and only then the effects of those this
 * upload claimed: own shares confirmed, refunds recorded, audited. A concurrent upload of the same
 * movements waits for the vouchers' locks and finds them claimed.
 */
export async function matchBankLines(adminId: string, lines: StatementLine[]): Promise<BankStatementSummary> {
  if (lines.length > maxMovementsPerUpload) return { ok: false, error: "tooManyMovements", max: maxMovementsPerUpload, count: lines.length };
  return db.transaction(async (tx) => {
    const known = new Set<string>();
    for (let i = 0; i < lines.length; i += chunk) {
      const rows = await tx.select({ fingerprint: bankTransactions.fingerprint }).from(bankTransactions).where(inArray(bankTransactions.fingerprint, lines.slice(i, i + chunk).map((l) => l.fingerprint)));
      for (const row of rows) known.add(row.fingerprint);
    }
    const fresh = lines.filter((l) => !known.has(l.fingerprint));
    const references = [...new Set(fresh.map((l) => l.structuredCommunication).filter((r): r is string => r !== null))];
    const voucherByReference = new Map<string, { id: string; ownShareCents: number; paidAt: Date | null; status: string }>();
    for (let i = 0; i < references.length; i += chunk) {
      const rows = await tx
        .select({ id: vouchers.id, reference: vouchers.paymentReference, ownShareCents: vouchers.ownShareCents, paidAt: vouchers.paidAt, status: vouchers.status })
        .from(vouchers)
        .where(inArray(vouchers.paymentReference, references.slice(i, i + chunk)))
        .orderBy(asc(vouchers.id))
        .for("update");
      for (const { reference, ...voucher } of rows) voucherByReference.set(reference!, voucher);
    }
    const judged = fresh.map((line) => {
      const voucher = line.structuredCommunication ? (voucherByReference.get(line.structuredCommunication) ?? null) : null;
      const verdict = judgeOwnSharePayment(line, voucher);
      // Paid by this line: a later line of the same file paying it again is a second payment.
      if (voucher && (verdict.result === "confirmed" || verdict.result === "overpaid")) voucher.paidAt = new Date();
      return { line, voucherId: voucher?.id ?? null, ...verdict };
    });
    const claimed = new Set<string>();
    for (let i = 0; i < judged.length; i += chunk) {
      const rows = await tx
        .insert(bankTransactions)
        .values(
          judged.slice(i, i + chunk).map(({ line, voucherId, result, refundCents }) => ({
            fingerprint: line.fingerprint,
            voucherId,
            amountCents: line.amountCents,
            communication: line.communication.slice(0, 500),
            counterpartyIban: line.counterpartyIban,
            counterpartyName: line.counterpartyName.slice(0, 200),
            valueDate: line.valueDate,
            result,
            refundCents,
            uploadedBy: adminId,
          })),
        )
        .onConflictDoNothing()
        .returning({ fingerprint: bankTransactions.fingerprint });
      for (const row of rows) claimed.add(row.fingerprint);
    }
    const mine = judged.filter((j) => claimed.has(j.line.fingerprint));
    for (const j of mine) {
      if (j.voucherId && (j.result === "confirmed" || j.result === "overpaid")) {
        const paid = await recordOwnSharePaid(tx, adminId, j.voucherId);
        if (!paid.ok) throw new Error(`own share of ${j.voucherId} could not be recorded: ${paid.error}`);
      }
    }
    const owed = mine.filter((j) => j.refundCents > 0);
    for (let i = 0; i < owed.length; i += chunk) {
      await tx.insert(refunds).values(
        owed.slice(i, i + chunk).map((j) => ({
          method: "transfer" as const,
          reason: j.result,
          amountCents: j.refundCents,
          voucherId: j.voucherId,
          bankTransaction: j.line.fingerprint,
          counterpartyIban: j.line.counterpartyIban,
          counterpartyName: j.line.counterpartyName.slice(0, 200),
        })),
      );
    }
    await recordAuditMany(
      tx,
      owed.map(
        (j): AuditEvent => ({
          actorId: adminId,
          action: "bank.refund_due",
          entityType: "voucher",
          entityId: j.voucherId ?? j.line.fingerprint,
          toState: j.result,
          data: { amountCents: j.line.amountCents, refundCents: j.refundCents, counterpartyIban: j.line.counterpartyIban },
        }),
      ),
    );
    const results = new Map<BankLineResult, { result: BankLineResult; count: number; amountCents: number; refundCents: number }>();
    for (const j of mine) {
      const sum = results.get(j.result) ?? { result: j.result, count: 0, amountCents: 0, refundCents: 0 };
      sum.count += 1;
      sum.amountCents += j.line.amountCents ?? 0;
      sum.refundCents += j.refundCents;
      results.set(j.result, sum);
    }
    const attention = mine.filter((j) => !routine.has(j.result) || j.refundCents > 0);
    return {
      ok: true as const,
      read: lines.length,
      recorded: mine.length,
      earlier: lines.length - mine.length,
      results: [...results.values()],
      attention: attention.slice(0, maxListed).map(({ line, result, refundCents }) => ({ line: line.line, communication: line.communication.slice(0, 200), amountCents: line.amountCents, result, refundCents, problem: line.problem })),
      attentionNotListed: Math.max(0, attention.length - maxListed),
    };
  });
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
