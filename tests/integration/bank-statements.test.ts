import fs from "node:fs";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { auditEvents, bankTransactions, engagements, programmes, vouchers } from "~db/schema";
import { approveVoucher } from "~/modules/engagements/index.server";
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
    const { format, outcomes } = await first.json();
    expect(format).toBe("coda");
    expect(outcomes.map((o: { result: string; refundCents: number; earlier: boolean }) => [o.result, o.refundCents, o.earlier])).toEqual([
      ["confirmed", 0, false],
      ["overpaid", 1_000, false],
      ["debitIgnored", 0, false],
      ["noReference", 0, false],
      ["unknownReference", 0, false],
    ]);
    expect(await stateOf(exact.engagementId)).toBe("intake");
    expect(await stateOf(over.engagementId)).toBe("intake");
    expect((await db.select().from(auditEvents).where(eq(auditEvents.action, "bank.refund_due"))).map((a) => a.entityId)).toEqual([over.id]);

    const after = await (await respond(() => payments.loader(args(getRequest("/beheer/betalingen", { cookie: admin.cookie }))))).json();
    expect(after.openTransfers.map((t: { voucherId: string }) => t.voucherId)).not.toContain(exact.id);
    expect(after.refunds).toEqual([expect.objectContaining({ refundCents: 1_000, counterpartyIban: "BE62510007547061", result: "overpaid" })]);

    // The same file again: every movement known, the same outcome, nothing written.
    const rows = await transactionCount();
    const vouchersBefore = await db.select().from(vouchers);
    const again = await (await upload(file, "uittreksel-245.cod")).json();
    expect(again.outcomes.map((o: { result: string; earlier: boolean }) => [o.result, o.earlier])).toEqual([
      ["confirmed", true],
      ["overpaid", true],
      ["debitIgnored", true],
      ["noReference", true],
      ["unknownReference", true],
    ]);
    expect(await transactionCount()).toBe(rows);
    expect(await db.select().from(vouchers)).toEqual(vouchersBefore);
  });

  it("reads a KBC file as the bank delivers it (ISO-8859-1 bytes), each movement once, names intact", async () => {
    const bytes = fs.readFileSync("tests/fixtures/coda/kbc-belgian-account-credits.cod");
    const send = () => respond(() => payments.action(args(multipartRequest("/beheer/betalingen", {}, { file: new File([bytes], "kbc.cod", { type: "application/octet-stream" }) }, { cookie: admin.cookie }))));
    const first = await (await send()).json();
    expect(first.format).toBe("coda");
    // References Koppel never issued: reported, nothing confirmed or refunded.
    expect(first.outcomes.map((o: { amountCents: number; result: string; earlier: boolean }) => [o.amountCents, o.result, o.earlier])).toEqual([
      [500, "unknownReference", false],
      [2_500, "unknownReference", false],
      [2_000, "unknownReference", false],
      [3_000, "unknownReference", false],
    ]);
    const [named] = await db.select().from(bankTransactions).where(eq(bankTransactions.counterpartyIban, "BE32135468465432"));
    expect(named.counterpartyName).toBe("KLANT3 NAAMï");
    const second = await (await send()).json();
    expect(second.outcomes.map((o: { earlier: boolean }) => o.earlier)).toEqual([true, true, true, true]);
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
    const { format, outcomes } = await response.json();
    expect(format).toBe("csv");
    expect(outcomes.map((o: { line: number; amountCents: number | null; result: string; refundCents: number; problem: string | null }) => [o.line, o.amountCents, o.result, o.refundCents, o.problem])).toEqual([
      [2, 50_000, "amountTooLow", 50_000, null],
      [3, 59_800, "confirmed", 0, null],
      [4, 59_800, "alreadyPaid", 59_800, null],
      [5, 125_000, "unknownReference", 0, null],
      [6, null, "unreadable", 0, "bankLines.problems.amount.format"],
    ]);
    expect(await stateOf(short.engagementId)).toBe("awaiting_contribution");
    expect(await stateOf(paid.engagementId)).toBe("intake");
  });
});
