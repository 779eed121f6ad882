import { parse } from "csv-parse/sync";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "~db/client";
import { vouchers } from "~db/schema";
import { isValidStructuredCommunication } from "~/modules/vouchers/rules";
import { recordOwnSharePaid } from "./voucher-steps.server";

export interface BankLineOutcome {
  line: number;
  communication: string;
  amountCents: number;
  result: "confirmed" | "unknownReference" | "amountTooLow" | "alreadyPaid" | "unreadable";
}

/**
 * The programme office uploads its bank's statement lines (CSV with a header row; columns
 * `amount` and `communication`, comma or semicolon separated). Each line whose structured
 * communication is an approved, unpaid voucher's, for at least the own share, confirms it.
 */
export async function matchBankLines(adminId: string, csv: string): Promise<BankLineOutcome[]> {
  const firstLine = csv.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes(";") ? ";" : ",";
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { bom: true, columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), delimiter, skip_empty_lines: true, trim: true });
  } catch {
    return [{ line: 1, communication: "", amountCents: 0, result: "unreadable" }];
  }
  const outcomes: BankLineOutcome[] = [];
  for (const [i, row] of rows.entries()) {
    const communication = (row.communication ?? row.mededeling ?? "").trim();
    const amountCents = Math.round(Number((row.amount ?? row.bedrag ?? "").replace(/\s/g, "").replace(",", ".")) * 100);
    const line = i + 2;
    if (!isValidStructuredCommunication(communication) || !Number.isFinite(amountCents)) {
      outcomes.push({ line, communication, amountCents: Number.isFinite(amountCents) ? amountCents : 0, result: "unreadable" });
      continue;
    }
    const digits = communication.replace(/[^0-9]/g, "");
    const reference = `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
    const [voucher] = await db.select().from(vouchers).where(and(eq(vouchers.paymentReference, reference), eq(vouchers.status, "approved")));
    if (!voucher) {
      outcomes.push({ line, communication, amountCents, result: "unknownReference" });
    } else if (voucher.paidAt) {
      outcomes.push({ line, communication, amountCents, result: "alreadyPaid" });
    } else if (amountCents < voucher.ownShareCents) {
      outcomes.push({ line, communication, amountCents, result: "amountTooLow" });
    } else {
      const confirmed = await db.transaction(async (tx) => {
        const [still] = await tx.select({ id: vouchers.id }).from(vouchers).where(and(eq(vouchers.id, voucher.id), isNull(vouchers.paidAt)));
        return still ? recordOwnSharePaid(tx, adminId, voucher.id) : { ok: false as const, error: "notAllowed" as const };
      });
      outcomes.push({ line, communication, amountCents, result: confirmed.ok ? "confirmed" : "alreadyPaid" });
    }
  }
  return outcomes;
}
