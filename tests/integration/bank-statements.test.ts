import fs from "node:fs";
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { auditEvents, bankTransactions, engagements, programmes, refunds, vouchers } from "~db/schema";
import { approveVoucher } from "~/modules/engagements/index.server";
import { readBankStatement } from "~/modules/payments/index.server";
import { allOutboxHandlers } from "~/modules/platform/index.server";
import * as payments from "~/routes/beheer.betalingen";
import { codaFile } from "../support/coda";
import { args, getRequest, multipartRequest, respond } from "../support/http";
import { acceptedBid, account, approvedProvider, businessFor } from "../support/marketplace";
import { drainEverything } from "../support/outbox";

/*
 * The programme office uploads the programme account's statement, as its bank delivers it: CODA
 * first, CSV as the bank exports it. Every movement gets an outcome; an own share confirmed starts
 * the engagement; money that cannot be kept is listed for refund; the same file twice changes
 * nothing the second time.
 */

let admin: Awaited<ReturnType<typeof account>>;
let retailer: Awaited<ReturnType<typeof account>>;
let provider: Awaited<ReturnType<typeof approvedProvider>>;
let businessId = "";

beforeAll(async () => {
  admin = await account("admin");
  retailer = await account("retailer");
  businessId = (await businessFor(retailer.id)).id;
  provider = await approvedProvider(admin.id, { services: ["webshop"] });
  await drainEverything(allOutboxHandlers);
  await db.insert(programmes).values({ name: "Relance", budgetCents: 1_000_000, eligibleSectors: ["retail"], opensOn: "2020-01-01", closesOn: "2099-12-31", iban: "BE68539007547034", maxVouchersPerBusiness: 100 });
});

/** An accepted bid (400 + 900 excl. VAT) whose voucher the office approved: an own share of €598.00 is due. */
async function approvedVoucher() {
  const { voucher: requested } = await acceptedBid({ retailerId: retailer.id, businessId, providerUserId: provider.id }, { services: ["webshop"] });
  expect(await approveVoucher(admin.id, requested.id)).toEqual({ ok: true });
  const [voucher] = await db.select().from(vouchers).where(eq(vouchers.id, requested.id));
  expect(voucher.ownShareCents).toBe(59_800);
  return { ...voucher, digits: voucher.paymentReference!.replace(/\D/g, "") };
}

const upload = (content: string, name: string) =>
  respond(() => payments.action(args(multipartRequest("/beheer/betalingen", {}, { file: new File([content], name, { type: "text/plain" }) }, { cookie: admin.cookie }))));
const stateOf = async (engagementId: string) => (await db.select().from(engagements).where(eq(engagements.id, engagementId)))[0].state;
const refundsOf = (voucherId: string) => db.select().from(refunds).where(eq(refunds.voucherId, voucherId));
type Summary = { results: { result: string; count: number; amountCents: number; refundCents: number }[] };
const resultsOf = (summary: Summary) => summary.results.map((r) => [r.result, r.count, r.amountCents, r.refundCents]);
const transactionCount = async () => (await db.select({ n: count() }).from(bankTransactions))[0].n;

describe("a CODA statement upload", () => {
  it("reports every movement, confirms the own shares due, lists refunds, and changes nothing the second time", async () => {
    const exact = await approvedVoucher();
    const over = await approvedVoucher();
    const before = await (await respond(() => payments.loader(args(getRequest("/beheer/betalingen", { cookie: admin.cookie }))))).json();
    expect(before.openTransfers.map((t: { paymentReference: string }) => t.paymentReference)).toEqual(expect.arrayContaining([exact.paymentReference, over.paymentReference]));

    const file = codaFile({
      movements: [
        { amountCents: 59_800, structured: exact.digits, counterpartyIban: "BE71096123456769", counterpartyName: "BOEKHANDEL DE ZANDLOPER" },
        { amountCents: 60_800, communication: `eigen bijdrage ${over.paymentReference}`, counterpartyIban: "BE62510007547061", counterpartyName: "FIETSEN VANDENBROUCKE" },
        { amountCents: -150_000, communication: "Uitbetaling batch november" },
        { amountCents: 2_500, communication: "Gift zonder mededeling" },
        { amountCents: 59_800, structured: "000000999995" },
      ],
    });
    const first = await upload(file, "uittreksel-245.cod");
    expect(first.status).toBe(200);
    const { format, summary } = await first.json();
    expect(format).toBe("coda");
    // A summary, not an echo of every line: per result how many and how much, and the lines to look at.
    expect(summary).toMatchObject({ read: 5, recorded: 5, earlier: 0, attentionNotListed: 0 });
    expect(resultsOf(summary)).toEqual([
      ["confirmed", 1, 59_800, 0],
      ["overpaid", 1, 60_800, 1_000],
      ["debitIgnored", 1, -150_000, 0],
      ["noReference", 1, 2_500, 0],
      ["unknownReference", 1, 59_800, 0],
    ]);
    expect(summary.attention.map((o: { result: string }) => o.result)).toEqual(["overpaid", "noReference", "unknownReference"]);
    expect(await stateOf(exact.engagementId)).toBe("intake");
    expect(await stateOf(over.engagementId)).toBe("intake");
    expect((await db.select().from(auditEvents).where(eq(auditEvents.action, "bank.refund_due"))).map((a) => a.entityId)).toEqual([over.id]);

    const after = await (await respond(() => payments.loader(args(getRequest("/beheer/betalingen", { cookie: admin.cookie }))))).json();
    expect(after.openTransfers.map((t: { voucherId: string }) => t.voucherId)).not.toContain(exact.id);
    expect(await refundsOf(over.id)).toEqual([expect.objectContaining({ method: "transfer", amountCents: 1_000, counterpartyIban: "BE62510007547061", reason: "overpaid", status: "due" })]);

    // The same file again: every movement known, the same outcome, nothing written.
    const rows = await transactionCount();
    const vouchersBefore = await db.select().from(vouchers);
    const again = await (await upload(file, "uittreksel-245.cod")).json();
    expect(again.summary).toMatchObject({ read: 5, recorded: 0, earlier: 5, results: [], attention: [] });
    expect(await transactionCount()).toBe(rows);
    expect(await refundsOf(over.id)).toHaveLength(1);
    expect(await db.select().from(vouchers)).toEqual(vouchersBefore);
  });

  it("reads a KBC file as the bank delivers it (ISO-8859-1 bytes), each movement once, names intact", async () => {
    const bytes = fs.readFileSync("tests/fixtures/coda/kbc-belgian-account-credits.cod");
    const send = () => respond(() => payments.action(args(multipartRequest("/beheer/betalingen", {}, { file: new File([bytes], "kbc.cod", { type: "application/octet-stream" }) }, { cookie: admin.cookie }))));
    const first = await (await send()).json();
    expect(first.format).toBe("coda");
    // References Koppel never issued: reported, nothing confirmed or refunded.
    expect(first.summary.attention.map((o: { amountCents: number; result: string }) => [o.amountCents, o.result])).toEqual([
      [500, "unknownReference"],
      [2_500, "unknownReference"],
      [2_000, "unknownReference"],
      [3_000, "unknownReference"],
    ]);
    const [named] = await db.select().from(bankTransactions).where(eq(bankTransactions.counterpartyIban, "BE32135468465432"));
    expect(named.counterpartyName).toBe("KLANT3 NAAMï");
    const second = await (await send()).json();
    expect(second.summary).toMatchObject({ read: 4, recorded: 0, earlier: 4 });
  });

  it("refuses a damaged CODA file with the line, writing nothing", async () => {
    const rows = await transactionCount();
    const broken = codaFile({ movements: [{ amountCents: 100 }], wrongTrailer: true });
    const response = await upload(broken, "kapot.cod");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: ["bankLines.problems.codaTrailer"], problemLine: 5 });
    expect(await transactionCount()).toBe(rows);
  });
});

describe("a CSV statement upload", () => {
  it("reads amounts over €999.99 written with a thousands separator, and tells a short and a second payment apart", async () => {
    const short = await approvedVoucher();
    const paid = await approvedVoucher();
    const csv = [
      "Rekeningnummer;Boekingsdatum;Valutadatum;Bedrag;Munteenheid;Rekening tegenpartij;Naam tegenpartij;Mededeling",
      `BE68539007547034;01/12/2026;01/12/2026;500,00;EUR;BE71096123456769;De Zandloper;${short.paymentReference}`,
      `BE68539007547034;01/12/2026;01/12/2026;598,00;EUR;BE71096123456769;De Zandloper;${paid.paymentReference}`,
      `BE68539007547034;02/12/2026;02/12/2026;598,00;EUR;BE71096123456769;De Zandloper;${paid.paymentReference}`,
      `BE68539007547034;02/12/2026;02/12/2026;1.250,00;EUR;BE62510007547061;Iemand;+++000/0000/00097+++`,
      `BE68539007547034;02/12/2026;02/12/2026;€ 1.2,00;EUR;;;${paid.paymentReference}`,
    ].join("\r\n");
    const response = await upload(csv, "export.csv");
    const { format, summary } = await response.json();
    expect(format).toBe("csv");
    expect(summary.attention.map((o: { line: number; amountCents: number | null; result: string; refundCents: number; problem: string | null }) => [o.line, o.amountCents, o.result, o.refundCents, o.problem])).toEqual([
      [2, 50_000, "amountTooLow", 50_000, null],
      [4, 59_800, "alreadyPaid", 59_800, null],
      [5, 125_000, "unknownReference", 0, null],
      [6, null, "unreadable", 0, "bankLines.problems.amount.format"],
    ]);
    expect(resultsOf(summary).find(([result]) => result === "confirmed")).toEqual(["confirmed", 1, 59_800, 0]);
    expect(await stateOf(short.engagementId)).toBe("awaiting_contribution");
    expect(await stateOf(paid.engagementId)).toBe("intake");
  });
});

describe("one movement, one record (issue 21, item 3)", () => {
  it("records the payment once whether it comes as CODA, as the bank's CSV or as that CSV saved again by a spreadsheet", async () => {
    const voucher = await approvedVoucher();
    const [dd, mm, yyyy] = ["01", "12", "2026"];
    const coda = codaFile({ date: `${dd}${mm}26`, movements: [{ amountCents: 59_800, structured: voucher.digits, valueDate: `${dd}${mm}26`, counterpartyIban: "BE62510007547061", counterpartyName: "FIETSEN VANDENBROUCKE" }] });
    // The KBC Dutch export's header (tests/fixtures/SOURCES.md), with an extra separator at the end of the row as KBC writes it.
    const kbc = [
      "Rekeningnummer;Rubrieknaam;Naam;Munt;Afschriftnummer;Datum;Omschrijving;Valuta;Bedrag;Saldo;credit;debet;rekeningnummer tegenpartij;BIC tegenpartij;Naam tegenpartij;Adres tegenpartij;gestructureerde mededeling;Vrije mededeling",
      `BE68539007547034;Programmarekening;PROVINCIE WEST-VLAANDEREN;EUR;2026123;${dd}/${mm}/${yyyy};OVERSCHRIJVING;${dd}/${mm}/${yyyy};598,00;25.598,00;598,00;;BE62510007547061;GKCCBEBB;Fietsen Vandenbroucke;Markt 1 8500 Kortrijk;${voucher.digits};;`,
    ].join("\r\n");
    const resaved = `Bedrag;Valutadatum;Rekening tegenpartij;Mededeling\n598;1/12/2026;BE62 5100 0754 7061;${voucher.paymentReference}\n`;

    const first = await (await upload(coda, "245.cod")).json();
    expect(first.summary).toMatchObject({ recorded: 1, results: [{ result: "confirmed", count: 1 }] });
    const rows = await transactionCount();
    for (const [file, name] of [[kbc, "kbc.csv"], [resaved, "opnieuw-bewaard.csv"]]) {
      const again = await (await upload(file, name)).json();
      expect(again.summary).toMatchObject({ read: 1, recorded: 0, earlier: 1 });
    }
    // Before: the CSV was "a second payment" and 2 × €598 went on the refund list.
    expect(await transactionCount()).toBe(rows);
    expect(await refundsOf(voucher.id)).toEqual([]);
    expect(await stateOf(voucher.engagementId)).toBe("intake");
  });

  it("refuses more movements than a year of statements in one upload, writing nothing", async () => {
    const rows = await transactionCount();
    const csv = ["Bedrag;Valutadatum;Mededeling", ...Array.from({ length: 50_001 }, (_, i) => `1,00;1/12/2026;gift ${i}`)].join("\n");
    const response = await upload(csv, "te-groot.csv");
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: ["bankLines.problems.tooManyMovements"] });
    expect(await transactionCount()).toBe(rows);
  });
});

describe("movements recorded before identities (migration 0030)", () => {
  it("get the identity the reader gives the same movement now, so an old statement uploaded again is recognised", async () => {
    // As the old code stored them: a CSV row's content hash and a CODA position as fingerprints.
    await db.insert(bankTransactions).values([
      { fingerprint: "csv:0f3c9a:1", amountCents: 59_800, communication: "Europese overschrijving +++090/9337/55493+++", counterpartyIban: "BE62510007547061", counterpartyName: "Fietsen Vandenbroucke", valueDate: "2026-11-02", result: "unknownReference" },
      { fingerprint: "coda:539007547034:2026-11-02:245:0001:0000:REF", amountCents: 2_500, communication: "Gift", counterpartyIban: "BE71096123456769", counterpartyName: "De Zandloper", valueDate: "2026-11-02", result: "noReference" },
    ]);
    const migration = fs.readFileSync("db/migrations/0030_movement_identity.sql", "utf8");
    await db.execute(sql.raw(migration));
    const recorded = (await db.select({ fingerprint: bankTransactions.fingerprint }).from(bankTransactions).where(eq(bankTransactions.valueDate, "2026-11-02"))).map((r) => r.fingerprint).sort();
    const now = readBankStatement("Bedrag;Valutadatum;Rekening tegenpartij;Mededeling\n598,00;02/11/2026;BE62 5100 0754 7061;+++090/9337/55493+++\n25,00;02/11/2026;BE71 0961 2345 6769;Gift\n");
    if (!now.ok) throw new Error(now.problem);
    expect(recorded).toEqual(now.lines.map((l) => l.fingerprint).sort());
    // And the rows the app recorded keep theirs: the migration gives them the same identity again.
    const before = (await db.select({ fingerprint: bankTransactions.fingerprint }).from(bankTransactions)).map((r) => r.fingerprint).sort();
    await db.execute(sql.raw(migration));
    expect((await db.select({ fingerprint: bankTransactions.fingerprint }).from(bankTransactions)).map((r) => r.fingerprint).sort()).toEqual(before);
  });
});
