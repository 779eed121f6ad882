import { describe, expect, it } from "vitest";
import { authenticateApiToken, createApiToken, listApiTokens } from "~/modules/auth/index.server";
import * as account from "~/routes/account/route";
import * as me from "~/routes/api.v1.me";
import { args, formRequest, origin, respond } from "../support/http";
import { account as newUser } from "../support/marketplace";
import { registerUser } from "../support/accounts";
import { newAccount } from "../support/factories";

/*
 * API tokens (issue 20, item 6): each user sees theirs with its last use, revokes them one by one on
 * /account, and may give a new one an end date. A revoked or expired token opens nothing.
 */
const bearer = (token: string) => new Request(`${origin}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });

describe("API tokens", () => {
  it("stop working when they expire", async () => {
    const user = await newUser("admin");
    const yearAgo = new Date(Date.now() - 366 * 24 * 60 * 60 * 1000);
    const expired = await createApiToken(user.id, { expiresInDays: 365, now: yearAgo });
    const current = await createApiToken(user.id, { expiresInDays: 30 });
    expect(await authenticateApiToken(expired.token)).toBeNull();
    expect(await authenticateApiToken(current.token)).toMatchObject({ id: user.id });
    const listed = await listApiTokens(user.id);
    expect(listed.find((t) => t.id === expired.id)).toMatchObject({ active: false, lastUsedAt: null });
    expect(listed.find((t) => t.id === current.id)).toMatchObject({ active: true });
    expect(listed.find((t) => t.id === current.id)?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("are made, listed and revoked one by one on /account; a revoked one opens nothing, the other still does", async () => {
    const person = newAccount();
    const { cookie: sessionCookie } = await registerUser({ ...person, locale: "nl" });
    const cookie = sessionCookie.split(";")[0];
    const make = async (lifetime: string) => {
      const response = await respond(() => account.action(args(formRequest("/account", { intent: "create-token", lifetime }, { cookie }))));
      expect(response.status).toBe(200);
      return ((await response.json()) as { newToken: string }).newToken;
    };
    const first = await make("90");
    const second = await make("none");
    expect(first).toMatch(/^kop_/);

    const page = await respond(() => account.loader(args(new Request(`${origin}/account`, { headers: { Cookie: cookie } }))));
    const { apiTokens } = (await page.json()) as { apiTokens: { id: string; prefix: string; expiresAt: string | null; active: boolean }[] };
    expect(apiTokens).toHaveLength(2);
    // The list never holds a secret: only the first ten characters, to tell tokens apart.
    expect(JSON.stringify(apiTokens)).not.toContain(first);
    const firstRow = apiTokens.find((t) => first.startsWith(t.prefix) && t.expiresAt !== null)!;
    expect(firstRow).toBeDefined();

    const revoked = await respond(() => account.action(args(formRequest("/account", { intent: "revoke-token", tokenId: firstRow.id }, { cookie }))));
    expect(revoked.status).toBe(302);
    expect((await respond(() => me.loader(args(bearer(first))))).status).toBe(401);
    expect((await respond(() => me.loader(args(bearer(second))))).status).toBe(200);

    // Someone else's token is not found, and stays valid.
    const other = await createApiToken((await newUser("retailer")).id);
    const foreign = await respond(() => account.action(args(formRequest("/account", { intent: "revoke-token", tokenId: other.id }, { cookie }))));
    expect(foreign.status).toBe(404);
    expect(await authenticateApiToken(other.token)).not.toBeNull();
  });

  it("refuses an end date the form does not offer", async () => {
    const { cookie } = await registerUser({ ...newAccount(), locale: "nl" });
    const response = await respond(() => account.action(args(formRequest("/account", { intent: "create-token", lifetime: "9999" }, { cookie: cookie.split(";")[0] }))));
    expect(response.status).toBe(400);
  });
});
