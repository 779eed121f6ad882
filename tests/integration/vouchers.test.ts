import { addDays } from "~/lib/dates";
import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~db/client";
import { bids, budgetLedger, engagements, helpRequests, milestones, programmes, vouchers } from "~db/schema";
import { approveVoucher, confirmOwnShare, decideMilestone, rejectVoucher, submitMilestone, transition } from "~/modules/engagements/index.server";
import { drainOutbox } from "~/modules/notifications/index.server";
import { allOutboxHandlers } from "~/modules/platform/index.server";
import { getProgrammeBudget } from "~/modules/vouchers/index.server";
import { isValidStructuredCommunication } from "~/modules/vouchers/rules";
import { acceptedBid, account, approvedProvider, businessFor, newProgramme } from "../support/marketplace";
import { formatIban } from "~/modules/profiles/iban";

let admin: Awaited<ReturnType<typeof account>>;
let retailer: Awaited<ReturnType<typeof account>>;
let provider: Awaited<ReturnType<typeof approvedProvider>>;
let businessId = "";
let programmeId = "";

/** The books balance: budget = available + reserved + redeemed, and the guard column agrees. */
async function expectBooksBalance(id = programmeId) {
  const b = (await getProgrammeBudget(db, id))!;
  expect(b.availableCents + b.reservedCents + b.redeemedCents).toBe(b.budgetCents);
  expect(b.committedCents).toBe(b.reservedCents + b.redeemedCents);
  expect(Math.min(b.availableCents, b.reservedCents, b.redeemedCents)).toBeGreaterThanOrEqual(0);
  return b;
}

const acceptedEngagement = (price = { advicePrice: "400", implementationPrice: "900" }) =>
  acceptedBid({ retailerId: retailer.id, businessId, providerUserId: provider.id }, { services: ["webshop"], price });

beforeAll(async () => {
  admin = await account("admin");
  retailer = await account("retailer");
  businessId = (await businessFor(retailer.id)).id;
  provider = await approvedProvider(admin.id, { services: ["webshop"] });
  await drainOutbox(allOutboxHandlers);
  programmeId = await newProgramme(1_000_000, { maxVouchersPerBusiness: 100 });
});

describe("a voucher", () => {
  it("is requested when a bid is accepted: 75 % capped, the own share, the declaration stored", async () => {
    const { voucher } = await acceptedEngagement();
    expect(voucher).toMatchObject({ programmeId, status: "requested", amountCents: 97_500, ownShareCents: 59_800, eligibilityIssues: [] });
    expect(voucher.noDoubleFundingDeclaredAt).toBeInstanceOf(Date);
    await expectBooksBalance();
  });

  it("approved: reserves the budget, gives a structured communication and moves the engagement on", async () => {
    const { engagementId, voucher } = await acceptedEngagement();
    const before = await expectBooksBalance();
    expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: true });
    const after = await expectBooksBalance();
    expect(after.reservedCents - before.reservedCents).toBe(97_500);
    const [approved] = await db.select().from(vouchers).where(eq(vouchers.id, voucher.id));
    expect(isValidStructuredCommunication(approved.paymentReference!)).toBe(true);
    expect((await db.select().from(engagements).where(eq(engagements.id, engagementId)))[0].state).toBe("awaiting_contribution");
    expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: false, error: "notAllowed" });

    // The retailer's e-mail says everything needed to pay, without signing in.
    const { outbox, users, businesses, programmes } = await import("~db/schema");
    const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, retailer.id));
    const [{ name }] = await db.select({ name: businesses.name }).from(businesses).where(eq(businesses.id, businessId));
    const [{ iban }] = await db.select({ iban: programmes.iban }).from(programmes).where(eq(programmes.id, approved.programmeId));
    const mails = (await db.select().from(outbox).where(eq(outbox.topic, "mail.send"))).map((m) => m.payload as { to: string; subject: string; text: string });
    const mail = mails.find((m) => m.to === email && m.subject.startsWith("Voucher goedgekeurd"));
    const due = (await import("~/lib/format")).formatDate(approved.paymentDueOn!, "nl");
    const ownShare = (await import("~/lib/format")).formatMoney(approved.ownShareCents, "nl");
    expect(mail?.subject).toBe(`Voucher goedgekeurd voor ${name}: betaal ${ownShare} vóór ${due}`);
    const voucherAmount = (await import("~/lib/format")).formatMoney(approved.amountCents, "nl");
    expect(approved.amountCents).toBe(97_500);
    for (const fact of [ownShare, voucherAmount, formatIban(iban), approved.paymentReference!, due]) expect(mail?.text).toContain(fact);

    expect(await confirmOwnShare(admin.id, voucher.id)).toEqual({ ok: true });
    expect((await db.select().from(engagements).where(eq(engagements.id, engagementId)))[0].state).toBe("intake");
    expect(await confirmOwnShare(admin.id, voucher.id)).toEqual({ ok: false, error: "notAllowed" });
  });

  it("becomes payable milestone by milestone, and what is left is released on completion", async () => {
    const { engagementId, voucher } = await acceptedEngagement();
    await approveVoucher(admin.id, voucher.id);
    await confirmOwnShare(admin.id, voucher.id);
    const start = await expectBooksBalance();
    await transition(engagementId, "start_plan", { userId: provider.id, role: "provider" });
    const [advice] = await db.select().from(milestones).where(eq(milestones.engagementId, engagementId)).orderBy(milestones.position);
    await submitMilestone({ id: provider.id, role: "provider" }, advice.id, { text: "plan", links: [] });
    await decideMilestone({ id: retailer.id, role: "retailer" }, advice.id, { approve: true });
    const afterAdvice = await expectBooksBalance();
    expect(afterAdvice.redeemedCents - start.redeemedCents).toBe(30_000); // 97,500 × 400 / 1,300
    // Cancelled halfway: the implementation's share goes back to the programme.
    await transition(engagementId, "cancel", { userId: retailer.id, role: "retailer" }, "We stoppen.");
    const end = await expectBooksBalance();
    expect(end.reservedCents).toBe(start.reservedCents - 97_500);
    expect(end.availableCents).toBe(start.availableCents + 67_500);
    expect((await db.select().from(vouchers).where(eq(vouchers.id, voucher.id)))[0].status).toBe("closed");
  });

  it("rejected with a reason, changes nothing in the budget", async () => {
    const { voucher } = await acceptedEngagement();
    const before = await expectBooksBalance();
    expect(await rejectVoucher(admin.id, voucher.id, "  ")).toEqual({ ok: false, error: "reasonRequired" });
    expect(await rejectVoucher(admin.id, voucher.id, "Dubbele financiering via de KMO-portefeuille.")).toEqual({ ok: true });
    expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: false, error: "notAllowed" });
    expect(await expectBooksBalance()).toEqual(before);
  });

  it("is refused with its reasons when the business is not eligible", async () => {
    const other = await account("retailer");
    const hotel = (await businessFor(other.id, { sector: "tourism", naceCode: "55100" })).id;
    const tourismOnly = await newProgramme(500_000, { eligibleSectors: ["retail"], name: "Alleen kleinhandel" });
    const { voucher } = await acceptedBid({ retailerId: other.id, businessId: hotel, providerUserId: provider.id }, { services: ["webshop"] });
    expect(voucher).toMatchObject({ programmeId: tourismOnly, eligibilityIssues: ["sector"] });
    expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: false, error: "notEligible", issues: ["sector"] });
    await expectBooksBalance(tourismOnly);
  });
});

describe("the budget", () => {
  // 200 concurrent transactions: a few seconds here, but they queue behind a busy machine's other work.
  it("is never overspent: 200 approvals at once against room for exactly 40", { timeout: 120_000 }, async () => {
    const tight = await newProgramme(40 * 10_000, { name: "Krap budget", maxVouchersPerBusiness: 1000 });
    const [template] = await db.select().from(bids).limit(1);
    const [request] = await db.select().from(helpRequests).where(eq(helpRequests.id, template.helpRequestId));
    // Two hundred engagements with a € 100 voucher each, inserted directly: the race is the point.
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const [hr] = await db.insert(helpRequests).values({ ...request, id: undefined, status: "awarded" }).returning({ id: helpRequests.id });
      const [bid] = await db.insert(bids).values({ ...template, id: undefined, helpRequestId: hr.id, status: "accepted" }).returning({ id: bids.id });
      const [eng] = await db.insert(engagements).values({ helpRequestId: hr.id, bidId: bid.id, businessId, providerId: provider.providerId, priceCents: 13_334 }).returning({ id: engagements.id });
      const [v] = await db
        .insert(vouchers)
        .values({ programmeId: tight, engagementId: eng.id, businessId, amountCents: 10_000, ownShareCents: 6_135, noDoubleFundingDeclaredAt: new Date() })
        .returning({ id: vouchers.id });
      ids.push(v.id);
    }
    const results = await Promise.all(ids.map((id) => approveVoucher(admin.id, id)));
    expect(results.filter((r) => r.ok)).toHaveLength(40);
    expect(results.filter((r) => !r.ok)).toEqual(Array(160).fill({ ok: false, error: "budgetExhausted" }));
    const books = await expectBooksBalance(tight);
    expect(books).toMatchObject({ reservedCents: 400_000, availableCents: 0 });
    const [{ n }] = await db.select({ n: count() }).from(vouchers).where(sql`${vouchers.programmeId} = ${tight} and ${vouchers.status} = 'approved'`);
    expect(n).toBe(40);
  });

  it("keeps its ledger append-only at the database, and the guard refuses an overspend", async () => {
    await expect(db.update(budgetLedger).set({ amountCents: 1 }).where(sql`true`)).rejects.toThrow();
    await expect(db.delete(budgetLedger).where(sql`true`)).rejects.toThrow();
    await expect(db.update(programmes).set({ committedCents: sql`${programmes.budgetCents} + 1` }).where(eq(programmes.id, programmeId))).rejects.toThrow();
    await expectBooksBalance();
  });
});

describe("GET /api/v1/programmes/<id>/budget", () => {
  it("answers the figures from the ledger to the programme office only", async () => {
    const { createApiToken } = await import("~/modules/auth/index.server");
    const budgetApi = await import("~/routes/api.v1.programmes.$id.budget");
    const { args, getRequest, respond } = await import("../support/http");
    const call = async (token: string, id = programmeId) =>
      respond(() => budgetApi.loader(args(getRequest(`/api/v1/programmes/${id}/budget`, { headers: { Authorization: `Bearer ${token}` } }), { id })));
    const adminToken = (await createApiToken(admin.id)).token;
    const response = await call(adminToken);
    expect(response.status).toBe(200);
    const books = await expectBooksBalance();
    expect(await response.json()).toEqual({ budgetCents: books.budgetCents, reservedCents: books.reservedCents, redeemedCents: books.redeemedCents, availableCents: books.availableCents });
    expect((await call((await createApiToken(retailer.id)).token)).status).toBe(403);
    expect((await call(adminToken, "onbekend")).status).toBe(404);
  });
});

describe("an own share not paid in time", () => {
  it("reminds a week ahead, waits three banking days for a transfer in transit, then cancels and gives the reservation back", async () => {
    const { runTimers } = await import("~/modules/engagements/index.server");
    // The newest open programme funds new vouchers: one with room, after the tight one above.
    const roomy = await newProgramme(1_000_000, { name: "Ruim budget", maxVouchersPerBusiness: 100 });
    const { engagementId, voucher } = await acceptedEngagement();
    expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: true });
    const before = await expectBooksBalance(roomy);
    const { notices } = await import("~db/schema");
    // A week before the due date, one reminder to the retailer (and only once): on the day seven
    // days before it, noon in Brussels, not a day later (issue 21: it went out six days before).
    const [{ paymentDueOn }] = await db.select({ paymentDueOn: vouchers.paymentDueOn }).from(vouchers).where(eq(vouchers.id, voucher.id));
    const noonBefore = (days: number) => new Date(`${addDays(paymentDueOn!, -days)}T11:00:00Z`);
    await runTimers(noonBefore(8));
    expect((await db.select().from(vouchers).where(eq(vouchers.id, voucher.id)))[0].paymentRemindedAt).toBeNull();
    expect((await runTimers(noonBefore(7))).paymentReminders).toBeGreaterThanOrEqual(1);
    const remindedAt = (await db.select().from(vouchers).where(eq(vouchers.id, voucher.id)))[0].paymentRemindedAt;
    expect(remindedAt).toBeInstanceOf(Date);
    await runTimers(new Date(Date.now() + 25 * 86_400_000));
    expect((await db.select().from(vouchers).where(eq(vouchers.id, voucher.id)))[0].paymentRemindedAt).toEqual(remindedAt);
    const toProvider = await db.select().from(notices).where(eq(notices.userId, provider.id));
    expect(toProvider.map((n) => n.messageKey)).not.toContain("engagements.notice.ownShareDue");
    // The reminder says until when a transfer is waited for.
    const { outbox, users } = await import("~db/schema");
    const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, retailer.id));
    const reminder = (await db.select().from(outbox).where(eq(outbox.topic, "mail.send"))).map((m) => m.payload as { to: string; text: string }).find((m) => m.to === email && m.text.includes("we wachten tot"));
    expect(reminder?.text).toContain((await import("~/lib/format")).formatDate(paymentDueOn!, "nl"));

    // Transfers in transit (issue 21, item 5), by hand: due on Thursday 24 December 2026. The
    // following Belgian banking days are Monday 28, Tuesday 29 and Wednesday 30 (the 25th is
    // Christmas, a TARGET2 closing day, then a weekend): with the default grace of three, the
    // engagement waits through the 30th and is stopped on the 31st.
    await db.update(vouchers).set({ paymentDueOn: "2026-12-24" }).where(eq(vouchers.id, voucher.id));
    const stateNow = async () => (await db.select().from(engagements).where(eq(engagements.id, engagementId)))[0].state;
    await runTimers(new Date("2026-12-28T11:00:00Z"));
    await runTimers(new Date("2026-12-30T22:30:00Z")); // 23:30 in Brussels, still the 30th
    expect(await stateNow()).toBe("awaiting_contribution");
    const result = await runTimers(new Date("2026-12-30T23:30:00Z")); // 00:30 on the 31st in Brussels
    expect(result.unpaidCancelled).toBeGreaterThanOrEqual(1);
    expect(await stateNow()).toBe("cancelled");
    const after = await expectBooksBalance(roomy);
    expect(after.availableCents - before.availableCents).toBe(97_500);
  });
});

describe("a transfer in transit", () => {
  it("made on the due date confirms the own share when the statement comes days later, within the grace", async () => {
    const { runTimers } = await import("~/modules/engagements/index.server");
    const { matchBankLines } = await import("~/modules/engagements/index.server");
    const { readBankStatement } = await import("~/modules/payments/index.server");
    const { codaFile } = await import("../support/coda");
    await newProgramme(1_000_000, { name: "Onderweg", maxVouchersPerBusiness: 100 });
    const { engagementId, voucher } = await acceptedEngagement();
    expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: true });
    await db.update(vouchers).set({ paymentDueOn: "2026-12-24" }).where(eq(vouchers.id, voucher.id));
    // Monday 28th: the scheduler runs, the transfer of the 24th is not on any statement yet.
    await runTimers(new Date("2026-12-28T11:00:00Z"));
    const [approved] = await db.select().from(vouchers).where(eq(vouchers.id, voucher.id));
    // Tuesday 29th: the statement with value date 24/12 arrives. Before, the 25th's run had cancelled
    // the engagement, and this movement was "voucher closed" and refunded.
    const statement = readBankStatement(codaFile({ date: "291226", movements: [{ amountCents: approved.ownShareCents, structured: approved.paymentReference!.replace(/\D/g, ""), valueDate: "241226", counterpartyIban: "BE62510007547061" }] }));
    if (!statement.ok) throw new Error(statement.problem);
    expect(await matchBankLines(admin.id, statement.lines)).toMatchObject({ results: [{ result: "confirmed", count: 1 }] });
    expect((await db.select().from(engagements).where(eq(engagements.id, engagementId)))[0].state).toBe("intake");
  });
});

describe("the own share's due date", () => {
  it.each([
    ["at 00:30 in Brussels on a summer night", "2026-07-14T22:30:00Z", "2026-07-15"],
    ["at 23:30 in Brussels on a summer night", "2026-07-14T21:30:00Z", "2026-07-14"],
    ["at 00:30 in Brussels on a winter night", "2026-01-14T23:30:00Z", "2026-01-15"],
    ["at 23:30 in Brussels on a winter night", "2026-01-14T22:30:00Z", "2026-01-14"],
  ])("counts from the Belgian date when approved %s", async (_when, instant, approvedOn) => {
    const { addDays } = await import("~/lib/dates");
    const { engagementId, voucher } = await acceptedEngagement();
    const [{ paymentDays }] = await db.select({ paymentDays: programmes.paymentDays }).from(programmes).where(eq(programmes.id, voucher.programmeId));
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(instant) });
    try {
      expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: true });
    } finally {
      vi.useRealTimers();
    }
    const [approved] = await db.select().from(vouchers).where(eq(vouchers.engagementId, engagementId));
    expect(approved.paymentDueOn).toBe(addDays(approvedOn, paymentDays));
  });
});

describe("the rates a voucher was computed with", () => {
  it("stay with it: a later change of the VAT setting or the programme's rate changes no amount owed", async () => {
    const { currentSettings, useSettingsForTest } = await import("../support/settings");
    const { payoutLines } = await import("~db/schema");
    const { engagementId, voucher } = await acceptedEngagement();
    expect(voucher).toMatchObject({ vatBasisPoints: 2100, rateBasisPoints: 7500 });
    await approveVoucher(admin.id, voucher.id);
    await confirmOwnShare(admin.id, voucher.id);
    const before = currentSettings();
    useSettingsForTest({ ...before, vatBasisPoints: 600 });
    try {
      await db.update(programmes).set({ rateBasisPoints: 5000 }).where(eq(programmes.id, voucher.programmeId));
      await transition(engagementId, "start_plan", { userId: provider.id, role: "provider" });
      const [advice] = await db.select().from(milestones).where(eq(milestones.engagementId, engagementId)).orderBy(milestones.position);
      await submitMilestone({ id: provider.id, role: "provider" }, advice.id, { text: "plan", links: [] });
      await decideMilestone({ id: retailer.id, role: "retailer" }, advice.id, { approve: true });
      const lines = await db.select().from(payoutLines).where(eq(payoutLines.milestoneId, advice.id));
      // Advice € 400 at the voucher's 21 %: € 400 + € 84 − the voucher's € 300 = € 184 (at 6 % it would be € 124).
      expect(Object.fromEntries(lines.map((l) => [l.kind, l.amountCents]))).toEqual({ voucher_share: 30_000, own_share: 18_400 });
    } finally {
      useSettingsForTest(before);
      await db.update(programmes).set({ rateBasisPoints: 7500 }).where(eq(programmes.id, voucher.programmeId));
    }
  });
});

describe("payouts", () => {
  it("owe the provider the voucher share and their part of the own share per approved milestone, paid in a SEPA batch", async () => {
    const { createPayoutBatch, listPayables, payoutBatchCsv, sepaCreditTransferXml } = await import("~/modules/payments/index.server");
    const { payoutLines } = await import("~db/schema");
    await newProgramme(1_000_000, { name: "Uitbetalingen", maxVouchersPerBusiness: 100 });
    const { engagementId, voucher } = await acceptedEngagement();
    await approveVoucher(admin.id, voucher.id);
    await confirmOwnShare(admin.id, voucher.id);
    await transition(engagementId, "start_plan", { userId: provider.id, role: "provider" });
    const [advice] = await db.select().from(milestones).where(eq(milestones.engagementId, engagementId)).orderBy(milestones.position);
    await submitMilestone({ id: provider.id, role: "provider" }, advice.id, { text: "plan", links: [] });
    const owedBefore = (await listPayables()).find((p) => p.providerId === provider.providerId)?.totalCents ?? 0;
    const { notices, outbox, users } = await import("~db/schema");
    const noIbanNotices = () => db.select().from(notices).where(and(eq(notices.userId, provider.id), eq(notices.messageKey, "payouts.notice.noIban")));
    const toldBefore = (await noIbanNotices()).length;
    await decideMilestone({ id: retailer.id, role: "retailer" }, advice.id, { approve: true });

    const lines = await db.select().from(payoutLines).where(eq(payoutLines.milestoneId, advice.id));
    // Advice € 400: voucher share € 300; own-share part € 400 + € 84 VAT − € 300 = € 184.
    expect(Object.fromEntries(lines.map((l) => [l.kind, l.amountCents]))).toEqual({ voucher_share: 30_000, own_share: 18_400 });
    const owed = (await listPayables()).find((p) => p.providerId === provider.providerId);
    expect(owed).toMatchObject({ totalCents: owedBefore + 48_400, ibanValid: false });
    // The provider is told at once that money waits for their IBAN, in a notice and by e-mail.
    const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, provider.id));
    const told = await noIbanNotices();
    expect(told).toHaveLength(toldBefore + 1);
    expect(told.at(-1)?.link).toBe("/aanbieder/profiel");
    const mails = (await db.select().from(outbox).where(eq(outbox.topic, "mail.send"))).map((m) => m.payload as { to: string; subject: string });
    expect(mails).toContainEqual(expect.objectContaining({ to: email, subject: "Vul je IBAN in: er staat een uitbetaling voor je klaar" }));

    // No valid IBAN: nothing is paid to an account that cannot be right.
    expect(await createPayoutBatch(admin.id)).toMatchObject({ ok: false, error: "nothingToPay" });
    const { providers } = await import("~db/schema");
    await db.update(providers).set({ iban: "BE68539007547034" }).where(eq(providers.id, provider.providerId));
    const batch = await createPayoutBatch(admin.id);
    if (!batch.ok) throw new Error(batch.error);
    expect((await listPayables()).find((p) => p.providerId === provider.providerId)).toBeUndefined();

    const euros = ((owedBefore + 48_400) / 100).toFixed(2);
    const xml = (await sepaCreditTransferXml(batch.batchId))!;
    expect(xml).toContain('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"');
    // One transfer per programme account the provider's lines are paid from; together, what is owed.
    expect(xml).toContain(`<CtrlSum>${euros}</CtrlSum>`);
    expect(xml).toMatch(/<CdtrAcct><Id><IBAN>BE68539007547034<\/IBAN><\/Id><\/CdtrAcct>/);
    const amounts = [...xml.matchAll(/<InstdAmt Ccy="EUR">([\d.]+)<\/InstdAmt>/g)].map((m) => Math.round(Number(m[1]) * 100));
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(owedBefore + 48_400);
    const csv = (await payoutBatchCsv(batch.batchId))!;
    expect(csv.startsWith("\uFEFFAanbieder;IBAN;Bedrag (EUR)\r\n")).toBe(true);
    expect(csv).toContain(`;BE68539007547034;${euros.replace(".", ",")}\r\n`);
    await expectBooksBalance((await db.select().from(vouchers).where(eq(vouchers.id, voucher.id)))[0].programmeId);
  });
});

describe("the programme form", () => {
  it("creates a programme for the office only, refusing bad input in Dutch without writing", async () => {
    const route = await import("~/routes/beheer.programmas");
    const { formRequest, args, respond } = await import("../support/http");
    const { dutchErrors } = await import("../support/messages");
    const { auditEvents } = await import("~db/schema");
    const valid = {
      name: "Zomer 2027",
      budget: "25000",
      rate: "62,5",
      cap: "1200",
      sectors: ["retail", "hospitality"],
      municipalities: ["31005", "34022"],
      opensOn: "2027-05-01",
      closesOn: "2027-09-30",
      maxVouchersPerBusiness: "1",
      paymentDays: "30",
      decisionDays: "15",
      tacitApproval: "on",
      iban: "BE68 5390 0754 7034",
    };
    const post = (fields: Record<string, string | string[]>, cookie = admin.cookie) => respond(() => route.action(args(formRequest("/beheer/programmas", fields, { cookie }))));
    const before = (await db.select({ n: count() }).from(programmes))[0].n;
    const bad = await post({ ...valid, iban: "BE68 5390 0754 7035", rate: "120", closesOn: "2027-01-01" });
    expect(bad.status).toBe(400);
    expect(await dutchErrors(bad)).toEqual(expect.arrayContaining(["Dit IBAN-nummer klopt niet (controlegetal).", "Kies een percentage tussen 0 en 100.", "Het einde moet na het begin liggen."]));
    // An empty number says it is missing, not "Vul een geheel getal in." (issue 22, item 13).
    const empty = await post({ ...valid, decisionDays: "" });
    expect(await dutchErrors(empty)).toEqual(["Dit veld is verplicht."]);
    expect((await post(valid, retailer.cookie)).status).toBe(403);
    expect((await db.select({ n: count() }).from(programmes))[0].n).toBe(before);

    expect((await post(valid)).status).toBe(302);
    const [created] = await db.select().from(programmes).where(eq(programmes.name, "Zomer 2027"));
    expect(created).toMatchObject({ budgetCents: 2_500_000, rateBasisPoints: 6250, capCents: 120_000, eligibleSectors: ["retail", "hospitality"], eligibleNisCodes: ["31005", "34022"], iban: "BE68539007547034", decisionDays: 15, tacitApproval: true });
    expect((await db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id)))[0].action).toBe("programme.create");
  });

  it("takes a programme budget above €21,474,836.47 (the old int4 money columns' limit) and keeps its books to the cent", async () => {
    const route = await import("~/routes/beheer.programmas");
    const { formRequest, args, respond } = await import("../support/http");
    const big = { name: "Relanceplan provincie", budget: "60.000.000,00", rate: "75", cap: "1500", sectors: ["retail"], municipalities: [], opensOn: "2020-01-01", closesOn: "2099-12-31", maxVouchersPerBusiness: "100", paymentDays: "30", decisionDays: "10", iban: "BE68 5390 0754 7034" };
    // Before: the form passed it and the insert failed ("integer out of range").
    expect((await respond(() => route.action(args(formRequest("/beheer/programmas", big, { cookie: admin.cookie }))))).status).toBe(302);
    const [created] = await db.select().from(programmes).where(eq(programmes.name, "Relanceplan provincie"));
    expect(created.budgetCents).toBe(6_000_000_000);
    const { voucher } = await acceptedEngagement();
    expect(voucher.programmeId).toBe(created.id);
    expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: true });
    const books = await expectBooksBalance(created.id);
    expect(books).toMatchObject({ budgetCents: 6_000_000_000, reservedCents: 97_500, availableCents: 5_999_902_500 });
  });
});
