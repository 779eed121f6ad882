import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { auditEvents, engagements, programmes, users, vouchers } from "~db/schema";
import { approveVoucher, rejectVoucher } from "~/modules/engagements/index.server";
import { allOutboxHandlers } from "~/modules/platform/index.server";
import { getWorkQueues } from "~/modules/reporting/index.server";
import { acceptedBid, account, approvedProvider, businessFor } from "../support/marketplace";
import { drainEverything } from "../support/outbox";

/*
 * Before a voucher is approved, Koppel compares the business and the provider: enterprise number,
 * IBAN, company e-mail domain, phone, street address and the person behind both accounts. Any hit
 * is a flag with its reasons on the voucher; approving it takes a written justification, audited.
 */

let admin: Awaited<ReturnType<typeof account>>;
beforeAll(async () => {
  admin = await account("admin");
  await db.insert(programmes).values({ name: "Relance", budgetCents: 10_000_000, eligibleSectors: ["retail"], opensOn: "2020-01-01", closesOn: "2099-12-31", iban: "BE68539007547034", maxVouchersPerBusiness: 100 });
});

/** A retailer and a provider, their profiles filled in as given, through to an accepted bid. */
async function acceptedPair(shared: boolean) {
  const retailer = await account("retailer");
  const business = await businessFor(retailer.id, { street: "Markt 1", phone: "050 12 34 56", iban: "BE71 0961 2345 6769" });
  const provider = await approvedProvider(admin.id, {
    street: shared ? "markt 1" : "Grote Markt 5",
    postalCode: shared ? "8000" : "8500",
    phone: shared ? "+32 50 12 34 56" : "056 99 88 77",
    iban: shared ? "BE71096123456769" : "BE62 5100 0754 7061",
    vatNumber: shared ? `BE${business.enterpriseNumber}` : "",
  });
  const domain = shared ? "bakkerij-belfort.be" : "pixelpier.be";
  await db.update(users).set({ email: `jan.${retailer.id.slice(0, 8)}@bakkerij-belfort.be`, name: "Jan Peeters" }).where(eq(users.id, retailer.id));
  await db.update(users).set({ email: `an.${provider.id.slice(0, 8)}@${domain}`, name: shared ? "Peeters Jan" : "An Claes" }).where(eq(users.id, provider.id));
  await drainEverything(allOutboxHandlers);
  const { engagementId, voucher } = await acceptedBid({ retailerId: retailer.id, businessId: business.id, providerUserId: provider.id });
  return { voucher, engagementId, retailer };
}

describe("the related-party check", () => {
  it("flags a pair that shares each of the six, and approval then needs a justification, audited", async () => {
    const pair = await acceptedPair(true);
    expect(pair.voucher.relatedParty).toEqual(["enterpriseNumber", "iban", "emailDomain", "phone", "address", "person"]);
    expect((await getWorkQueues()).relatedParty).toBeGreaterThanOrEqual(1);

    expect(await approveVoucher(admin.id, pair.voucher.id)).toMatchObject({ ok: false, error: "justificationRequired" });
    expect(await approveVoucher(admin.id, pair.voucher.id, "te kort")).toMatchObject({ ok: false, error: "justificationRequired" });
    expect((await db.select().from(vouchers).where(eq(vouchers.id, pair.voucher.id)))[0].status).toBe("requested");

    const why = "Zelfde gebouw, andere eigenaars: huurcontract en KBO-uittreksels nagekeken op 2 december.";
    expect(await approveVoucher(admin.id, pair.voucher.id, why)).toEqual({ ok: true });
    const [approved] = await db.select().from(vouchers).where(eq(vouchers.id, pair.voucher.id));
    expect(approved).toMatchObject({ status: "approved", approvalJustification: why });
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, pair.voucher.id));
    expect(audit).toMatchObject({ action: "voucher.approve", actorId: admin.id, reason: why, data: expect.objectContaining({ relatedParty: approved.relatedParty }) });
  });

  it("does not flag a pair that shares none", async () => {
    const pair = await acceptedPair(false);
    expect(pair.voucher.relatedParty).toEqual([]);
    expect(await approveVoucher(admin.id, pair.voucher.id)).toEqual({ ok: true });
  });
});

describe("voucher decisions", () => {
  it("are the programme office's only, whoever calls the module", async () => {
    const pair = await acceptedPair(false);
    for (const decide of [() => approveVoucher(pair.retailer.id, pair.voucher.id), () => rejectVoucher(pair.retailer.id, pair.voucher.id, "Ik wil niet.")]) {
      expect(await decide()).toEqual({ ok: false, error: "forbidden" });
    }
    expect((await db.select().from(vouchers).where(eq(vouchers.id, pair.voucher.id)))[0].status).toBe("requested");
  });

  it("cannot be skipped: no transition moves past the voucher without its reservation, nor past the own share unpaid", async () => {
    const { transition } = await import("~/modules/engagements/index.server");
    const pair = await acceptedPair(false);
    expect(await transition(pair.engagementId, "confirm_voucher", { userId: admin.id, role: "admin" })).toEqual({ ok: false, error: "guardFailed", guard: "voucherReserved" });
    expect(await approveVoucher(admin.id, pair.voucher.id)).toEqual({ ok: true });
    expect(await transition(pair.engagementId, "confirm_contribution", { userId: admin.id, role: "admin" })).toEqual({ ok: false, error: "guardFailed", guard: "ownSharePaid" });
    expect((await db.select().from(engagements).where(eq(engagements.id, pair.engagementId)))[0].state).toBe("awaiting_contribution");
  });
});
