/**
 * How long one bank statement upload takes to match and record, as the office's page does it
 * (readBankStatement, then matchBankLines), for a year's worth of movements: 50,000 by default.
 * 200 of them pay approved vouchers' own shares, 50 pay one a second time, the rest carry
 * references Koppel never issued or none; a tenth are debits. In the same run: the bare parse, and
 * a bare chunked INSERT of the same rows into a scratch table, the floor any recording pays.
 *   npm run bench:statement                                  PGlite in a temp dir
 *   BENCH_DATABASE_URL=postgres://… npm run bench:statement  PostgreSQL (dropped and made again)
 * MOVEMENTS=n changes the size.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { recreateDatabase } from "../support/server";

if (process.env.BENCH_DATABASE_URL) {
  await recreateDatabase(process.env.BENCH_DATABASE_URL);
  process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
} else process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "koppel-bench-statement-"));
process.env.NODE_ENV = "test";

const movements = Number(process.env.MOVEMENTS ?? 50_000);
const paying = 200;

const { database, db } = await import("~db/client");
const { migrate } = await import("~db/migrate");
const { sql } = await import("drizzle-orm");
const { programmes, vouchers } = await import("~db/schema");
const { approveVoucher, matchBankLines } = await import("~/modules/engagements/index.server");
const { readBankStatement } = await import("~/modules/payments/index.server");
const { structuredCommunication } = await import("~/modules/vouchers/rules");
const { acceptedBid, account, approvedProvider, businessFor } = await import("../support/marketplace");

await migrate(database);
const admin = await account("admin");
const retailer = await account("retailer");
const provider = await approvedProvider(admin.id, { services: ["webshop"] });
await db.insert(programmes).values({ name: "Bench", budgetCents: 10_000_000_000, eligibleSectors: ["retail"], opensOn: "2020-01-01", closesOn: "2099-12-31", iban: "BE68539007547034", maxVouchersPerBusiness: 100_000 });
const businessId = (await businessFor(retailer.id)).id;
const due: { reference: string; cents: number }[] = [];
for (let i = 0; i < paying; i++) {
  const { voucher } = await acceptedBid({ retailerId: retailer.id, businessId, providerUserId: provider.id }, { services: ["webshop"] });
  await approveVoucher(admin.id, voucher.id);
  const [row] = await db.select().from(vouchers).where(sql`${vouchers.id} = ${voucher.id}`);
  due.push({ reference: row.paymentReference!, cents: row.ownShareCents });
}

const euros = (cents: number) => `${cents < 0 ? "-" : ""}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, "0")}`;
const lines = ["Rekeningnummer;Boekingsdatum;Valutadatum;Bedrag;Munteenheid;Rekening tegenpartij;Naam tegenpartij;Mededeling"];
for (let i = 0; i < movements; i++) {
  const day = `${String((i % 28) + 1).padStart(2, "0")}/${String((Math.floor(i / 28) % 12) + 1).padStart(2, "0")}/2026`;
  const payer = `BE${String(10 + (i % 89)).padStart(2, "0")}0000000${String(i % 100_000).padStart(5, "0")}`;
  let amount = 1_000 + (i % 9_000);
  let communication = `Factuur ${i}`;
  if (i < paying + 50) {
    const paid = due[i % paying];
    amount = paid.cents;
    communication = paid.reference;
  } else if (i % 10 === 0) amount = -amount;
  else if (i % 2 === 0) communication = structuredCommunication(1_000_000 + i);
  lines.push(`BE68539007547034;${day};${day};${euros(amount)};EUR;${payer};Betaler ${i};${communication}`);
}
const csv = lines.join("\r\n");

const parseStart = performance.now();
const statement = readBankStatement(csv);
const parseMs = performance.now() - parseStart;
if (!statement.ok) throw new Error(statement.problem);

// The floor: the same rows written by chunked multi-row INSERTs into a scratch table, nothing judged.
await db.execute(sql`create table bench_rows (like bank_transactions including defaults)`);
const bareStart = performance.now();
await db.transaction(async (tx) => {
  for (let i = 0; i < statement.lines.length; i += 1_000) {
    const chunk = statement.lines.slice(i, i + 1_000);
    await tx.execute(
      sql`insert into bench_rows (fingerprint, amount_cents, communication, counterparty_iban, counterparty_name, value_date, result, refund_cents)
          values ${sql.join(chunk.map((l) => sql`(${l.fingerprint}, ${l.amountCents}, ${l.communication}, ${l.counterpartyIban}, ${l.counterpartyName}, ${l.valueDate}, 'noReference', 0)`), sql`, `)}`,
    );
  }
});
const bareMs = performance.now() - bareStart;

const firstStart = performance.now();
const first = await matchBankLines(admin.id, statement.lines);
const firstMs = performance.now() - firstStart;
if (!first.ok) throw new Error(first.error);
const againStart = performance.now();
const again = await matchBankLines(admin.id, statement.lines);
const againMs = performance.now() - againStart;
if (!again.ok) throw new Error(again.error);

console.log(`database: ${database.kind}, movements: ${movements}, file: ${(csv.length / 1024 / 1024).toFixed(1)} MB`);
console.log(`parse only:                ${(parseMs / 1000).toFixed(2)} s`);
console.log(`bare chunked INSERT:       ${(bareMs / 1000).toFixed(2)} s`);
console.log(`first upload (recorded):   ${(firstMs / 1000).toFixed(2)} s  (${first.recorded} recorded; ${first.results.map((r) => `${r.result} ${r.count}`).join(", ")}; ${(firstMs / bareMs).toFixed(1)}x the bare INSERT)`);
console.log(`same file again (known):   ${(againMs / 1000).toFixed(2)} s  (${again.earlier} already recorded)`);
await database.close();
