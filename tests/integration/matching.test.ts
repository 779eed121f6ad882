import { eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { outbox, providers, users } from "~db/schema";
import { createApiToken } from "~/modules/auth/index.server";
import { builtinSearch, rankProviders, useSearchEngine, type ProviderSearchPort } from "~/modules/matching/index.server";
import { drainOutbox, pendingOutboxCount } from "~/modules/notifications/index.server";
import { allOutboxHandlers } from "~/modules/platform/index.server";
import { decideProvider, saveBusiness, saveProviderProfile } from "~/modules/profiles/index.server";
import { BusinessSchema, ProviderSchema } from "~/modules/profiles/schemas";
import * as matchApi from "~/routes/api.v1.match";
import * as directoryApi from "~/routes/api.v1.providers";
import { newAccount, newEnterpriseNumber } from "../support/factories";
import { args, getRequest, origin, respond } from "../support/http";
import { registerUser } from "../support/accounts";
import { drainEverything } from "../support/outbox";

let adminId = "";
let token = "";
let retailerId = "";
let businessId = "";
let businessKbo = "";
const providerIds: Record<string, string> = {};

async function makeProvider(key: string, profile: Record<string, unknown>, approve = true) {
  const registered = await registerUser({ ...newAccount({ role: "provider" }), locale: "nl" });
  if (!registered.ok) throw new Error("setup");
  const input = ProviderSchema.parse({
    companyName: `Matcher ${key}`,
    enterpriseNumber: newEnterpriseNumber(),
    foundedOn: "2024-01-01",
    kind: "ict",
    services: ["website"],
    sectors: ["retail"],
    baseNisCode: "31005",
    radiusKm: "15",
    languages: ["nl"],
    hourlyRate: "60",
    capacity: "3",
    conflictDeclaration: "on",
    billingMandate: "on",
    ...profile,
  });
  const saved = await saveProviderProfile(registered.user.id, input);
  if (!saved.ok) throw new Error(JSON.stringify(saved.fieldErrors));
  const [row] = await db.select({ id: providers.id }).from(providers).where(eq(providers.userId, registered.user.id));
  providerIds[key] = row.id;
  if (approve) await decideProvider(adminId, { providerId: row.id, action: "approve" });
  return row.id;
}

beforeAll(async () => {
  const admin = await registerUser({ ...newAccount(), locale: "nl" });
  const retailer = await registerUser({ ...newAccount(), locale: "nl" });
  if (!admin.ok || !retailer.ok) throw new Error("setup");
  adminId = admin.user.id;
  retailerId = retailer.user.id;
  await db.update(users).set({ role: "admin" }).where(eq(users.id, adminId));
  token = (await createApiToken(retailerId)).token;
  businessKbo = newEnterpriseNumber();
  const saved = await saveBusiness(retailerId, BusinessSchema.parse({ name: "Winkel Sint-Kruis", enterpriseNumber: businessKbo, sector: "retail", nisCode: "31005", postalCode: "8310", languages: ["nl"] }));
  if (!saved.ok) throw new Error("setup");
  businessId = saved.id;

  await makeProvider("near", { services: ["website", "webshop"], bio: "Webshops voor Brugse winkels." });
  await makeProvider("starter", { services: ["website"], foundedOn: "2025-06-01" });
  await makeProvider("far", { services: ["website", "webshop"], baseNisCode: "33011", radiusKm: "10" }); // Ieper: not serving Brugge
  await makeProvider("pending", { services: ["website", "webshop"] }, false);
  await makeProvider("french", { services: ["webshop"], languages: ["fr"] });
  await makeProvider("conflicted", { services: ["website", "webshop"], conflictEnterpriseNumbers: businessKbo });
  await makeProvider("listed", { services: ["webshop"], baseNisCode: "34022", radiusKm: "0", serviceNisCodes: ["31005"] }); // Kortrijk, lists Brugge
  await drainEverything(allOutboxHandlers);
});

describe("rankProviders", () => {
  it("returns only approved providers who serve the business, offer a needed service, speak its language and have no conflict", async () => {
    const results = await rankProviders({ business: { id: businessId, ownerId: retailerId }, services: ["website", "webshop"], languages: ["nl"] });
    const found = new Set(results!.map((r) => r.providerId));
    expect(found).toEqual(new Set([providerIds.near, providerIds.starter, providerIds.listed]));
  });

  it("orders by score, each with its factors adding up to it and a reason in words", async () => {
    const results = (await rankProviders({ business: { id: businessId, ownerId: retailerId }, services: ["website", "webshop"], text: "webshop", budgetCents: 150_000 }))!;
    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((a, b) => b - a));
    expect(results[0].providerId).toBe(providerIds.near); // both services, closest, and its words match
    for (const r of results) {
      const sum = Object.values(r.factors).reduce((s, v) => s + Math.round(v * 100), 0);
      expect(sum).toBe(Math.round(r.score * 100));
      expect(r.reasons[0].key).toBeTruthy();
    }
  });

  it("is not fooled by an index that has not caught up with a suspension yet", async () => {
    await decideProvider(adminId, { providerId: providerIds.starter, action: "suspend", reason: "Tijdelijk geschorst voor de test." });
    // The index event is queued but not yet applied: the index still lists the provider.
    expect(await builtinSearch.ids()).toContain(providerIds.starter);
    const results = await rankProviders({ business: { id: businessId, ownerId: retailerId }, services: ["website"] });
    expect(results!.map((r) => r.providerId)).not.toContain(providerIds.starter);
    await drainOutbox(allOutboxHandlers);
    expect(await builtinSearch.ids()).not.toContain(providerIds.starter);
    await decideProvider(adminId, { providerId: providerIds.starter, action: "approve" });
    await drainOutbox(allOutboxHandlers);
  });

  it("does not rank for someone else's business", async () => {
    expect(await rankProviders({ business: { id: businessId, ownerId: adminId }, services: ["website"] })).toBeNull();
  });
});

describe("the index stays in step through an outage", () => {
  it("queues updates while the engine fails, then catches up so the index equals the database", async () => {
    let down = true;
    const flaky: ProviderSearchPort = {
      ...builtinSearch,
      upsert: (docs) => (down ? Promise.reject(new Error("search engine unreachable")) : builtinSearch.upsert(docs)),
      remove: (ids) => (down ? Promise.reject(new Error("search engine unreachable")) : builtinSearch.remove(ids)),
    };
    useSearchEngine(flaky);
    try {
      const id = await makeProvider("during-outage", { services: ["analytics"] });
      await decideProvider(adminId, { providerId: providerIds.pending, action: "approve" });
      expect(await drainOutbox(allOutboxHandlers)).toMatchObject({ failed: 3 }); // submit, approve, approve
      expect(await builtinSearch.ids()).not.toContain(id);
      expect(await pendingOutboxCount()).toBe(3);

      down = false;
      await db.update(outbox).set({ runAfter: sql`now()` }).where(isNull(outbox.doneAt));
      await drainOutbox(allOutboxHandlers);
      expect(await pendingOutboxCount()).toBe(0);
      const approved = (await db.select({ id: providers.id }).from(providers).where(eq(providers.status, "approved"))).map((r) => r.id);
      expect((await builtinSearch.ids()).sort()).toEqual(approved.sort());
    } finally {
      useSearchEngine(undefined);
    }
  });
});

describe("GET /api/v1/providers", () => {
  const call = (query: string, auth = `Bearer ${token}`) =>
    respond(() => directoryApi.loader(args(getRequest(`/api/v1/providers${query}`, { headers: auth ? { Authorization: auth } : {} }))));

  it("answers hits, facets and a total for any valid token", async () => {
    const response = await call("?q=webshp&municipality=31005");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.total).toBe(body.hits.length);
    expect(body.hits.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining([providerIds.near, providerIds.listed]));
    expect(body.hits.map((h: { id: string }) => h.id)).not.toContain(providerIds.far);
    expect(body.facets.service.webshop).toBeGreaterThanOrEqual(2);
  });

  it("refuses bad parameters with Dutch messages, and a missing token", async () => {
    const bad = await call("?service=blockchain&page=0&municipality=9000");
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.fields).toMatchObject({ "service.0": "Kies een van de mogelijkheden.", page: "Vul een geheel getal in.", municipality: "Kies een gemeente uit de lijst." });
    expect((await call("", "")).status).toBe(401);
  });

  it("never lists a provider who is not approved", async () => {
    // One that would match "matcher", still waiting for vetting, its index event applied.
    const waiting = await makeProvider("waiting", { services: ["website", "webshop"] }, false);
    await drainEverything(allOutboxHandlers);
    const body = await (await call("?q=matcher")).json();
    const listed = new Set(body.hits.map((h: { id: string }) => h.id));
    expect(listed.has(waiting)).toBe(false);
    expect(listed.has(providerIds.conflicted)).toBe(true); // a conflict only hides a provider from that business
  });
});

describe("POST /api/v1/match", () => {
  const post = (body: unknown, auth = `Bearer ${token}`) =>
    respond(() =>
      matchApi.action(args(new Request(`${origin}/api/v1/match`, { method: "POST", headers: { Authorization: auth, "Content-Type": "application/json" }, body: JSON.stringify(body) }))),
    );

  it("ranks providers for a place and a sector, with enterprise numbers and factors", async () => {
    const response = await post({ nisCode: "31005", sector: "retail", services: ["webshop"], languages: ["nl"], text: "webwinkel", budgetCents: 120000, limit: 5 });
    expect(response.status).toBe(200);
    const { results } = await response.json();
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]).toEqual({ providerId: expect.any(String), enterpriseNumber: expect.stringMatching(/^\d{10}$/), name: expect.any(String), score: expect.any(Number), factors: expect.objectContaining({ coverage: expect.any(Number), exposure: 0 }) });
    expect(results.map((r: { providerId: string }) => r.providerId)).not.toContain(providerIds.far);
  });

  it("refuses a limit above 50, unknown services and bad JSON with 400", async () => {
    expect((await post({ nisCode: "31005", sector: "retail", services: ["webshop"], limit: 51 })).status).toBe(400);
    expect((await post({ nisCode: "31005", sector: "retail", services: ["magic"] })).status).toBe(400);
    const broken = await respond(() =>
      matchApi.action(args(new Request(`${origin}/api/v1/match`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: "{not json" }))),
    );
    expect(broken.status).toBe(400);
    expect((await post({ nisCode: "31005", sector: "retail", services: ["webshop"] }, "Bearer nope")).status).toBe(401);
  });
});
