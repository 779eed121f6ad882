import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client";
import { auditEvents, businesses, sessions, users } from "~db/schema";
import { logIn } from "~/modules/auth/index.server";
import { saveBusiness, saveQuickscan } from "~/modules/profiles/index.server";
import { BusinessSchema } from "~/modules/profiles/schemas";
import { questions } from "~/modules/profiles/quickscan";
import * as account from "~/routes/account";
import * as dataExport from "~/routes/account.gegevens";
import { newAccount, newEnterpriseNumber } from "../support/factories";
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
