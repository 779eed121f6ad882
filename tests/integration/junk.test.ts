import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db, queryRows } from "~db/client";
import { sql } from "drizzle-orm";
import { args, origin, respond } from "../support/http";
import { createWorld, loadRoute, routeIdsOnDisk, type World } from "../support/world";

/*
 * Generated junk posted to every form action and API endpoint, by the user the route is for, on
 * that user's own records: never a 5xx, and a refusal (4xx) writes nothing. The routes come from
 * app/routes, so a new action without a row here fails the first test.
 */

let world: World;
beforeAll(async () => {
  world = await createWorld();
});

type Actor = "anonymous" | "retailer" | "provider" | "municipality" | "admin";
interface Target {
  as: Actor;
  path: string;
  params?: Record<string, string>;
  /** Form bodies unless said otherwise. */
  body?: "form" | "json" | "csv" | "stripe";
}

function targets(): Record<string, Target | "skip"> {
  const w = world;
  return {
    inloggen: { as: "anonymous", path: "/inloggen" },
    registreren: { as: "anonymous", path: "/registreren" },
    "wachtwoord-vergeten": { as: "anonymous", path: "/wachtwoord-vergeten" },
    "wachtwoord-instellen": { as: "anonymous", path: "/wachtwoord-instellen?token=ongeldig" },
    // Logging out takes no input: nothing to feed it.
    uitloggen: "skip",
    taal: { as: "retailer", path: "/taal" },
    account: { as: "retailer", path: "/account" },
    "ondernemer.zaken.$id": { as: "retailer", path: `/ondernemer/zaken/${w.businessId}`, params: { id: w.businessId } },
    "ondernemer.zaken.$id_.quickscan": { as: "retailer", path: `/ondernemer/zaken/${w.businessId}/quickscan`, params: { id: w.businessId } },
    "ondernemer.hulpvragen.nieuw": { as: "retailer", path: `/ondernemer/hulpvragen/nieuw?zaak=${w.businessId}` },
    "ondernemer.hulpvragen.$id_.bewerken": { as: "retailer", path: `/ondernemer/hulpvragen/${w.helpRequestId}/bewerken`, params: { id: w.helpRequestId } },
    "ondernemer.hulpvragen.$id": { as: "retailer", path: `/ondernemer/hulpvragen/${w.helpRequestId}`, params: { id: w.helpRequestId } },
    "ondernemer.zomer.$businessId.$edition": { as: "retailer", path: `/ondernemer/zomer/${w.businessId}/${w.editionSlug}`, params: { businessId: w.businessId, edition: w.editionSlug } },
    "aanbieder.profiel": { as: "provider", path: "/aanbieder/profiel" },
    "opdrachten.$id": { as: "provider", path: `/opdrachten/${w.helpRequestId}`, params: { id: w.helpRequestId } },
    "trajecten.$id": { as: "retailer", path: `/trajecten/${w.engagementId}`, params: { id: w.engagementId } },
    "gemeente.zomer": { as: "municipality", path: "/gemeente/zomer" },
    "beheer.instellingen": { as: "admin", path: "/beheer/instellingen" },
    "beheer.gebruikers": { as: "admin", path: "/beheer/gebruikers" },
    "beheer.screening": { as: "admin", path: "/beheer/screening" },
    "beheer.import": { as: "admin", path: "/beheer/import" },
    "beheer.programmas": { as: "admin", path: "/beheer/programmas" },
    "beheer.betalingen": { as: "admin", path: "/beheer/betalingen" },
    "beheer.uitbetalingen": { as: "admin", path: "/beheer/uitbetalingen" },
    "beheer.terugbetalingen": { as: "admin", path: "/beheer/terugbetalingen" },
    "beheer.zomer": { as: "admin", path: "/beheer/zomer" },
    "api.v1.match": { as: "retailer", path: "/api/v1/match", body: "json" },
    "api.v1.import.$kind": { as: "admin", path: "/api/v1/import/providers", params: { kind: "providers" }, body: "csv" },
    "api.v1.campaigns.$edition.retailers": { as: "anonymous", path: `/api/v1/campaigns/${w.editionSlug}/retailers`, params: { edition: w.editionSlug } },
    "webhooks.stripe": { as: "anonymous", path: "/webhooks/stripe", body: "stripe" },
  };
}

// Field names the forms use, so junk reaches past "unknown field" into each schema's checks.
const fieldNames = [
  "intent", "refundId", "note", "eventId", "resolution", "email", "password", "newPassword", "confirmPassword", "name", "role", "locale", "redirectTo", "token",
  "title", "description", "services", "budgetBand", "languages", "businessId", "bidId", "participantId", "editionId", "userId", "providerId",
  "promotionTitle", "promotionText", "validFrom", "validUntil", "year", "startsOn", "endsOn", "introduction", "nisCode", "municipalities",
  "advicePrice", "implementationPrice", "startDate", "estimatedHours", "approach", "rating", "body", "text", "action", "reason", "milestoneId",
  "weights.coverage", "weights.exposure", "invitationCount", "maxBids", "vatPercent", "budget", "rate", "cap", "iban", "opensOn", "closesOn",
  "enterpriseNumber", "sector", "postalCode", "companyName", "hourlyRate", "capacity", "noDoubleFunding", "conflictDeclaration", "back",
];
const intents = ["save", "withdraw", "publish", "cancel", "accept", "approve", "reject", "suspend", "decide", "invite", "invite-business", "feature", "remove",
  "deactivate", "reactivate", "transition", "submit", "message", "log", "review", "reply", "approveVoucher", "rejectVoucher", "confirmPayment", "payOnline",
  "change-password", "delete-account"];
/** What people, scanners and broken clients send: control characters, names every object has, malformed dates and numbers. */
const nastyValues = ["", " ", "0", "-1", "1e309", "NaN", "null", "<script>alert(1)</script>", "'; drop table users; --", "2026-02-30", "9999-99-99",
  "00000000-0000-4000-8000-000000000000", "../../etc/passwd", "\u0000", "a\u0000b", "\u0001\u0007\u001b[31m", "\r\n//evil.example", "\u007f", "😀", "%00",
  "__proto__", "constructor", "toString", "hasOwnProperty", "a".repeat(10_000)];
const nasty = fc.constantFrom(...nastyValues);
const value = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }), fc.integer().map(String), fc.constantFrom(...intents));
const junkForm = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...fieldNames, "__proto__", "constructor", "a\u0000b"), fc.string({ maxLength: 12 })), value), { maxLength: 12 });

function bodyFor(kind: Target["body"], junk: [string, string][], raw: string) {
  if (kind === "json") return { type: "application/json", body: raw };
  if (kind === "csv") return { type: "text/csv", body: raw };
  if (kind === "stripe") return { type: "application/json", body: raw };
  return { type: "application/x-www-form-urlencoded", body: new URLSearchParams(junk).toString() };
}

/** Rows per table: a refusal must leave every count as it was (failed logins are counted by design). */
async function tableCounts() {
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('rate_limit_hits') order by 1`,
  );
  const [counts] = await queryRows<Record<string, number>>(db, sql.raw(`select ${tables.map((t) => `(select count(*) from "${t.table_name}")::int as "${t.table_name}"`).join(", ")}`));
  return counts;
}

describe("junk input", () => {
  it("has a target for every route with an action", async () => {
    const withAction: string[] = [];
    for (const id of routeIdsOnDisk()) if ((await loadRoute(id)).action) withAction.push(id);
    expect(Object.keys(targets()).sort()).toEqual(withAction.sort());
  });

  // Thousands of requests in one test: 11–16 s on an idle 2-core machine, past 30 s on a busy one.
  it("never answers 5xx, and a refusal writes nothing", { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    for (const [id, target] of Object.entries(targets())) {
      if (target === "skip") continue;
      const route = await loadRoute(id);
      await fc.assert(
        fc.asyncProperty(junkForm, fc.oneof(fc.json(), fc.string({ maxLength: 200 }), nasty), async (junk, raw) => {
          const { type, body } = bodyFor(target.body, junk, raw);
          const headers = new Headers({ Origin: origin, "Content-Type": type, "X-Forwarded-For": "203.0.113.77" });
          if (target.as !== "anonymous") {
            const session = world.owners[target.as];
            headers.set("Cookie", session.cookie);
            headers.set("Authorization", `Bearer ${session.token}`);
          }
          if (target.body === "stripe") headers.set("Stripe-Signature", `t=1,v1=${raw.slice(0, 20)}`);
          const before = await tableCounts();
          const response = await respond(() => route.action!(args(new Request(`${origin}${target.path}`, { method: "POST", headers, body }), target.params ?? {})));
          if (response.status >= 500) failures.push(`${id}: ${response.status} for ${JSON.stringify(junk).slice(0, 300)} ${raw.slice(0, 100)}`);
          if (response.status >= 400) {
            const after = await tableCounts();
            const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
            if (changed.length) failures.push(`${id}: ${response.status} yet wrote to ${changed.join(", ")}`);
          }
          return true;
        }),
        { numRuns: 20, seed: 20261128 },
      );
    }
    expect(failures).toEqual([]);
  });
});

/**
 * Valid requests, so that a mutation of one field at a time gets past every other check and
 * reaches the code behind it (the parser, the database): the way odd input really arrives.
 */
function validRequests(): { id: string; as: Actor; path: string; params?: Record<string, string>; body: "form" | "json" | "csv"; fields: Record<string, string> }[] {
  const w = world;
  const csvRow = { enterprise_number: "0700.000.104", company_name: "Strandpixels", email: "strandpixels@import.test", kind: "ict", services: "website;webshop", sectors: "retail", base_nis_code: "35013", radius_km: "25", municipalities: "31005", languages: "nl", hourly_rate_eur: "65", capacity: "3", founded_on: "2024-05-01", bio: "Websites voor de kust.", status: "approved" };
  return [
    { id: "inloggen", as: "anonymous", path: "/inloggen", body: "form", fields: { email: "iemand@voorbeeld.be", password: "Een-Wachtwoord-Van-Lengte", redirectTo: "/ondernemer" } },
    { id: "registreren", as: "anonymous", path: "/registreren", body: "form", fields: { name: "Nieuwe Zaak", email: "nieuw@voorbeeld.be", role: "retailer" } },
    { id: "wachtwoord-vergeten", as: "anonymous", path: "/wachtwoord-vergeten", body: "form", fields: { email: "iemand@voorbeeld.be" } },
    { id: "wachtwoord-instellen", as: "anonymous", path: "/wachtwoord-instellen", body: "form", fields: { token: "abc", password: "Een-Wachtwoord-Van-Lengte", confirmPassword: "Een-Wachtwoord-Van-Lengte" } },
    { id: "taal", as: "retailer", path: "/taal", body: "form", fields: { locale: "en", redirectTo: "/over" } },
    { id: "ondernemer.hulpvragen.nieuw", as: "retailer", path: `/ondernemer/hulpvragen/nieuw?zaak=${w.businessId}`, body: "form", fields: { businessId: w.businessId, title: "Een webshop", description: "Graag hulp bij een webshop.", services: "webshop", budgetBand: "1000_2500", languages: "nl" } },
    { id: "trajecten.$id", as: "retailer", path: `/trajecten/${w.engagementId}`, params: { id: w.engagementId }, body: "form", fields: { intent: "message", body: "Wanneer komen jullie langs?" } },
    { id: "beheer.gebruikers", as: "admin", path: "/beheer/gebruikers", body: "form", fields: { intent: "invite", name: "Stad Tielt", email: "tielt@voorbeeld.be", role: "municipality", municipalities: "37022" } },
    { id: "beheer.zomer", as: "admin", path: "/beheer/zomer", body: "form", fields: { year: "2031", title: "Zomer 2031", startsOn: "2031-06-01", endsOn: "2031-09-30", introduction: "Welkom." } },
    { id: "gemeente.zomer", as: "municipality", path: `/gemeente/zomer?editie=${w.editionSlug}`, body: "form", fields: { intent: "invite", email: "winkel@voorbeeld.be", nisCode: "31005" } },
    { id: "api.v1.match", as: "retailer", path: "/api/v1/match", body: "json", fields: { nisCode: "31005", sector: "retail", services: "webshop", text: "webshop" } },
    { id: "api.v1.import.$kind", as: "admin", path: "/api/v1/import/providers", params: { kind: "providers" }, body: "csv", fields: csvRow },
  ];
}

function encode(kind: "form" | "json" | "csv", fields: Record<string, string>) {
  if (kind === "json") return { type: "application/json", body: JSON.stringify({ ...fields, services: [fields.services] }) };
  if (kind === "csv") return { type: "text/csv", body: `${Object.keys(fields).join(",")}\n${Object.values(fields).map((v) => `"${v.replaceAll('"', '""')}"`).join(",")}` };
  return { type: "application/x-www-form-urlencoded", body: new URLSearchParams(fields).toString() };
}

describe("valid requests with one field made odd", () => {
  // Thousands of requests in one test: 11–16 s on an idle 2-core machine, past 30 s on a busy one.
  it("never answer 5xx, and a refusal writes nothing", { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    for (const request of validRequests()) {
      const route = await loadRoute(request.id);
      for (const field of Object.keys(request.fields)) {
        for (const odd of nastyValues) {
          const { type, body } = encode(request.body, { ...request.fields, [field]: odd });
          const headers = new Headers({ Origin: origin, "Content-Type": type, "X-Forwarded-For": "203.0.113.78" });
          if (request.as !== "anonymous") {
            headers.set("Cookie", world.owners[request.as].cookie);
            headers.set("Authorization", `Bearer ${world.owners[request.as].token}`);
          }
          const before = await tableCounts();
          const response = await respond(() => route.action!(args(new Request(`${origin}${request.path}`, { method: "POST", headers, body }), request.params ?? {})));
          const label = `${request.id}: ${field}=${JSON.stringify(odd.slice(0, 30))}`;
          if (response.status >= 500) failures.push(`${label} answered ${response.status}`);
          if (response.status >= 400) {
            const after = await tableCounts();
            const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
            if (changed.length) failures.push(`${label}: ${response.status} yet wrote to ${changed.join(", ")}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
