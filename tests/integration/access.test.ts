import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { users } from "~db/schema";
import { createApiToken, revokeApiToken } from "~/modules/auth/index.server";
import * as apiMe from "~/routes/api.v1.me";
import * as admin from "~/routes/beheer._index";
import * as municipality from "~/routes/gemeente._index";
import * as retailerHome from "~/routes/ondernemer._index";
import * as logout from "~/routes/uitloggen";
import { newAccount } from "../support/factories";
import { args, formRequest, getRequest, respond } from "../support/http";
import { registerUser } from "../support/accounts";

let retailer: { id: string; email: string; name: string; cookie: string };

beforeAll(async () => {
  const account = newAccount();
  const result = await registerUser({ ...account, locale: "nl" });
  if (!result.ok) throw new Error("setup");
  retailer = { id: result.user.id, email: account.email, name: account.name, cookie: result.cookie.split(";")[0] };
});

describe("guards", () => {
  it("send a visitor to the login page, remembering where they were going", async () => {
    const response = await respond(() => retailerHome.loader(args(getRequest("/ondernemer"))));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/inloggen?redirectTo=%2Fondernemer");
  });

  it("refuse another role's pages with 403", async () => {
    for (const loader of [admin.loader, municipality.loader]) {
      const response = await respond(() => loader(args(getRequest("/x", { cookie: retailer.cookie }))));
      expect(response.status).toBe(403);
    }
  });

  it("let the owner in", async () => {
    const response = await respond(() => retailerHome.loader(args(getRequest("/ondernemer", { cookie: retailer.cookie }))));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ businesses: [], requests: [], hasRequests: false, engagements: [], invoices: [], locale: "nl" });
  });

  it("log out by ending the session in the database", async () => {
    const account = newAccount();
    const result = await registerUser({ ...account, locale: "nl" });
    if (!result.ok) throw new Error("setup");
    const cookie = result.cookie.split(";")[0];
    const response = await respond(() => logout.action(args(formRequest("/uitloggen", {}, { cookie }))));
    expect(response.status).toBe(302);
    expect(response.headers.getSetCookie().join()).toMatch(/koppel_session=;/);
    const after = await respond(() => retailerHome.loader(args(getRequest("/ondernemer", { cookie }))));
    expect(after.status).toBe(302);
  });
});

describe("GET /api/v1/me", () => {
  const call = (authorization?: string) =>
    respond(() => apiMe.loader(args(getRequest("/api/v1/me", { headers: authorization ? { Authorization: authorization } : {} }))));

  it("answers who the token belongs to and records its use", async () => {
    const { id, token } = await createApiToken(retailer.id);
    const response = await call(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: retailer.id, email: retailer.email, name: retailer.name, role: "retailer" });
    const { apiTokens } = await import("~db/schema");
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.tokenHash).not.toContain(token);
  });

  it("answers 401 in JSON for a missing, malformed, unknown or revoked token", async () => {
    const { id, token } = await createApiToken(retailer.id);
    expect(await revokeApiToken(retailer.id, id)).toBe(true);
    for (const header of [undefined, "Basic abc", "Bearer", "Bearer kop_unknown", `Bearer ${token}`, `Bearer ${"x".repeat(5000)}`]) {
      const response = await call(header);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Ontbrekend of ongeldig API-token." } });
    }
  });

  it("refuses the token of a deactivated user", async () => {
    const account = newAccount();
    const result = await registerUser({ ...account, locale: "nl" });
    if (!result.ok) throw new Error("setup");
    const { token } = await createApiToken(result.user.id);
    await db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, result.user.id));
    expect((await call(`Bearer ${token}`)).status).toBe(401);
  });
});
