/**
 * CODA files for tests, written record by record at the positions of Febelfin's "Standard CODA
 * 2.6" (counted from 1), the way a bank's file is laid out: one header, per statement an old
 * balance, movements (2.1, 2.2 and 2.3 when the free communication runs long), a new balance, and
 * a trailer with the record count and the debit and credit totals.
 */

export interface CodaTestMovement {
  amountCents: number;
  /** 12 digits of a Belgian structured communication. */
  structured?: string;
  communication?: string;
  counterpartyIban?: string;
  counterpartyName?: string;
  counterpartyBic?: string;
  /** DDMMYY */
  valueDate?: string;
  bankReference?: string;
}

function record() {
  return Array.from({ length: 128 }, () => " ");
}
function put(chars: string[], from: number, text: string, width: number) {
  const value = text.padEnd(width).slice(0, width);
  for (let i = 0; i < width; i++) chars[from - 1 + i] = value[i];
}
const digits = (n: number, width: number) => String(n).padStart(width, "0");

export function codaFile(options: {
  account?: string;
  holder?: string;
  /** DDMMYY */
  date?: string;
  statement?: number;
  oldBalanceCents?: number;
  movements: CodaTestMovement[];
  /** Break the file on purpose: the trailer's record count leaves out record 8. */
  wrongTrailer?: boolean;
}) {
  const { account = "BE68539007547034", holder = "PROVINCIE WEST-VLAANDEREN", date = "011226", statement = 123, oldBalanceCents = 1_000_000, movements } = options;
  const lines: string[] = [];
  const header = record();
  put(header, 1, "0", 1);
  put(header, 2, "0000", 4);
  put(header, 6, date, 6);
  put(header, 12, "725", 3);
  put(header, 15, "05", 2);
  put(header, 35, holder, 26);
  put(header, 61, "KREDBEBB", 11);
  put(header, 72, "00206653140", 11);
  put(header, 128, "2", 1);
  lines.push(header.join(""));

  const old = record();
  put(old, 1, "12", 2);
  put(old, 3, digits(statement % 1000, 3), 3);
  put(old, 6, account, 34);
  put(old, 40, "EUR", 3);
  put(old, 43, oldBalanceCents < 0 ? "1" : "0", 1);
  put(old, 44, digits(Math.abs(oldBalanceCents) * 10, 15), 15);
  put(old, 59, date, 6);
  put(old, 65, holder, 26);
  put(old, 91, "Programmarekening relance", 35);
  put(old, 126, digits(statement % 1000, 3), 3);
  lines.push(old.join(""));

  let counted = 1;
  let debit = 0;
  let credit = 0;
  for (const [index, m] of movements.entries()) {
    const sequence = digits(index + 1, 4);
    const free = m.communication ?? "";
    const needs22 = !m.structured && free.length > 53;
    const needs23 = Boolean(m.counterpartyIban || m.counterpartyName) || (!m.structured && free.length > 106);
    const main = record();
    put(main, 1, "21", 2);
    put(main, 3, sequence, 4);
    put(main, 7, "0000", 4);
    put(main, 11, m.bankReference ?? `EBANKREF${sequence}${date}`, 21);
    put(main, 32, m.amountCents < 0 ? "1" : "0", 1);
    put(main, 33, digits(Math.abs(m.amountCents) * 10, 15), 15);
    put(main, 48, m.valueDate ?? date, 6);
    put(main, 54, m.amountCents < 0 ? "13010000" : "00150000", 8);
    if (m.structured) {
      put(main, 62, "1", 1);
      put(main, 63, `101${m.structured}`, 53);
    } else {
      put(main, 62, "0", 1);
      put(main, 63, free.slice(0, 53), 53);
    }
    put(main, 116, date, 6);
    put(main, 122, digits(statement % 1000, 3), 3);
    put(main, 125, "0", 1);
    put(main, 126, needs22 || needs23 ? "1" : "0", 1);
    put(main, 128, "0", 1);
    lines.push(main.join(""));
    counted += 1;
    if (needs22 || needs23) {
      const second = record();
      put(second, 1, "22", 2);
      put(second, 3, sequence, 4);
      put(second, 7, "0000", 4);
      put(second, 11, m.structured ? "" : free.slice(53, 106), 53);
      put(second, 99, m.counterpartyBic ?? "GEBABEBB", 11);
      put(second, 126, needs23 ? "1" : "0", 1);
      put(second, 128, "0", 1);
      lines.push(second.join(""));
      counted += 1;
    }
    if (needs23) {
      const third = record();
      put(third, 1, "23", 2);
      put(third, 3, sequence, 4);
      put(third, 7, "0000", 4);
      put(third, 11, m.counterpartyIban ? `${m.counterpartyIban.padEnd(34)}EUR` : "", 37);
      put(third, 48, m.counterpartyName ?? "", 35);
      put(third, 83, m.structured ? "" : free.slice(106, 149), 43);
      put(third, 126, "0", 1);
      put(third, 128, "0", 1);
      lines.push(third.join(""));
      counted += 1;
    }
    if (m.amountCents < 0) debit += -m.amountCents;
    else credit += m.amountCents;
  }
  const newBalance = oldBalanceCents + credit - debit;
  const closing = record();
  put(closing, 1, "8", 1);
  put(closing, 2, digits(statement % 1000, 3), 3);
  put(closing, 5, `${account.padEnd(34)}EUR`, 37);
  put(closing, 42, newBalance < 0 ? "1" : "0", 1);
  put(closing, 43, digits(Math.abs(newBalance) * 10, 15), 15);
  put(closing, 58, date, 6);
  put(closing, 128, "0", 1);
  lines.push(closing.join(""));

  // Febelfin CODA 2.6: the trailer counts records 1, 2.x, 3.x and 8 (not 0, 4 or 9), as every
  // bank file in tests/fixtures/coda does. "Wrong" is the old misreading: record 8 left out.
  counted += 1;
  const trailer = record();
  put(trailer, 1, "9", 1);
  put(trailer, 17, digits(counted - (options.wrongTrailer ? 1 : 0), 6), 6);
  put(trailer, 23, digits(debit * 10, 15), 15);
  put(trailer, 38, digits(credit * 10, 15), 15);
  put(trailer, 128, "2", 1);
  lines.push(trailer.join(""));
  return `${lines.join("\r\n")}\r\n`;
}
