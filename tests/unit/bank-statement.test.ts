import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { findStructuredCommunication, readBankStatement } from "~/modules/payments/bank-statement";
import { parseCoda } from "~/modules/payments/coda";
import { judgeOwnSharePayment } from "~/modules/vouchers/rules";
import { codaFile } from "../support/coda";

const fixture = fs.readFileSync("tests/fixtures/statement.cod", "utf8");

describe("a CODA statement", () => {
  it("reads balances, movements, signs, dates, counterparties and communications", () => {
    const parsed = parseCoda(fixture);
    if (!parsed.ok) throw new Error(`${parsed.reason} at ${parsed.line}`);
    expect(parsed.createdOn).toBe("2026-12-01");
    const [statement] = parsed.statements;
    expect(statement).toMatchObject({ account: "BE68539007547034", currency: "EUR", statementNumber: "245", oldBalanceCents: 2_500_000, newBalanceCents: 2_635_350, newBalanceDate: "2026-12-01" });
    expect(statement.movements.map((m) => [m.line, m.amountCents, m.valueDate, m.structuredCommunication, m.counterpartyIban, m.counterpartyName])).toEqual([
      [3, 59_800, "2026-11-30", "000000000101", "BE71096123456769", "BOEKHANDEL DE ZANDLOPER"],
      [6, 213_000, "2026-12-01", null, "BE62510007547061", "FIETSEN VANDENBROUCKE BV"],
      [9, -150_000, "2026-12-01", null, "BE43068999999501", "PIXELPIER"],
      [12, 12_550, "2026-12-01", null, "BE56001254307388", "B&B DE VIER WINDEN"],
    ]);
    // A free communication over three records (2.1, 2.2, 2.3) reads as one text.
    expect(statement.movements[3].communication).toBe(
      "Betaling eigen bijdrage voor het traject van onze B&B De Vier Winden in Damme, factuur 2026-118, met dank voor de snelle opvolging",
    );
  });

  it("becomes statement lines: structured communications found, in the record or in free text", () => {
    const reading = readBankStatement(fixture);
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.format).toBe("coda");
    expect(reading.lines.map((l) => [l.amountCents, l.structuredCommunication])).toEqual([
      [59_800, "+++000/0000/00101+++"],
      [213_000, "+++000/0000/00202+++"],
      [-150_000, null],
      [12_550, null],
    ]);
    expect(new Set(reading.lines.map((l) => l.fingerprint)).size).toBe(4);
    expect(readBankStatement(fixture)).toEqual(reading);
  });

  it("refuses a damaged file and says where", () => {
    const lines = fixture.split("\r\n");
    const short = [...lines.slice(0, 5), lines[5].slice(0, 120), ...lines.slice(6)].join("\r\n");
    expect(parseCoda(short)).toEqual({ ok: false, line: 6, reason: "recordLength" });
    const withoutMovement = [...lines.slice(0, 2), ...lines.slice(5)].join("\r\n");
    expect(parseCoda(withoutMovement)).toMatchObject({ ok: false, reason: "balance" });
    expect(parseCoda(codaFile({ movements: [{ amountCents: 100 }], wrongTrailer: true }))).toMatchObject({ ok: false, reason: "trailer" });
    expect(parseCoda(lines.slice(0, 8).join("\r\n"))).toMatchObject({ ok: false, reason: "order" });
    const version1 = [`${lines[0].slice(0, 127)}1`, ...lines.slice(1)].join("\r\n");
    expect(parseCoda(version1)).toEqual({ ok: false, line: 1, reason: "version" });
  });
});

describe("a CSV statement as Belgian banks export it", () => {
  it("reads amounts written the Belgian way, with or without thousands separators", () => {
    const csv = [
      "Rekeningnummer;Boekingsdatum;Valutadatum;Bedrag;Munteenheid;Rekening tegenpartij;Naam tegenpartij;Mededeling",
      "BE68539007547034;01/12/2026;30/11/2026;2.130,00;EUR;BE62 5100 0754 7061;Fietsen Vandenbroucke;+++000/0000/00202+++",
      "BE68539007547034;01/12/2026;01/12/2026;2130,00;EUR;;;***000/0000/00202***",
      "BE68539007547034;01/12/2026;01/12/2026;2130.00;EUR;;;000000000202",
      'BE68539007547034;01/12/2026;01/12/2026;"€ 2.130,00";EUR;;;000/0000/00202',
      "BE68539007547034;01/12/2026;01/12/2026;-1.500,00;EUR;;;uitbetaling",
      "BE68539007547034;01/12/2026;01/12/2026;twaalf;EUR;;;+++000/0000/00202+++",
    ].join("\r\n");
    const reading = readBankStatement(`\uFEFF${csv}`);
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.format).toBe("csv");
    expect(reading.lines.map((l) => [l.line, l.amountCents, l.structuredCommunication, l.problem])).toEqual([
      [2, 213_000, "+++000/0000/00202+++", null],
      [3, 213_000, "+++000/0000/00202+++", null],
      [4, 213_000, "+++000/0000/00202+++", null],
      [5, 213_000, "+++000/0000/00202+++", null],
      [6, -150_000, null, null],
      [7, null, "+++000/0000/00202+++", "bankLines.problems.amount.format"],
    ]);
    expect(reading.lines[0]).toMatchObject({ valueDate: "2026-11-30", counterpartyIban: "BE62510007547061", counterpartyName: "Fietsen Vandenbroucke" });
  });

  it("tells two equal transfers in one file apart, and the same file uploaded again not", () => {
    const csv = "bedrag;mededeling\n598,00;+++000/0000/00101+++\n598,00;+++000/0000/00101+++\n";
    const first = readBankStatement(csv);
    const again = readBankStatement(csv);
    if (!first.ok || !again.ok) throw new Error("unreadable");
    expect(first.lines[0].fingerprint).not.toBe(first.lines[1].fingerprint);
    expect(again.lines.map((l) => l.fingerprint)).toEqual(first.lines.map((l) => l.fingerprint));
  });

  it("refuses a file without an amount column", () => {
    expect(readBankStatement("datum;mededeling\n01/12/2026;x\n")).toEqual({ ok: false, format: "csv", problem: "bankLines.problems.noAmountColumn", line: 1 });
  });

  it("finds only structured communications whose check digits hold", () => {
    expect(findStructuredCommunication("factuur 123/4567/89012 en 000000000101")).toBe("+++000/0000/00101+++");
    expect(findStructuredCommunication("rekening BE71096123456769")).toBeNull();
  });
});

describe("judging a movement", () => {
  const line = (amountCents: number | null, structured: string | null = "+++000/0000/00101+++") => ({ amountCents, structuredCommunication: structured, problem: null });
  const open = { ownShareCents: 59_800, paidAt: null, status: "approved" };
  it.each([
    [line(59_800), open, "confirmed", 0],
    [line(60_000), open, "overpaid", 200],
    [line(50_000), open, "amountTooLow", 50_000],
    [line(59_800), { ...open, paidAt: new Date() }, "alreadyPaid", 59_800],
    [line(59_800), { ...open, status: "expired" }, "voucherClosed", 59_800],
    [line(59_800), null, "unknownReference", 0],
    [line(59_800, null), null, "noReference", 0],
    [line(-59_800), open, "debitIgnored", 0],
    [line(null), open, "unreadable", 0],
  ] as const)("%j against %j: %s, refund %i", (movement, voucher, result, refundCents) => {
    expect(judgeOwnSharePayment(movement, voucher)).toEqual({ result, refundCents });
  });
});
