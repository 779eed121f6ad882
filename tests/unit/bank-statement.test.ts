import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeBankFile, findStructuredCommunication, readBankStatement } from "~/modules/payments/bank-statement";
import { parseCoda } from "~/modules/payments/coda";
import { judgeOwnSharePayment } from "~/modules/vouchers/rules";
import { codaFile } from "../support/coda";

/** A bank's CODA file as the office uploads it: bytes, decoded as Koppel decodes uploads. */
const bankFile = (name: string) => fs.readFileSync(`tests/fixtures/coda/${name}`);
const text = (name: string) => decodeBankFile(bankFile(name));
const parsed = (name: string) => {
  const result = parseCoda(text(name));
  if (!result.ok) throw new Error(`${name}: ${result.reason} at line ${result.line}`);
  return result;
};

/*
 * Statements Belgian banks produced (tests/fixtures/SOURCES.md). The expected values are what the
 * files say, read by hand at the positions of Febelfin CODA 2.6.
 */
describe("a CODA statement from a bank", () => {
  it("reads a KBC statement on a Belgian account number: currency at 19–21, balances, four credits with their references", () => {
    const { createdOn, statements } = parsed("kbc-belgian-account-credits.cod");
    expect(createdOn).toBe("2017-10-11");
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement).toMatchObject({ account: "138536152215", currency: "EUR", statementNumber: "138", oldBalanceCents: 1_775_212, newBalanceCents: 1_783_212, newBalanceDate: "2017-10-11" });
    expect(statement.movements.map((m) => [m.amountCents, m.valueDate, m.structuredCommunication, m.counterpartyIban, m.counterpartyName])).toEqual([
      [500, "2017-10-11", "000003505158", "BE22313215646432", "KLANT1 MET NAAM1"],
      [2_500, "2017-10-11", "000003515846", "BE25646548413215", "KLANT2 NAAM2"],
      [2_000, "2017-10-11", "000003154982", "BE32135468465432", "KLANT3 NAAMï"],
      [3_000, "2017-10-11", "000002133131", "BE23156453132168", "KLANT4 - NAAM4 MET"],
    ]);
  });

  it("reads a BNP Paribas Fortis statement on an IBAN: two debits, the trailer's debit total", () => {
    const [statement] = parsed("bnp-paribas-fortis-iban-debits.cod").statements;
    expect(statement).toMatchObject({ account: "BE11111111111111", currency: "EUR", oldBalanceCents: 129_345, newBalanceCents: 64_856 });
    // No free communication; the payer's reference stands in 2.2 at 64–98.
    expect(statement.movements.map((m) => [m.amountCents, m.communication, m.customerReference])).toEqual([
      [-39_555, "", "ACERTA/I/03948039/230306/1"],
      [-24_934, "", "ACERTA/I/33449300/230306/1"],
    ]);
  });

  it("counts a globalised credit once, and matches its details: each with its own reference", () => {
    const reading = readBankStatement(text("kbc-globalised-credit.cod"));
    if (!reading.ok) throw new Error(reading.problem);
    // 1.000,00 reached the account as one total; the file breaks it into 250,00 and 750,00.
    expect(reading.lines.map((l) => [l.line, l.amountCents, l.counterpartyName])).toEqual([
      [5, 25_000, "KLANT1 MET NAAM1"],
      [10, 75_000, "KLANT2 MET NAAM2"],
    ]);
    expect(reading.lines.reduce((sum, l) => sum + (l.amountCents ?? 0), 0)).toBe(100_000);
    expect(new Set(reading.lines.map((l) => l.fingerprint)).size).toBe(2);
  });

  it("reads the bank's ISO-8859-1 bytes, and the same file saved again as UTF-8", () => {
    const latin1 = bankFile("kbc-belgian-account-credits.cod");
    expect(latin1.includes(Buffer.from("NAAM\u00ef", "latin1"))).toBe(true);
    const resaved = Buffer.from(latin1.toString("latin1"), "utf8");
    expect(resaved.length).toBe(latin1.length + 2);
    for (const bytes of [latin1, resaved]) {
      const result = parseCoda(decodeBankFile(bytes));
      if (!result.ok) throw new Error(result.reason);
      expect(result.statements[0].movements[2].counterpartyName).toBe("KLANT3 NAAMï");
    }
  });

  it("becomes statement lines that keep the bank's structured communications", () => {
    const reading = readBankStatement(text("kbc-belgian-account-credits.cod"));
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.format).toBe("coda");
    expect(reading.lines.map((l) => [l.amountCents, l.structuredCommunication, l.problem])).toEqual([
      [500, "+++000/0035/05158+++", null],
      [2_500, "+++000/0035/15846+++", null],
      [2_000, "+++000/0031/54982+++", null],
      [3_000, "+++000/0021/33131+++", null],
    ]);
    expect(readBankStatement(text("kbc-belgian-account-credits.cod"))).toEqual(reading);
  });
});

describe("a damaged CODA file, damaged as the standard defines it", () => {
  const records = text("bnp-paribas-fortis-iban-debits.cod").split("\n");
  const join = (lines: string[]) => lines.join("\n");

  it("is refused where a record is cut short", () => {
    expect(parseCoda(join([...records.slice(0, 3), records[3].slice(0, 120), ...records.slice(4)]))).toEqual({ ok: false, line: 4, reason: "recordLength" });
  });
  it("is refused at its trailer when a record is missing (a 2.2 taken out: the trailer still counts 6)", () => {
    expect(parseCoda(join([...records.slice(0, 3), ...records.slice(4)]))).toEqual({ ok: false, line: 7, reason: "trailer" });
  });
  it("is refused at its new balance when a whole movement is missing", () => {
    expect(parseCoda(join([...records.slice(0, 4), ...records.slice(6)]))).toMatchObject({ ok: false, line: 5, reason: "balance" });
  });
  it("is refused when the trailer's debit total is not the movements'", () => {
    const trailer = records[7];
    const changed = `${trailer.slice(0, 22)}${"000000000644880"}${trailer.slice(37)}`;
    expect(parseCoda(join([...records.slice(0, 7), changed, ...records.slice(8)]))).toEqual({ ok: false, line: 8, reason: "totals" });
  });
  it("is refused when it is not CODA version 2 or ends early", () => {
    expect(parseCoda(join([`${records[0].slice(0, 127)}1`, ...records.slice(1)]))).toEqual({ ok: false, line: 1, reason: "version" });
    expect(parseCoda(join(records.slice(0, 5)))).toMatchObject({ ok: false, reason: "order" });
  });
  it("with the old misreading of the trailer (record 8 left out) is refused", () => {
    expect(parseCoda(codaFile({ movements: [{ amountCents: 100 }], wrongTrailer: true }))).toMatchObject({ ok: false, reason: "trailer" });
    expect(parseCoda(codaFile({ movements: [{ amountCents: 100 }] })).ok).toBe(true);
  });
});

describe("a statement in another currency", () => {
  it("is read, and its lines say why they confirm no own share", () => {
    // The KBC file with its account's currency (record 1 and 8, positions 19–21) made USD.
    const usd = text("kbc-belgian-account-credits.cod")
      .split("\n")
      .map((line) => (line.startsWith("1") || line.startsWith("8") ? `${line.slice(0, 18)}USD${line.slice(21)}` : line))
      .join("\n");
    const reading = readBankStatement(usd);
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.lines.map((l) => l.problem)).toEqual(Array(4).fill("bankLines.problems.currency"));
    expect(judgeOwnSharePayment(reading.lines[0], { ownShareCents: 500, paidAt: null, status: "approved" })).toEqual({ result: "unreadable", refundCents: 0 });
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

  /*
   * Each bank's export as it is laid out (header names and where the reference goes: see
   * tests/fixtures/SOURCES.md). The reference in each row is a valid structured communication
   * a person can check: 090/9337/55493 (909337554 mod 97 = 93).
   */
  const paid = "+++090/9337/55493+++";
  const exports: { bank: string; csv: string[]; line: number; counterparty?: null }[] = [
    {
      bank: "ING Belgium: the reference in 'Detail van de omzet', 'Omschrijving' only says what kind of transfer",
      csv: [
        "Rekeningnummer;Naam van de rekening;Rekening tegenpartij;Omzetnummer;Boekingsdatum;Valutadatum;Bedrag;Munteenheid;Omschrijving;Detail van de omzet;Bericht",
        "BE68 5390 0754 7034;PROVINCIE WEST-VLAANDEREN;BE62 5100 0754 7061;131;01/12/2026;01/12/2026;598,00;EUR;Europese overschrijving;Europese overschrijving van Fietsen Vandenbroucke BE62 5100 0754 7061 Mededeling: +++090/9337/55493+++;",
      ],
      line: 2,
    },
    {
      bank: "KBC in Dutch: 'gestructureerde mededeling', rows ending in an extra separator",
      csv: [
        "Rekeningnummer;Rubrieknaam;Naam;Munt;Afschriftnummer;Datum;Omschrijving;Valuta;Bedrag;Saldo;credit;debet;rekeningnummer tegenpartij;BIC tegenpartij;Naam tegenpartij;Adres tegenpartij;gestructureerde mededeling;Vrije mededeling",
        "BE68539007547034;Programmarekening;PROVINCIE WEST-VLAANDEREN;EUR;2026123;01/12/2026;OVERSCHRIJVING;01/12/2026;598,00;25.598,00;598,00;;BE62510007547061;GKCCBEBB;Fietsen Vandenbroucke;Markt 1 8500 Kortrijk;090933755493;;",
      ],
      line: 2,
    },
    {
      bank: "KBC in English: 'standard-format reference'",
      csv: [
        "Account number;Heading;Name;Currency;Statement number;Date;Description;Value date;Amount;Balance;credit;debit;counterparty's account number;BIC counterparty's account;Counterparty's name;Counterparty's address;standard-format reference;Free-format reference",
        "BE68539007547034;Programme account;PROVINCIE WEST-VLAANDEREN;EUR;2026123;01/12/2026;TRANSFER;01/12/2026;598,00;25.598,00;598,00;;BE62510007547061;GKCCBEBB;Fietsen Vandenbroucke;Markt 1 8500 Kortrijk;090933755493;",
      ],
      line: 2,
      // Only the reference columns of the English export are documented (SOURCES.md): its
      // counterparty columns are not read, and the payment is found without them.
      counterparty: null,
    },
    {
      bank: "Belfius: a dozen lines of search criteria before the header",
      csv: [
        "Boekingsdatum vanaf;01/11/2026",
        "Boekingsdatum tot en met;01/12/2026",
        "Bedrag vanaf;",
        "Bedrag tot en met;",
        "Rekeninguittrekselnummer vanaf;",
        "Rekeninguittrekselnummer tot en met;",
        "Mededeling;",
        "Naam tegenpartij bevat;",
        "Rekening tegenpartij;",
        "Laatste saldo;25.598,00 EUR",
        "Datum/uur van het laatste saldo;01/12/2026 18:00:00",
        "",
        "Rekening;Boekingsdatum;Rekeninguittrekselnummer;Transactienummer;Rekening tegenpartij;Naam tegenpartij bevat;Straat en nummer;Postcode en plaats;Transactie;Valutadatum;Bedrag;Devies;BIC;Landcode;Mededelingen",
        "BE68 5390 0754 7034;01/12/2026;123;456;BE62 5100 0754 7061;Fietsen Vandenbroucke;Markt 1;8500 Kortrijk;EUROPESE OVERSCHRIJVING;01/12/2026;598,00;EUR;GKCCBEBB;BE;+++090/9337/55493+++",
      ],
      line: 14,
    },
    {
      bank: "BNP Paribas Fortis, 'Mededeling' + 'Details'",
      csv: [
        "Volgnummer;Uitvoeringsdatum;Valutadatum;Bedrag;Valuta rekening;Rekeningnummer;Type verrichting;Tegenpartij;Naam van de tegenpartij;Mededeling;Details;Status;Reden van weigering",
        "2026-0123;01/12/2026;01/12/2026;598,00;EUR;BE68539007547034;Overschrijving;BE62510007547061;Fietsen Vandenbroucke;090/9337/55493;OVERSCHRIJVING VAN BE62 5100 0754 7061;Uitgevoerd;",
      ],
      line: 2,
    },
    {
      bank: "BNP Paribas Fortis, 'TEGENPARTIJ VAN DE VERRICHTING' + 'Details'",
      csv: [
        "VOLGNUMMER;UITVOERINGSDATUM;VALUTADATUM;BEDRAG;MUNT V/D REKENING;TEGENPARTIJ VAN DE VERRICHTING;DETAILS;REKENINGNUMMER",
        "2026-0123;01/12/2026;01/12/2026;598,00;EUR;BE62510007547061;OVERSCHRIJVING VAN FIETSEN VANDENBROUCKE MEDEDELING : +++090-9337-55493+++;BE68539007547034",
      ],
      line: 2,
    },
  ];
  it.each(exports)("finds the payment in $bank", ({ csv, line, counterparty }) => {
    const reading = readBankStatement(csv.join("\r\n"));
    if (!reading.ok) throw new Error(`${reading.problem} at ${reading.line}`);
    expect(reading.lines.map((l) => [l.line, l.amountCents, l.structuredCommunication, l.valueDate, l.counterpartyIban])).toEqual([[line, 59_800, paid, "2026-12-01", counterparty === null ? null : "BE62510007547061"]]);
  });

  it("gives the same payment one identity in every bank's export, in CODA and in a spreadsheet's re-save (issue 21, item 3)", () => {
    const identity = (text: string) => {
      const reading = readBankStatement(text);
      if (!reading.ok) throw new Error(reading.problem);
      return reading.lines.map((l) => l.fingerprint);
    };
    // The payment as the bank's CODA file states it (value date 01/12/26, €598.00, the payer's IBAN, the reference).
    const coda = codaFile({ date: "011226", movements: [{ amountCents: 59_800, structured: "090933755493", valueDate: "011226", counterpartyIban: "BE62510007547061", counterpartyName: "FIETSEN VANDENBROUCKE" }] });
    const [expected] = identity(coda);
    for (const { csv } of exports) expect(identity(csv.join("\r\n"))).toEqual([expected]);
    expect(identity("Bedrag;Valutadatum;Mededeling\n598;1/12/2026;+++090/9337/55493+++\n")).toEqual([expected]);
    // Another day, another amount or another reference is another movement.
    expect(identity("Bedrag;Valutadatum;Mededeling\n598;2/12/2026;+++090/9337/55493+++\n")).not.toEqual([expected]);
    expect(identity("Bedrag;Valutadatum;Mededeling\n598,01;1/12/2026;+++090/9337/55493+++\n")).not.toEqual([expected]);
    expect(identity("Bedrag;Valutadatum;Mededeling\n598;1/12/2026;+++000/0000/00101+++\n")).not.toEqual([expected]);
  });

  it("writes a Belgian account in the old national form as its IBAN, so it is the same payer", () => {
    const reading = readBankStatement("Bedrag;Valutadatum;Rekening tegenpartij;Mededeling\n5,00;1/12/2026;510-0075470-61;gift\n");
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.lines[0].counterpartyIban).toBe("BE62510007547061");
  });

  it("reads a row a spreadsheet saved again: 1/12/2026 and 598", () => {
    const reading = readBankStatement("Bedrag;Valutadatum;Mededeling\n598;1/12/2026;+++090/9337/55493+++\n");
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.lines.map((l) => [l.amountCents, l.valueDate, l.structuredCommunication])).toEqual([[59_800, "2026-12-01", paid]]);
  });

  it("takes an explicit +++…+++ reference over a bare number earlier in the text, however its groups are separated", () => {
    expect(findStructuredCommunication("factuur 000000000101 betaald met +++090-9337-55493+++")).toBe(paid);
    expect(findStructuredCommunication("***090.9337.55493***")).toBe(paid);
    expect(findStructuredCommunication("+++ 090 / 9337 / 55493 +++")).toBe(paid);
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

describe("the EPC QR code a banking app scans (issue 22, item 4)", () => {
  it("writes the EPC069-12 guideline's own example line for line", async () => {
    const { epcQrText } = await import("~/modules/payments/sepa");
    // The guideline's sample: €1 to the Belgian Red Cross, purpose CHAR, "Urgency fund".
    expect(epcQrText({ bic: "BPOTBEB1", name: "Red Cross of Belgium", iban: "BE72000000001616", amountCents: 100, purpose: "CHAR", remittance: "Urgency fund", information: "Sample EPC QR code" })).toBe(
      ["BCD", "002", "1", "SCT", "BPOTBEB1", "Red Cross of Belgium", "BE72000000001616", "EUR1", "CHAR", "", "Urgency fund", "Sample EPC QR code"].join("\n"),
    );
  });

  it("carries an own share: the programme's account, the amount with cents, the structured communication as remittance", async () => {
    const { epcQrText } = await import("~/modules/payments/sepa");
    expect(epcQrText({ name: "Relanceplan West-Vlaanderen: digitale vouchers 2026–2027", iban: "BE68 5390 0754 7034", amountCents: 59_850, remittance: "+++090/9337/55493+++" }).split("\n")).toEqual([
      "BCD", "002", "1", "SCT", "", "Relanceplan West-Vlaanderen: digitale vouchers 2026-2027", "BE68539007547034", "EUR598.5", "", "", "+++090/9337/55493+++",
    ]);
  });
});
