import { createHash } from "node:crypto";
import { readCsv } from "~/lib/csv";
import { parseEuroAmount } from "~/lib/money";
import { formatStructuredCommunication, isValidStructuredCommunication } from "~/modules/vouchers/rules";
import { accountAsIban } from "~/modules/profiles/iban";
import { looksLikeCoda, parseCoda, type CodaMovement, type CodaProblem } from "./coda";

/**
 * A bank statement as the programme office downloads it: a CODA file (the Belgian banks' standard,
 * and the first choice) or a CSV export, as KBC, BNP Paribas Fortis, Belfius and ING write them
 * (Dutch or English headers, Belgian amounts). Either way: one line per movement, signed cents,
 * the structured communication if there is one, and the movement's identity (movementIdentities).
 */
export interface StatementLine {
  /** Where it stands in the file: the CSV row (the header is row 1) or the CODA record. */
  line: number;
  /** The movement's identity: the same in CODA, in the bank's CSV and in a CSV saved again. */
  fingerprint: string;
  /** Signed: a credit is positive. Null when the amount could not be read. */
  amountCents: number | null;
  /** `+++123/4567/89002+++`, or null when the line carries none. */
  structuredCommunication: string | null;
  communication: string;
  valueDate: string | null;
  counterpartyIban: string | null;
  counterpartyName: string;
  /** Why the line cannot be read (an i18n key), else null. */
  problem: string | null;
}

type Reading<Line> = { ok: true; format: "coda" | "csv"; lines: Line[] } | { ok: false; format: "coda" | "csv"; problem: string; line: number | null };
export type StatementReading =
  | { ok: true; format: "coda" | "csv"; lines: StatementLine[] }
  | { ok: false; format: "coda" | "csv"; problem: string; line: number | null };

export function readBankStatement(text: string): StatementReading {
  const reading = looksLikeCoda(text) ? readCoda(text) : readCsvStatement(text);
  return reading.ok ? { ...reading, lines: movementIdentities(reading.lines) } : reading;
}

/**
 * One movement, one identity, whichever file it came in: what the bank says about it — value date,
 * amount and the structured communication (or, without one, the payer's account) — not the text of
 * a file's cells. A CSV export carries no CODA bank reference, not every export names the payer's
 * account (KBC's English one is not read for it), and a spreadsheet rewrites `598,00` as `598` and
 * `01/12/2026` as `1/12/2026`: only what every format states the same way counts. A structured
 * communication belongs to one voucher, so with the date and amount it names the payment. Two
 * equal movements in one file (a retailer who paid twice the same day) are the first and second of
 * their kind, and stay two. The programme's own account is left out for the same reason: a CSV
 * export does not always name it.
 */
export function movementIdentities(lines: Omit<StatementLine, "fingerprint">[]): StatementLine[] {
  const seen = new Map<string, number>();
  return lines.map((raw) => {
    const line = { ...raw, counterpartyIban: accountAsIban(raw.counterpartyIban) };
    const reference = line.structuredCommunication?.replace(/\D/g, "") ?? "";
    // A line without an amount or a date has nothing to identify it by but its text.
    const unreadable = line.amountCents === null || line.valueDate === null ? `:${createHash("sha256").update(line.communication).digest("hex").slice(0, 16)}` : "";
    const key = `mv:${line.valueDate ?? "?"}:${line.amountCents ?? "?"}:${reference ? `+${reference}` : `@${line.counterpartyIban ?? ""}`}${unreadable}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return { ...line, fingerprint: `${key}:${occurrence}` };
  });
}

/**
 * The structured communication in free text. An explicit one (`+++…+++` or `***…***`, its groups
 * separated by slashes, dashes, dots or spaces, as people type them) wins over any bare number;
 * only without one do twelve digits (in groups of 3/4/5 or not) count. Either way the check digits
 * must hold.
 */
export function findStructuredCommunication(text: string) {
  const explicit = [...text.matchAll(/[+*]{3}\s*(\d{3})[\s/.-]*(\d{4})[\s/.-]*(\d{5})\s*[+*]{3}/g)];
  const bare = [...text.matchAll(/(?<![\d])(\d{3})[/ ]?(\d{4})[/ ]?(\d{5})(?![\d])/g)];
  for (const match of [...explicit, ...bare]) {
    const digits = match.slice(1).join("");
    if (isValidStructuredCommunication(digits)) return formatStructuredCommunication(digits);
  }
  return null;
}

const codaProblems: Record<CodaProblem, string> = {
  recordLength: "bankLines.problems.codaRecordLength",
  version: "bankLines.problems.codaVersion",
  order: "bankLines.problems.codaOrder",
  amount: "bankLines.problems.codaAmount",
  balance: "bankLines.problems.codaBalance",
  trailer: "bankLines.problems.codaTrailer",
  totals: "bankLines.problems.codaTotals",
  empty: "bankLines.problems.empty",
};

function readCoda(text: string): Reading<Omit<StatementLine, "fingerprint">> {
  const parsed = parseCoda(text);
  if (!parsed.ok) return { ok: false, format: "coda", problem: codaProblems[parsed.reason], line: parsed.line };
  const lines = parsed.statements.flatMap((statement) =>
    paymentsOf(statement.movements).map(
      (m): Omit<StatementLine, "fingerprint"> => ({
        line: m.line,
        amountCents: m.amountCents,
        structuredCommunication: m.structuredCommunication ? formatStructuredCommunication(m.structuredCommunication) : findStructuredCommunication(m.communication),
        communication: m.structuredCommunication ? formatStructuredCommunication(m.structuredCommunication) : m.communication,
        valueDate: m.valueDate,
        counterpartyIban: m.counterpartyIban,
        counterpartyName: m.counterpartyName,
        // Own shares are euros: a statement in another currency confirms none of them.
        problem: statement.currency === "EUR" ? null : "bankLines.problems.currency",
      }),
    ),
  );
  return { ok: true, format: "coda", lines };
}

/**
 * The payments behind a statement's movements, each amount once: a globalised movement (one
 * total for several payments) stands for its details when the file has them, since they carry the
 * payers' references; without details it is one payment. Details of a movement that is not
 * globalised only repeat it.
 */
function paymentsOf(movements: CodaMovement[]) {
  const details = new Map<string, CodaMovement[]>();
  for (const m of movements) if (m.detail !== "0000") details.set(m.sequence, [...(details.get(m.sequence) ?? []), m]);
  return movements.flatMap((m) => {
    if (m.detail !== "0000") return [];
    const parts = details.get(m.sequence) ?? [];
    return m.globalisation > 0 && parts.length > 0 ? parts : [m];
  });
}

/**
 * A bank file's bytes as text. Banks write CODA (and most CSV exports) in ISO-8859-1; a file that
 * someone opened and saved again is often UTF-8. Bytes that are valid UTF-8 are read as such,
 * anything else as ISO-8859-1, so "Liège" never becomes "Li�ge".
 */
export function decodeBankFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  }
}

/**
 * Header names Belgian banks use (lower-cased), in English, Dutch and French. Sources: the exports
 * of KBC (Dutch and English), ING Belgium, Belfius and BNP Paribas Fortis (both layouts) as noted in
 * tests/fixtures/SOURCES.md.
 */
const columns = {
  amount: ["amount", "bedrag", "montant"],
  /** Where a bank puts the structured communication on its own. */
  structured: ["gestructureerde mededeling", "standard-format reference", "communication structurée", "structured communication"],
  /** Free text; every one present is read, since the reference may stand in any of them. */
  communication: ["mededeling", "mededelingen", "vrije mededeling", "free-format reference", "communication", "communication libre", "bericht", "detail van de omzet", "details", "omschrijving", "description"],
  valueDate: ["value date", "valutadatum", "valuta", "date valeur", "boekingsdatum", "uitvoeringsdatum", "datum", "date"],
  counterpartyAccount: ["counterparty account", "rekening tegenpartij", "rekeningnummer tegenpartij", "tegenrekening", "compte contrepartie", "tegenpartij van de verrichting", "tegenpartij"],
  counterpartyName: ["counterparty name", "naam tegenpartij", "naam van de tegenpartij", "naam tegenpartij bevat", "nom contrepartie", "tegenpartij van de verrichting"],
} as const;

function pick(row: Record<string, string>, names: readonly string[]) {
  for (const name of names) if (row[name] !== undefined && row[name] !== "") return row[name];
  return "";
}

/** DD/MM/YYYY (also D/M/YYYY, as a spreadsheet saves it again), DD-MM-YYYY, DD.MM.YYYY or YYYY-MM-DD → YYYY-MM-DD. */
function csvDate(text: string) {
  const belgian = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (belgian) return `${belgian[3]}-${belgian[2].padStart(2, "0")}-${belgian[1].padStart(2, "0")}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : null;
}

const looksLikeAccount = (text: string) => /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$|^\d{3}-?\d{7}-?\d{2}$/.test(text.replace(/\s/g, "").toUpperCase());

/**
 * The header's line: the first with an amount column. Belfius writes a dozen lines of search
 * criteria (`Boekingsdatum vanaf;…`) above it; everything before the header is left out.
 */
function fromHeader(text: string) {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines.slice(0, 40).findIndex((line) => line.toLowerCase().split(/[;,]/).some((cell) => (columns.amount as readonly string[]).includes(cell.trim().replace(/^"|"$/g, ""))));
  return header <= 0 ? { text, skipped: 0 } : { text: lines.slice(header).join("\n"), skipped: header };
}

function readCsvStatement(file: string): Reading<Omit<StatementLine, "fingerprint">> {
  const { text, skipped } = fromHeader(file);
  const parsed = readCsv(text, { relaxColumnCount: true });
  if ("error" in parsed) {
    const line = parsed.error.startsWith("line:") ? Number(parsed.error.slice(5)) + skipped : null;
    return { ok: false, format: "csv", problem: parsed.error === "empty" ? "bankLines.problems.empty" : "bankLines.problems.csvUnreadable", line };
  }
  if (!columns.amount.some((c) => parsed.columns.includes(c))) return { ok: false, format: "csv", problem: "bankLines.problems.noAmountColumn", line: 1 };
  const lines = parsed.rows.map((row, i): Omit<StatementLine, "fingerprint"> => {
    const texts = [...columns.structured, ...columns.communication].map((c) => row[c] ?? "").filter(Boolean);
    const communication = [...new Set(texts)].join(" ");
    const amount = parseEuroAmount(pick(row, columns.amount));
    const account = columns.counterpartyAccount.map((c) => row[c] ?? "").find(looksLikeAccount) ?? "";
    const name = columns.counterpartyName.map((c) => row[c] ?? "").find((value) => value && !looksLikeAccount(value)) ?? "";
    return {
      line: i + 2 + skipped,
      amountCents: amount.ok ? amount.cents : null,
      structuredCommunication: findStructuredCommunication(communication),
      communication,
      valueDate: csvDate(pick(row, columns.valueDate)),
      counterpartyIban: account.replace(/\s/g, "").toUpperCase() || null,
      counterpartyName: name,
      problem: amount.ok ? null : `bankLines.problems.amount.${amount.reason}`,
    };
  });
  return { ok: true, format: "csv", lines };
}
