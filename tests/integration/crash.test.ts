import { spawn } from "node:child_process";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database, openDatabase } from "~db/client";
import { budgetLedger, programmes, vouchers } from "~db/schema";
import { env } from "~/lib/env.server";
import { acceptBid, createHelpRequest, publishHelpRequest, submitBid } from "~/modules/marketplace/index.server";
import { BidSchema } from "~/modules/marketplace/rules";
import { getProgrammeBudget } from "~/modules/vouchers/index.server";
import { account, approvedProvider, businessFor, validBid } from "../support/marketplace";

/*
 * The process dies during budget reservations: a child approves vouchers one after another and
 * is killed with SIGKILL partway, likely inside a transaction. After a restart the books still
 * balance, and every approved voucher has exactly one reservation in the ledger, and no other
 * voucher has any.
 */
let adminId = "";
let programmeId = "";
const voucherIds: string[] = [];

beforeAll(async () => {
  const admin = await account("admin");
  adminId = admin.id;
  const [programme] = await database.db
    .insert(programmes)
    .values({ name: "Crash", budgetCents: 10_000_000, eligibleSectors: ["retail"], opensOn: "2020-01-01", closesOn: "2099-12-31", iban: "BE68539007547034", maxVouchersPerBusiness: 100 })
    .returning({ id: programmes.id });
  programmeId = programme.id;
  const retailer = await account("retailer");
  const businessId = (await businessFor(retailer.id)).id;
  const provider = await approvedProvider(admin.id, { services: ["webshop"] });
  for (let i = 0; i < 40; i++) {
    const requestId = (await createHelpRequest(retailer.id, { businessId, title: `Webshop ${i}`, description: "Online verkopen.", services: ["webshop"], budgetBand: "1000_2500", languages: ["nl"] }))!;
    await publishHelpRequest(retailer.id, requestId);
    const bid = await submitBid(provider.id, requestId, BidSchema.parse(validBid()));
    if (!bid.ok) throw new Error(bid.error);
    const accepted = await acceptBid(retailer.id, requestId, bid.bidId);
    if (!accepted.ok) throw new Error(accepted.error);
    const [voucher] = await database.db.select({ id: vouchers.id }).from(vouchers).where(eq(vouchers.engagementId, accepted.engagementId));
    voucherIds.push(voucher.id);
  }
});

describe("a crash during budget reservations", () => {
  // Starts a child process through tsx twice (about 6 s here; a busy machine ran past 30 s).
  it("leaves the ledger consistent after a restart", { timeout: 120_000 }, async () => {
    // The child needs the database to itself when it is PGlite: one process per data directory.
    await database.close();
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/approve-vouchers.ts", adminId, ...voucherIds], {
      env: { ...process.env, DATA_DIR: env.DATA_DIR, DATABASE_URL: env.DATABASE_URL ?? "", LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let approvedBeforeKill = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        approvedBeforeKill += (chunk.toString().match(/^approved /gm) ?? []).length;
        // Killed while it is busy: the next approval is under way.
        if (approvedBeforeKill >= 8 && !child.killed) child.kill("SIGKILL");
      });
      child.on("exit", () => resolve());
      child.on("error", reject);
    });
    expect(approvedBeforeKill).toBeGreaterThanOrEqual(8);
    expect(approvedBeforeKill).toBeLessThan(voucherIds.length);

    // The restart: a new process would open the database just like this (a stale PGlite lock is taken over).
    const reopened = openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
    (globalThis as unknown as { koppelDatabase: typeof reopened }).koppelDatabase = reopened;
    const budget = (await getProgrammeBudget(reopened.db, programmeId))!;
    expect(budget.availableCents + budget.reservedCents + budget.redeemedCents).toBe(budget.budgetCents);
    expect(budget.committedCents).toBe(budget.reservedCents + budget.redeemedCents);

    const rows = await reopened.db.select({ id: vouchers.id, status: vouchers.status }).from(vouchers).where(inArray(vouchers.id, voucherIds));
    const reservations = await reopened.db.select({ voucherId: budgetLedger.voucherId }).from(budgetLedger).where(eq(budgetLedger.programmeId, programmeId));
    const approved = rows.filter((r) => r.status === "approved").map((r) => r.id).sort();
    expect(approved.length).toBeGreaterThanOrEqual(approvedBeforeKill);
    expect(reservations.map((r) => r.voucherId).sort()).toEqual(approved);
    expect(rows.filter((r) => r.status !== "approved").every((r) => r.status === "requested")).toBe(true);
  });
});
