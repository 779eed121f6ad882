import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~db/client";
import { vouchers } from "~db/schema";
import { approveVoucher, confirmOwnShare, rejectVoucher } from "~/modules/engagements/index.server";
import { drainOutbox } from "~/modules/notifications/index.server";
import { allOutboxHandlers } from "~/modules/platform/index.server";
import { acceptedBid, account, approvedProvider, businessFor, newProgramme } from "../support/marketplace";

/*
 * The voucher as a file the office decides on and the retailer keeps (issue 22, items 4 and 5):
 * its number and term, the facts beside the decision, the letter, the receipt. Amounts are the
 * docs' example counted by hand: €400 + €900 at 75 % and 21 %.
 */

let admin: Awaited<ReturnType<typeof account>>;
let retailer: Awaited<ReturnType<typeof account>>;
let provider: Awaited<ReturnType<typeof approvedProvider>>;
let businessId = "";

const acceptedEngagement = () => acceptedBid({ retailerId: retailer.id, businessId, providerUserId: provider.id }, { services: ["webshop"], price: { advicePrice: "400", implementationPrice: "900" } });

beforeAll(async () => {
  admin = await account("admin");
  retailer = await account("retailer");
  businessId = (await businessFor(retailer.id)).id;
  provider = await approvedProvider(admin.id, { services: ["webshop"] });
  await drainOutbox(allOutboxHandlers);
});

describe("the office's decision (issue 22, item 5)", () => {
  it("has a file number, a deadline in working days, and the facts beside it", async () => {
    const { getVoucherDecisionFacts, listVoucherDecisions, getProgrammeBudget: budgetOf } = await import("~/modules/vouchers/index.server");
    const id = await newProgramme(1_000_000, { name: "Beslissen", maxVouchersPerBusiness: 100 });
    // Requested on Friday 4 December 2026: ten working days are 7–11 and 14–18 December.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-04T10:00:00Z") });
    let voucherId = "";
    try {
      voucherId = (await acceptedEngagement()).voucher.id;
    } finally {
      vi.useRealTimers();
    }
    const facts = (await getVoucherDecisionFacts(voucherId))!;
    expect(facts.dossierNumber).toMatch(/^V-2026-\d{6}$/);
    expect(facts.decideBy).toBe("2026-12-18");
    // €1,300 excl. VAT + €273 VAT = voucher €975 + own share €598 (docs/vouchers.md, by hand).
    expect([facts.priceCents, facts.vatCents, facts.voucherCents, facts.ownShareCents]).toEqual([130_000, 27_300, 97_500, 59_800]);
    const budget = (await budgetOf(db, id))!;
    expect([facts.availableCents, facts.availableAfterCents]).toEqual([budget.availableCents, budget.availableCents - 97_500]);
    expect(facts.checks.every((c) => c.passed)).toBe(true);
    expect(facts.declaredAt).toBeInstanceOf(Date);
    const queue = await listVoucherDecisions({}, "2026-12-21");
    // On Monday 21 December the term (Friday 18) has passed by one working day.
    expect(queue.find((d) => d.voucherId === voucherId)).toMatchObject({ dossierNumber: facts.dossierNumber, decideBy: "2026-12-18", workingDaysLeft: -1 });
    const later = await listVoucherDecisions({}, "2026-12-10");
    expect(later.find((d) => d.voucherId === voucherId)?.workingDaysLeft).toBe(6);
  });
});

describe("the decision letter (issue 22, item 5)", () => {
  it("states the decision, its file number and reasons, for the retailer and the office only, linked from the mail", async () => {
    const { getDecisionLetter } = await import("~/modules/engagements/index.server");
    const { outbox, users } = await import("~db/schema");
    await newProgramme(1_000_000, { name: "Brieven", maxVouchersPerBusiness: 100 });
    const granted = await acceptedEngagement();
    expect(await getDecisionLetter(granted.engagementId, { id: retailer.id, role: "retailer" })).toBeNull();
    expect(await approveVoucher(admin.id, granted.voucher.id)).toEqual({ ok: true });
    const letter = (await getDecisionLetter(granted.engagementId, { id: retailer.id, role: "retailer" }))!;
    // €1,300 at 75 %: €975 voucher, €598 own share (by hand in docs/vouchers.md).
    expect(letter).toMatchObject({ approved: true, voucherCents: 97_500, ownShareCents: 59_800, priceCents: 130_000, reason: null });
    expect(letter.dossierNumber).toMatch(/^V-\d{4}-\d{6}$/);
    expect(await getDecisionLetter(granted.engagementId, { id: provider.id, role: "provider" })).toBeNull();
    expect(await getDecisionLetter(granted.engagementId, { id: admin.id, role: "admin" })).toMatchObject({ approved: true });

    const refused = await acceptedEngagement();
    expect(await rejectVoucher(admin.id, refused.voucher.id, "Dubbele financiering via de KMO-portefeuille.")).toEqual({ ok: true });
    expect(await getDecisionLetter(refused.engagementId, { id: retailer.id, role: "retailer" })).toMatchObject({ approved: false, reason: "Dubbele financiering via de KMO-portefeuille.", payment: null });
    const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, retailer.id));
    const mail = (await db.select().from(outbox).where(eq(outbox.topic, "mail.send"))).map((m) => m.payload as { to: string; subject: string; text: string }).find((m) => m.to === email && m.text.includes(`/trajecten/${refused.engagementId}/beslissing`));
    expect(mail?.subject).toMatch(/: je voucher is niet toegekend$/);
    expect(mail?.text).toContain(`/trajecten/${refused.engagementId}/beslissing`);
    expect(mail?.text).toContain("Dubbele financiering via de KMO-portefeuille.");
  });
});

describe("the retailer's receipt (issue 22, item 4)", () => {
  it("is mailed when the own share is confirmed, instead of 'the engagement is now at: Intake'", async () => {
    const { outbox, users, businesses } = await import("~db/schema");
    const { formatMoney } = await import("~/lib/format");
    await newProgramme(1_000_000, { name: "Ontvangst", maxVouchersPerBusiness: 100 });
    const { voucher } = await acceptedEngagement();
    expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: true });
    const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, retailer.id));
    const [{ name }] = await db.select({ name: businesses.name }).from(businesses).where(eq(businesses.id, businessId));
    const mailsTo = async () => (await db.select().from(outbox).where(eq(outbox.topic, "mail.send"))).filter((m) => (m.payload as { to: string }).to === email);
    // A minute later: the approval's mail has gone (mails about one engagement within a minute are one).
    await db.update(outbox).set({ runAfter: new Date(Date.now() - 1000) }).where(eq(outbox.topic, "mail.send"));
    const before = new Set((await mailsTo()).map((m) => m.id));
    expect(await confirmOwnShare(admin.id, voucher.id)).toEqual({ ok: true });
    const sent = (await mailsTo()).filter((m) => !before.has(m.id)).map((m) => m.payload as { to: string; subject: string; text: string });
    // One mail, the receipt: €598.00 (€1,300 − €975 + €273, by hand), with the reference paid with.
    expect(sent.map((m) => m.subject)).toEqual([`${name}: je eigen bijdrage van ${formatMoney(59_800, "nl")} is ontvangen`]);
    const [{ paymentReference }] = await db.select({ paymentReference: vouchers.paymentReference }).from(vouchers).where(eq(vouchers.id, voucher.id));
    expect(sent[0].text).toContain(paymentReference!);
  });
});

/*
 * The clock on a decision (issue 22, item 5): "a voucher can wait for a decision forever". Requested
 * on Friday 4 December 2026 with ten working days: the term's last day is Friday 18 December (by
 * hand on the 2026 calendar, no Belgian bank holiday in between); on Monday 21 December it has passed.
 */
describe("a voucher decision past its term", () => {
  it("is approved tacitly where the programme promises it and every check passes; otherwise the office is mailed, once", async () => {
    const { runTimers } = await import("~/modules/engagements/index.server");
    const { getDecisionLetter } = await import("~/modules/engagements/index.server");
    const { auditEvents, outbox } = await import("~db/schema");
    const requestedOn = async (overrides: Parameters<typeof newProgramme>[1]) => {
      await newProgramme(1_000_000, { maxVouchersPerBusiness: 100, ...overrides });
      vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-04T10:00:00Z") });
      try {
        return await acceptedEngagement();
      } finally {
        vi.useRealTimers();
      }
    };
    const tacit = await requestedOn({ name: "Stilzwijgend", tacitApproval: true });
    const flagged = await requestedOn({ name: "Stilzwijgend, verbonden partij", tacitApproval: true });
    // The related-party check flagged this one when it was requested: a person must decide.
    await db.update(vouchers).set({ relatedParty: ["iban"] }).where(eq(vouchers.id, flagged.voucher.id));
    const plain = await requestedOn({ name: "Zonder stilzwijgen" });
    const statusOf = async (id: string) => (await db.select({ status: vouchers.status }).from(vouchers).where(eq(vouchers.id, id)))[0].status;
    const overdueMails = async () =>
      (await db.select().from(outbox).where(eq(outbox.topic, "mail.send")))
        .map((m) => m.payload as { subject: string; text: string })
        .filter((m) => m.subject?.endsWith("de beslistermijn is verstreken"));
    const [flaggedFile, plainFile] = await Promise.all(
      [flagged, plain].map(async (e) => (await db.select({ dossier: vouchers.dossierNumber }).from(vouchers).where(eq(vouchers.id, e.voucher.id)))[0].dossier!),
    );

    // On the term's last day nothing happens yet.
    await runTimers(new Date("2026-12-18T15:00:00Z"));
    expect(await Promise.all([tacit, flagged, plain].map((e) => statusOf(e.voucher.id)))).toEqual(["requested", "requested", "requested"]);
    expect((await overdueMails()).filter((m) => m.subject.includes(plainFile))).toEqual([]);

    await runTimers(new Date("2026-12-21T08:00:00Z"));
    expect(await Promise.all([tacit, flagged, plain].map((e) => statusOf(e.voucher.id)))).toEqual(["approved", "requested", "requested"]);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, tacit.voucher.id));
    expect(audit).toMatchObject({ action: "voucher.approve_tacit", actorId: null, fromState: "requested", toState: "approved" });
    expect(audit.data).toMatchObject({ decideBy: "2026-12-18" });
    expect((await getDecisionLetter(tacit.engagementId, { id: retailer.id, role: "retailer" }))?.tacit).toBe(true);
    // The office hears of both others, with the file number and the day the term ended.
    const told = await overdueMails();
    for (const file of [flaggedFile, plainFile]) {
      const mails = told.filter((m) => m.subject.includes(file));
      expect(mails.length).toBeGreaterThan(0);
      expect(mails[0].text).toContain("18 december 2026");
    }
    // A second run mails nothing again.
    await runTimers(new Date("2026-12-22T08:00:00Z"));
    expect((await overdueMails()).length).toBe(told.length);
  });
});

/*
 * Fewer, better e-mails (issue 22, item 12): "one engagement sent the retailer 14 mails, two in the
 * same second on voucher approval; subjects like 'het traject staat nu op Intake'". Expected: one
 * mail per moment per person, its subject saying what happened.
 */
describe("mails about one engagement", () => {
  it("go out as one per person within the minute, each step told in words", async () => {
    const { outbox, users } = await import("~db/schema");
    const { postMessage } = await import("~/modules/engagements/index.server");
    const write = async (body: string) => expect((await postMessage({ id: retailer.id, role: "retailer" }, engagementId, body)).ok).toBe(true);
    await newProgramme(1_000_000, { name: "Minder mails", maxVouchersPerBusiness: 100 });
    const { voucher, engagementId } = await acceptedEngagement();
    const [[{ email: retailerMail }], [{ email: providerMail }]] = await Promise.all([retailer.id, provider.id].map((id) => db.select({ email: users.email }).from(users).where(eq(users.id, id))));
    const mails = async () => (await db.select().from(outbox).where(eq(outbox.topic, "mail.send"))).map((m) => ({ id: m.id, runAfter: m.runAfter, ...(m.payload as { to: string; subject: string; text: string; group?: string }) }));
    const before = new Set((await mails()).map((m) => m.id));
    const fresh = async (to: string) => (await mails()).filter((m) => !before.has(m.id) && m.to === to);

    // Voucher approval: the retailer gets one mail (what to pay), not two in the same second; the
    // provider hears of the step in words.
    expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: true });
    expect((await fresh(retailerMail)).map((m) => m.subject)).toEqual([expect.stringMatching(/^Voucher goedgekeurd voor .+: betaal €\s598,00 vóór /)]);
    expect((await fresh(providerMail)).map((m) => m.subject)).toEqual([expect.stringMatching(/: voucher toegekend, de eigen bijdrage volgt$/)]);

    // Two more things about the same engagement within the minute join the provider's waiting mail.
    await write("Wanneer plannen we de intake?");
    await write("Dinsdag past ons het best.");
    const [joined] = await fresh(providerMail);
    expect((await fresh(providerMail)).length).toBe(1);
    expect(joined.text).toMatch(/toegekend; nu volgt de eigen bijdrage\.\n\nNieuw bericht in het traject van .+\.\n\nNieuw bericht in het traject van .+\./);
    // It waits for the minute, then goes: a mail after that is a mail of its own.
    expect(joined.runAfter.getTime()).toBeGreaterThan(Date.now() + 30_000);
    await db.update(outbox).set({ runAfter: new Date(Date.now() - 1000) }).where(eq(outbox.id, joined.id));
    await write("Of woensdag.");
    expect((await fresh(providerMail)).length).toBe(2);
  });
});

describe("a daily digest instead of a mail per event (issue 22, item 12)", () => {
  it("is a provider's choice: the day's notices in one morning mail, once a day, none on a quiet day", async () => {
    const { outbox, users } = await import("~db/schema");
    const { postMessage } = await import("~/modules/engagements/index.server");
    const { sendDailyDigests } = await import("~/modules/notifications/index.server");
    const { args, formRequest, respond } = await import("../support/http");
    const accountPage = await import("~/routes/account/route");
    const digestReader = await approvedProvider(admin.id, { services: ["webshop"] });
    const choose = (cookie: string, mailDigest: string) => respond(() => accountPage.action(args(formRequest("/account", { intent: "mail", mailDigest }, { cookie }))));
    // A shop's mails are about its own money: it cannot choose a digest.
    expect((await choose(retailer.cookie, "daily")).status).toBe(403);
    expect((await choose(digestReader.cookie, "daily")).status).toBe(302);
    const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, digestReader.id));
    const all = async () => (await db.select().from(outbox).where(eq(outbox.topic, "mail.send"))).map((m) => ({ id: m.id, ...(m.payload as { to: string; subject: string; text: string }) }));
    // From the choice on (the welcome and approval mails came before).
    const earlier = new Set((await all()).map((m) => m.id));
    const mailsTo = async () => (await all()).filter((m) => m.to === email && !earlier.has(m.id)).map(({ id: _id, ...mail }) => mail);

    await newProgramme(1_000_000, { name: "Dagoverzicht", maxVouchersPerBusiness: 100 });
    const { engagementId } = await acceptedBid({ retailerId: retailer.id, businessId, providerUserId: digestReader.id }, { services: ["webshop"], price: { advicePrice: "400", implementationPrice: "900" } });
    expect((await postMessage({ id: retailer.id, role: "retailer" }, engagementId, "Kunnen we dinsdag beginnen?")).ok).toBe(true);
    // Told in the app as it happens, not by mail.
    expect(await mailsTo()).toEqual([]);

    // Tomorrow at 07:30 in Brussels it is too early; at 08:05 the digest goes, once.
    expect(await sendDailyDigests(new Date("2026-12-05T06:30:00Z"))).toBe(0);
    await sendDailyDigests(new Date("2026-12-05T07:05:00Z"));
    await sendDailyDigests(new Date("2026-12-05T09:00:00Z"));
    const digests = await mailsTo();
    expect(digests.map((m) => m.subject)).toEqual(["Je dagoverzicht van Koppel: 2 meldingen"]);
    expect(digests[0].text).toContain("Je voorstel voor");
    expect(digests[0].text).toMatch(/Nieuw bericht in het traject van .+\n {2}http:\/\/localhost:3000\/trajecten\//);
    // The next day, with nothing new, no mail.
    await sendDailyDigests(new Date("2026-12-06T07:05:00Z"));
    expect((await mailsTo()).length).toBe(1);

    // Back to a mail per event: the next one is mailed right away.
    expect((await choose(digestReader.cookie, "each")).status).toBe(302);
    expect((await postMessage({ id: retailer.id, role: "retailer" }, engagementId, "Of woensdag?")).ok).toBe(true);
    expect((await mailsTo()).length).toBe(2);
  });
});

describe("the file's status history (issue 22, item 5)", () => {
  it("shows the parties who did what and when, the office by its role and never an address", async () => {
    const { args, getRequest, respond } = await import("../support/http");
    const page = await import("~/routes/trajecten.$id/route");
    await newProgramme(1_000_000, { name: "Geschiedenis", maxVouchersPerBusiness: 100 });
    const { voucher, engagementId } = await acceptedEngagement();
    expect(await approveVoucher(admin.id, voucher.id)).toEqual({ ok: true });
    const view = await (await respond(() => page.loader(args(getRequest(`/trajecten/${engagementId}`, { cookie: retailer.cookie }), { id: engagementId })))).json();
    const steps = view.history.map((s: { action: string; actorRole: string | null; toState: string | null }) => [s.action, s.actorRole, s.toState]);
    // The office granted the voucher, then the engagement moved on by itself to the own share.
    expect(steps).toEqual([
      ["voucher.approve", "admin", "approved"],
      ["engagement.confirm_voucher", null, "awaiting_contribution"],
    ]);
    expect(JSON.stringify(view.history)).not.toContain("@");
  });
});

/*
 * The provider's VAT status (issue 23): "an exempt provider's €1,300 engagement has a €975 voucher
 * and a €325 own share, no VAT" (the issue's own example; by hand: 75 % of €1,300 = €975, and
 * €1,300 − €975 = €325). A VAT-registered provider's is €598 (€1,300 − €975 + 21 % of €1,300).
 */
describe("the provider's VAT status", () => {
  it("decides the own share and is frozen on the voucher", async () => {
    await newProgramme(1_000_000, { name: "Btw-status", maxVouchersPerBusiness: 100 });
    const exempt = await approvedProvider(admin.id, { services: ["webshop"], vatStatus: "small_enterprise" });
    const { voucher } = await acceptedBid({ retailerId: retailer.id, businessId, providerUserId: exempt.id }, { services: ["webshop"], price: { advicePrice: "400", implementationPrice: "900" } });
    const [row] = await db.select().from(vouchers).where(eq(vouchers.id, voucher.id));
    expect([row.amountCents, row.ownShareCents, row.vatBasisPoints]).toEqual([97_500, 32_500, 0]);
    const registered = await acceptedEngagement();
    const [other] = await db.select().from(vouchers).where(eq(vouchers.id, registered.voucher.id));
    expect([other.amountCents, other.ownShareCents, other.vatBasisPoints]).toEqual([97_500, 59_800, 2100]);
  });
});
