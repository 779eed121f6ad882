/**
 * CODA, the Belgian banks' coded statement file (Febelfin, "Standard CODA 2.6"): fixed-width
 * records of 128 characters. Read here: 0 header, 1 old balance, 2.1–2.3 movements, 3.1–3.3
 * information, 8 new balance, 9 trailer; 4 (free communication) is skipped. Positions below are
 * the specification's, counted from 1. No npm package reads CODA; this one file does, and checks
 * what a damaged file would break: record lengths, the order of the parts, the balances, and the
 * trailer's record count (records 1, 2.x, 3.x and 8) and debit and credit totals. Banks write the
 * file in ISO-8859-1: decode it with decodeBankFile() first.
 */

export interface CodaMovement {
  /** Line of the 2.1 record in the file, for the office's report. */
  line: number;
  sequence: string;
  detail: string;
  bankReference: string;
  /** Signed: a credit is positive, a debit negative. */
  amountCents: number;
  valueDate: string | null;
  entryDate: string | null;
  transactionCode: string;
  /** The 12 digits of a Belgian structured communication (type 101 or 102), else null. */
  structuredCommunication: string | null;
  /** Free communication, its parts from records 2.1, 2.2 and 2.3 joined. */
  communication: string;
  /** The payer's own reference (SEPA end-to-end id), 2.2 positions 64–98. */
  customerReference: string;
  counterpartyIban: string | null;
  counterpartyBic: string;
  counterpartyName: string;
  /** Text of the 3.x information records that belong to this movement. */
  information: string;
  /**
   * Globalisation code (2.1 position 125): above 0, the bank booked several payments as this one
   * total; its details (same sequence, detail number 0001…) carry each payment's reference.
   */
  globalisation: number;
}

export interface CodaStatement {
  account: string;
  currency: string;
  statementNumber: string;
  oldBalanceCents: number;
  newBalanceCents: number;
  newBalanceDate: string | null;
  movements: CodaMovement[];
}

export type CodaResult = { ok: true; createdOn: string | null; statements: CodaStatement[] } | { ok: false; line: number; reason: CodaProblem };
export type CodaProblem = "recordLength" | "version" | "order" | "amount" | "balance" | "trailer" | "totals" | "empty";

/** A CODA file starts with a header record: "0" and four zeros, then the creation date. */
export function looksLikeCoda(text: string) {
  return /^\uFEFF?0000\d{7}/.test(text) && text.split(/\r?\n/, 1)[0].replace(/^\uFEFF/, "").length === 128;
}

class CodaError extends Error {
  constructor(
    readonly line: number,
    readonly reason: CodaProblem,
  ) {
    super(reason);
  }
}

/** Characters `from`–`to` (1-based, inclusive) of a record. */
const field = (record: string, from: number, to: number) => record.slice(from - 1, to);

/** DDMMYY → YYYY-MM-DD (CODA is younger than 2000); all zeros means no date. */
function date(ddmmyy: string) {
  if (!/^\d{6}$/.test(ddmmyy) || ddmmyy === "000000") return null;
  return `20${ddmmyy.slice(4, 6)}-${ddmmyy.slice(2, 4)}-${ddmmyy.slice(0, 2)}`;
}

/** 15 digits with three decimals (mils) and a sign digit (0 credit, 1 debit) → signed cents. */
function amount(sign: string, digits: string, line: number) {
  if (!/^[01]$/.test(sign) || !/^\d{15}$/.test(digits)) throw new CodaError(line, "amount");
  const cents = Math.round(Number(digits) / 10);
  return sign === "1" ? -cents : cents;
}

/**
 * An account field (positions 6–42, 37 characters) by its structure code: 0 a Belgian account (12
 * digits at 6–17, a blank, the currency at 19–21), 1 a foreign one, 2 and 3 an IBAN (34 characters,
 * the currency at 40–42).
 */
function account(structure: string, text: string) {
  if (structure === "0") return { number: text.slice(0, 12).trim(), currency: text.slice(13, 16).trim() };
  return { number: text.slice(0, 34).trim(), currency: text.slice(34, 37).trim() };
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

export function parseCoda(text: string): CodaResult {
  const records = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (records.length && records[records.length - 1].trim() === "") records.pop();
  if (records.length === 0) return { ok: false, line: 1, reason: "empty" };
  try {
    return { ok: true, ...readRecords(records) };
  } catch (error) {
    if (error instanceof CodaError) return { ok: false, line: error.line, reason: error.reason };
    throw error;
  }
}

function readRecords(records: string[]) {
  const statements: CodaStatement[] = [];
  let createdOn: string | null = null;
  let statement: CodaStatement | null = null;
  let movement: CodaMovement | null = null;
  // What the trailer must say: the records 1, 2.x, 3.x and 8 of the file, and the totals of its
  // movements (a globalised total once, its details not again).
  let counted = 0;
  let debitMils = 0;
  let creditMils = 0;
  for (const [index, record] of records.entries()) {
    const line = index + 1;
    if (record.length !== 128) throw new CodaError(line, "recordLength");
    const kind = record[0] === "2" || record[0] === "3" ? record.slice(0, 2) : record[0];
    if (["1", "21", "22", "23", "31", "32", "33", "8"].includes(kind)) counted += 1;
    switch (kind) {
      case "0":
        if (record[127] !== "2") throw new CodaError(line, "version");
        createdOn = date(field(record, 6, 11));
        counted = debitMils = creditMils = 0;
        break;
      case "1": {
        const { number, currency } = account(record[1], field(record, 6, 42));
        statement = {
          account: number,
          currency,
          statementNumber: field(record, 126, 128),
          oldBalanceCents: amount(record[42], field(record, 44, 58), line),
          newBalanceCents: 0,
          newBalanceDate: null,
          movements: [],
        };
        movement = null;
        break;
      }
      case "21": {
        if (!statement) throw new CodaError(line, "order");
        const structured = record[61] === "1" && ["101", "102"].includes(field(record, 63, 65));
        movement = {
          line,
          sequence: field(record, 3, 6),
          detail: field(record, 7, 10),
          bankReference: field(record, 11, 31).trim(),
          amountCents: amount(record[31], field(record, 33, 47), line),
          valueDate: date(field(record, 48, 53)),
          entryDate: date(field(record, 116, 121)),
          transactionCode: field(record, 54, 61),
          structuredCommunication: structured ? field(record, 66, 77) : null,
          communication: structured ? "" : field(record, 63, 115),
          customerReference: "",
          counterpartyIban: null,
          counterpartyBic: "",
          counterpartyName: "",
          information: "",
          globalisation: Number(record[124]) || 0,
        };
        statement.movements.push(movement);
        if (movement.detail === "0000") {
          const mils = Number(field(record, 33, 47));
          if (record[31] === "1") debitMils += mils;
          else creditMils += mils;
        }
        break;
      }
      case "22":
        if (!movement) throw new CodaError(line, "order");
        if (!movement.structuredCommunication) movement.communication += field(record, 11, 63);
        movement.customerReference = field(record, 64, 98).trim();
        movement.counterpartyBic = field(record, 99, 109).trim();
        break;
      case "23": {
        if (!movement) throw new CodaError(line, "order");
        const counterparty = field(record, 11, 47).trim();
        movement.counterpartyIban = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}/.test(counterparty) ? counterparty.split(/\s+/)[0] : counterparty || null;
        movement.counterpartyName = field(record, 48, 82).trim();
        if (!movement.structuredCommunication) movement.communication += field(record, 83, 125);
        break;
      }
      case "31":
      case "32":
      case "33":
        if (!movement) throw new CodaError(line, "order");
        movement.information += kind === "31" ? field(record, 41, 113) : kind === "32" ? field(record, 11, 115) : field(record, 11, 100);
        break;
      case "4":
        break;
      case "8": {
        if (!statement) throw new CodaError(line, "order");
        statement.newBalanceCents = amount(record[41], field(record, 43, 57), line);
        statement.newBalanceDate = date(field(record, 58, 63));
        // Details (detail number > 0) break a global movement down: only the main ones move the balance.
        const moved = statement.movements.filter((m) => m.detail === "0000").reduce((sum, m) => sum + m.amountCents, 0);
        if (statement.oldBalanceCents + moved !== statement.newBalanceCents) throw new CodaError(line, "balance");
        for (const m of statement.movements) {
          m.communication = squash(m.communication);
          m.information = squash(m.information);
        }
        statements.push(statement);
        statement = null;
        movement = null;
        break;
      }
      case "9":
        if (Number(field(record, 17, 22)) !== counted) throw new CodaError(line, "trailer");
        if (Number(field(record, 23, 37)) !== debitMils || Number(field(record, 38, 52)) !== creditMils) throw new CodaError(line, "totals");
        break;
      default:
        throw new CodaError(line, "order");
    }
  }
  if (statement) throw new CodaError(records.length, "order");
  return { createdOn, statements };
}
