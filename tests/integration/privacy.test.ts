import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, queryRows } from "~db/client";
import {
  auditEvents,
  budgetLedger,
  businesses,
  campaignParticipants,
  engagementMessages,
  engagements,
  helpRequests,
  payoutLines,
  programmes,
  providers,
  reviews,
  sessions,
  users,
  vouchers,
} from "~db/schema";
import { postMessage, replyToReview, submitReview } from "~/modules/engagements/index.server";
import { allOutboxHandlers } from "~/modules/platform/index.server";
import { eraseAccount } from "~/modules/privacy/index.server";
import { logIn } from "~/modules/auth/index.server";
import { getPublicBusiness, saveBusiness, saveQuickscan } from "~/modules/profiles/index.server";
import { BusinessSchema } from "~/modules/profiles/schemas";
import { questions } from "~/modules/profiles/quickscan";
import * as account from "~/routes/account/route";
import * as dataExport from "~/routes/account.gegevens";
import { file, optIn, png, promotionFields, running, setUpCampaignWorld, uploadedFiles } from "../support/campaigns";
import { newAccount, newEnterpriseNumber } from "../support/factories";
import { drainEverything } from "../support/outbox";
import { account as newUser, approvedProvider, businessFor, engagementFor } from "../support/marketplace";
import { args, formRequest, getRequest, respond } from "../support/http";
import { dutchErrors } from "../support/messages";
import { registerUser } from "../support/accounts";

async function retailerWithBusiness() {
  const credentials = newAccount();
  const registered = await registerUser({ ...credentials, locale: "nl" });
  if (!registered.ok) throw new Error("setup");
  const business = BusinessSchema.parse({
    name: "Fietsherstel Zuid",
    enterpriseNumber: newEnterpriseNumber(),
    sector: "retail",
    nisCode: "34022",
    postalCode: "8500",
    languages: ["nl"],
  });
  const saved = await saveBusiness(registered.user.id, business);
  if (!saved.ok) throw new Error("setup");
  await saveQuickscan(registered.user.id, saved.id, Object.fromEntries(questions.map((q) => [q.id, 2])));
  await db.insert(auditEvents).values({ actorId: registered.user.id, action: "test.decision", entityType: "test", entityId: "x" });
  return { ...credentials, id: registered.user.id, cookie: registered.cookie.split(";")[0], businessId: saved.id };
}

describe("privacy", () => {
  it("exports everything about the user as JSON, without secrets", async () => {
    const me = await retailerWithBusiness();
    const response = await respond(() => dataExport.loader(args(getRequest("/account/gegevens", { cookie: me.cookie }))));
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="koppel-gegevens-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = await response.json();
    expect(data.account).toMatchObject({ email: me.email, name: me.name, role: "retailer" });
    expect(data.businesses).toHaveLength(1);
    expect(data.businesses[0]).toMatchObject({ name: "Fietsherstel Zuid", enterpriseNumber: expect.stringMatching(/^05\d{8}$/) });
    expect(data.businesses[0].quickscans[0].overallScore).toBe(67);
    expect(data.actionsInAuditLog.map((a: { action: string }) => a.action)).toEqual(["test.decision"]);
    expect(JSON.stringify(data)).not.toMatch(/argon2|passwordHash|tokenHash/);
  });

  it("the export needs a session", async () => {
    const response = await respond(() => dataExport.loader(args(getRequest("/account/gegevens"))));
    expect(response.status).toBe(302);
  });

  it("refuses to erase without the password and the confirmation, changing nothing", async () => {
    const me = await retailerWithBusiness();
    const post = (fields: Record<string, string>) => respond(() => account.action(args(formRequest("/account", { intent: "delete-account", ...fields }, { cookie: me.cookie }))));
    const wrong = await post({ currentPassword: "niet-mijn-wachtwoord", confirm: "on" });
    expect(wrong.status).toBe(400);
    expect(await dutchErrors(wrong)).toEqual(["Je huidige wachtwoord klopt niet."]);
    const unconfirmed = await post({ currentPassword: me.password });
    expect(unconfirmed.status).toBe(400);
    const [row] = await db.select().from(users).where(eq(users.id, me.id));
    expect(row.email).toBe(me.email);
    expect((await db.select({ n: count() }).from(businesses).where(eq(businesses.ownerId, me.id)))[0].n).toBe(1);
  });

  it("erases the account: personal data and sessions go, the audit trail stays anonymous", async () => {
    const me = await retailerWithBusiness();
    const response = await respond(() =>
      account.action(args(formRequest("/account", { intent: "delete-account", currentPassword: me.password, confirm: "on" }, { cookie: me.cookie }))),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    const [row] = await db.select().from(users).where(eq(users.id, me.id));
    expect(row).toMatchObject({ email: `verwijderd-${me.id}@koppel.invalid`, name: "Verwijderde gebruiker", passwordHash: null });
    expect(row.deactivatedAt).toBeInstanceOf(Date);
    expect((await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, me.id)))[0].n).toBe(0);
    expect((await db.select({ n: count() }).from(businesses).where(eq(businesses.ownerId, me.id)))[0].n).toBe(0);
    expect((await db.select().from(auditEvents).where(eq(auditEvents.actorId, me.id))).map((a) => a.action)).toEqual(["test.decision"]);
    expect((await logIn({ email: me.email, password: me.password })).ok).toBe(false);
    // The address is free again for a new account.
    expect((await registerUser({ ...newAccount(), email: me.email, locale: "nl" })).ok).toBe(true);
  });
});

describe("erasing an account with history", () => {
  /*
   * A retailer and a provider with the whole loop behind them: a completed engagement paid with a
   * voucher and the own share, a review with a reply, a payout line, and a summer promotion with a
   * photo. Erasure must succeed for both, keep the money trail and drop every name and text.
   */
  it("keeps the money and audit trail, anonymised, and deletes the rest", async () => {
    const admin = await newUser("admin");
    const owner = await newUser("retailer");
    const business = await businessFor(owner.id, { name: "Bakkerij Het Belfort", street: "Markt 1", description: "Al 40 jaar vers brood." });
    const provider = await approvedProvider(admin.id, { companyName: "Pixels aan Zee", bio: "Websites voor de kust." });
    await db.insert(programmes).values({ name: "Relance", budgetCents: 1_000_000, eligibleSectors: ["retail"], opensOn: "2020-01-01", closesOn: "2099-12-31", iban: "BE68539007547034" });
    const engagementId = await engagementFor({ adminId: admin.id, retailerId: owner.id, providerUserId: provider.id, businessId: business.id }, "completed", { voucher: true });
    const [voucher] = await db.select().from(vouchers).where(eq(vouchers.engagementId, engagementId));
    expect(voucher).toMatchObject({ status: "closed", paidAt: expect.any(Date) });
    expect(await submitReview({ id: owner.id, role: "retailer" }, engagementId, { rating: 4, body: "Heel tevreden over Pixels aan Zee." })).toMatchObject({ ok: true });
    expect(await replyToReview({ id: provider.id, role: "provider" }, engagementId, "Dank je, Bakkerij Het Belfort!")).toMatchObject({ ok: true });
    await postMessage({ id: owner.id, role: "retailer" }, engagementId, "Bel me op 050 12 34 56.");
    await setUpCampaignWorld();
    const promotion = await optIn(owner, business.id, promotionFields(running.id), { photo: file(await png(), "etalage.png", "image/png") });
    expect(promotion.status).toBe(302);
    const [participant] = await db.select().from(campaignParticipants).where(eq(campaignParticipants.businessId, business.id));
    expect((await uploadedFiles())).toContain(participant.photoKey);
    const ledgerBefore = await db.select().from(budgetLedger).where(eq(budgetLedger.voucherId, voucher.id));
    const payoutsBefore = await db.select().from(payoutLines).where(eq(payoutLines.engagementId, engagementId));
    expect(payoutsBefore.length).toBeGreaterThan(0);

    // The copy before erasure works for a user with history.
    const exported = await respond(() => dataExport.loader(args(getRequest("/account/gegevens", { cookie: owner.cookie }))));
    expect(exported.status).toBe(200);
    expect((await exported.json()).businesses[0]).toMatchObject({ name: "Bakkerij Het Belfort", street: "Markt 1" });

    // The worker has sent what was queued (a sent mail keeps no text).
    await drainEverything(allOutboxHandlers);
    for (const user of [owner, provider]) {
      const password = (await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id)))[0].hash!;
      expect(password).toMatch(/^\$argon2id\$/);
      await eraseAccount(user.id);
    }

    // The search index catches up through the outbox.
    await drainEverything(allOutboxHandlers);

    const [keptBusiness] = await db.select().from(businesses).where(eq(businesses.id, business.id));
    expect(keptBusiness).toMatchObject({ name: "Verwijderde onderneming", street: "", description: "", openingHours: {}, digitalPresence: {}, enterpriseNumber: business.enterpriseNumber, nisCode: "31005" });
    expect(keptBusiness.slug).toBe(`verwijderd-${business.id}`);
    expect(keptBusiness.erasedAt).toBeInstanceOf(Date);
    expect(await getPublicBusiness(keptBusiness.slug)).toBeNull();
    const [keptProvider] = await db.select().from(providers).where(eq(providers.id, provider.providerId));
    expect(keptProvider).toMatchObject({ companyName: "Verwijderde aanbieder", bio: "", status: "rejected" });
    expect(keptProvider.erasedAt).toBeInstanceOf(Date);

    // The money trail is untouched.
    expect((await db.select().from(vouchers).where(eq(vouchers.id, voucher.id)))[0]).toEqual(voucher);
    expect(await db.select().from(budgetLedger).where(eq(budgetLedger.voucherId, voucher.id))).toEqual(ledgerBefore);
    expect(await db.select().from(payoutLines).where(eq(payoutLines.engagementId, engagementId))).toEqual(payoutsBefore);
    expect((await db.select().from(engagements).where(eq(engagements.id, engagementId)))[0].state).toBe("completed");

    // What they wrote is gone; the rating stays for the provider's average.
    const [review] = await db.select().from(reviews).where(eq(reviews.engagementId, engagementId));
    expect(review).toMatchObject({ rating: 4, body: "", reply: null });
    expect((await db.select().from(engagementMessages).where(eq(engagementMessages.engagementId, engagementId))).map((m) => m.body)).toEqual([""]);
    const [request] = await db.select().from(helpRequests).where(eq(helpRequests.businessId, business.id));
    expect(request.description).toBe("");

    // The promotion and its photo are deleted.
    expect(await db.select().from(campaignParticipants).where(eq(campaignParticipants.businessId, business.id))).toEqual([]);
    expect((await uploadedFiles())).not.toContain(participant.photoKey);

    // No name, address or free text of either is left anywhere in the database, but in the invoices:
    // an issued invoice is kept unchanged for ten years (art. 60 WBTW), a legal obligation erasure
    // gives way to (GDPR art. 17(3)(b); docs/retention.md).
    const { invoices: invoiceTable } = await import("~db/schema");
    const kept = await db.select({ xml: invoiceTable.xml }).from(invoiceTable).where(eq(invoiceTable.engagementId, engagementId));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept[0].xml).toContain("Bakkerij Het Belfort");
    const { invoices: _invoices, ...dump } = await dumpDatabase();
    const traces = ["Bakkerij Het Belfort", "Markt 1", "40 jaar vers brood", "Pixels aan Zee", "Websites voor de kust", "050 12 34 56", "Heel tevreden"];
    const found = Object.entries(dump).flatMap(([table, rows]) => traces.filter((t) => JSON.stringify(rows).includes(t)).map((t) => `${table}: ${t}`));
    expect(found).toEqual([]);
  });

  it("deletes a business and a provider profile without history", async () => {
    const admin = await newUser("admin");
    const owner = await newUser("retailer");
    const business = await businessFor(owner.id);
    const provider = await approvedProvider(admin.id);
    await eraseAccount(owner.id);
    await eraseAccount(provider.id);
    expect(await db.select().from(businesses).where(eq(businesses.id, business.id))).toEqual([]);
    expect(await db.select().from(providers).where(eq(providers.id, provider.providerId))).toEqual([]);
  });
});

/** Every row of every table, as text (the audit log keeps ids only). */
async function dumpDatabase() {
  const tables = await queryRows<{ table_name: string }>(db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  const dump: Record<string, unknown[]> = {};
  for (const { table_name } of tables) dump[table_name] = await queryRows(db, sql.raw(`select * from "${table_name}"`));
  return dump;
}
