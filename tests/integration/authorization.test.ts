import { beforeAll, describe, expect, it } from "vitest";
import { args, origin, respond } from "../support/http";
import { createWorld, loadRoute, routeIdsOnDisk, type World } from "../support/world";

/*
 * Who may do what, for every route: each route module × GET (its loader) and POST (its action) ×
 * each role, against resources that belong to someone else. The list of routes is read from
 * app/routes, so a route added without a row here fails the first test.
 *
 * Statuses: 302 to the login page for a visitor on a signed-in page; 401 for an API call without
 * a valid token; 403 for a role the page is not for; 404 for a record the user may not see (never
 * a 403 that confirms it exists); 405 where a route has no such method. A POST carries an empty
 * form, so a role that gets past the guard meets the validation: 400 (or 302 where an empty form is
 * a valid request, like logging out).
 */

const missingId = "00000000-0000-4000-8000-000000000000";
const roles = ["anonymous", "retailer", "provider", "municipality", "admin"] as const;
type Role = (typeof roles)[number];
type Statuses = Record<Role, number>;
const each = (anonymous: number, retailer: number, provider: number, municipality: number, admin: number): Statuses => ({ anonymous, retailer, provider, municipality, admin });
const all = (status: number) => each(status, status, status, status, status);
/** A signed-in page for one role: visitors go to the login page, other roles get a 403. */
const onlyFor = (role: Exclude<Role, "anonymous">, status = 200): Statuses => ({ ...each(302, 403, 403, 403, 403), [role]: status });
/** An API endpoint: 401 without a token, then by role. */
const api = (retailer: number, provider: number, municipality: number, admin: number) => each(401, retailer, provider, municipality, admin);

interface Row {
  path: string;
  params?: Record<string, string>;
  get?: Statuses;
  post?: Statuses;
}

function matrix(): Record<string, Row> {
  const w = world;
  const missing = "00000000-0000-4000-8000-000000000000";
  return {
    $: { path: "/bestaat-niet", params: { "*": "bestaat-niet" }, get: all(404), post: all(405) },
    _index: { path: "/", get: all(200) },
    over: { path: "/over", get: all(200) },
    privacy: { path: "/privacy", get: all(200) },
    healthz: { path: "/healthz", get: all(200) },
    "robots[.]txt": { path: "/robots.txt", get: all(200) },
    "sitemap[.]xml": { path: "/sitemap.xml", get: all(200) },
    inloggen: { path: "/inloggen", get: each(200, 302, 302, 302, 302), post: each(400, 302, 302, 302, 302) },
    registreren: { path: "/registreren", get: each(200, 302, 302, 302, 302), post: each(400, 302, 302, 302, 302) },
    "wachtwoord-vergeten": { path: "/wachtwoord-vergeten", get: each(200, 302, 302, 302, 302), post: each(400, 302, 302, 302, 302) },
    "wachtwoord-instellen": { path: "/wachtwoord-instellen?token=ongeldig", get: all(200), post: all(400) },
    uitloggen: { path: "/uitloggen", get: all(302), post: all(302) },
    taal: { path: "/taal", get: all(302), post: all(400) },
    account: { path: "/account", get: each(302, 200, 200, 200, 200), post: each(302, 400, 400, 400, 400) },
    "account.gegevens": { path: "/account/gegevens", get: each(302, 200, 200, 200, 200) },
    meldingen: { path: "/meldingen", get: each(302, 200, 200, 200, 200) },

    "aanbieders._index": { path: "/aanbieders", get: all(200) },
    "aanbieders.$slug": { path: `/aanbieders/${w.providerSlug}`, params: { slug: w.providerSlug }, get: all(200) },
    "zaken.$slug": { path: `/zaken/${w.businessSlug}`, params: { slug: w.businessSlug }, get: all(200) },

    "ondernemer._index": { path: "/ondernemer", get: onlyFor("retailer") },
    "ondernemer.zaken.$id": { path: `/ondernemer/zaken/${w.businessId}`, params: { id: w.businessId }, get: onlyFor("retailer", 404), post: onlyFor("retailer", 404) },
    "ondernemer.zaken.$id_.quickscan": { path: `/ondernemer/zaken/${w.businessId}/quickscan`, params: { id: w.businessId }, get: onlyFor("retailer", 404), post: onlyFor("retailer", 404) },
    "ondernemer.quickscans.$scanId": { path: `/ondernemer/quickscans/${w.scanId}`, params: { scanId: w.scanId }, get: onlyFor("retailer", 404) },
    "ondernemer.hulpvragen._index": { path: "/ondernemer/hulpvragen", get: onlyFor("retailer") },
    "ondernemer.hulpvragen.nieuw": { path: `/ondernemer/hulpvragen/nieuw?zaak=${w.businessId}`, get: onlyFor("retailer", 404), post: onlyFor("retailer", 400) },
    "ondernemer.hulpvragen.$id": { path: `/ondernemer/hulpvragen/${w.helpRequestId}`, params: { id: w.helpRequestId }, get: onlyFor("retailer", 404), post: onlyFor("retailer", 404) },
    "ondernemer.hulpvragen.$id_.bewerken": { path: `/ondernemer/hulpvragen/${w.helpRequestId}/bewerken`, params: { id: w.helpRequestId }, get: onlyFor("retailer", 404), post: onlyFor("retailer", 404) },
    "ondernemer.zomer._index": { path: "/ondernemer/zomer", get: onlyFor("retailer") },
    "ondernemer.zomer.$businessId.$edition": {
      path: `/ondernemer/zomer/${w.businessId}/${w.editionSlug}`,
      params: { businessId: w.businessId, edition: w.editionSlug },
      get: onlyFor("retailer", 404),
      post: onlyFor("retailer", 404),
    },

    "aanbieder._index": { path: "/aanbieder", get: onlyFor("provider") },
    "aanbieder.verdiensten": { path: "/aanbieder/verdiensten", get: onlyFor("provider") },
    "aanbieder.profiel": { path: "/aanbieder/profiel", get: onlyFor("provider"), post: onlyFor("provider", 400) },
    "opdrachten._index": { path: "/opdrachten", get: onlyFor("provider") },
    "opdrachten.$id": { path: `/opdrachten/${w.helpRequestId}`, params: { id: w.helpRequestId }, get: onlyFor("provider", 404), post: onlyFor("provider", 404) },
    "trajecten._index": { path: "/trajecten", get: each(302, 200, 200, 403, 200) },
    "trajecten.$id": { path: `/trajecten/${w.engagementId}`, params: { id: w.engagementId }, get: each(302, 404, 404, 403, 200), post: each(302, 404, 404, 403, 400) },
    // An invoice that does not exist is not found by anyone; its parties' access is tested in invoices.test.ts.
    "beheer.vouchers.$id.dossier[.]zip": { path: `/beheer/vouchers/${missingId}/dossier.zip`, params: { id: missingId }, get: onlyFor("admin", 404) },
    "aanbieder.facturen[.]csv": { path: "/aanbieder/facturen.csv", get: onlyFor("provider") },
    "facturen.$id": { path: `/facturen/${missingId}`, params: { id: missingId }, get: each(302, 404, 404, 403, 404) },
    "facturen.$id[.]xml": { path: `/facturen/${missingId}.xml`, params: { id: missingId }, get: each(302, 404, 404, 403, 404) },
    // A decision letter: the retailer's and the office's; this engagement has no voucher decided (404).
    "trajecten.$id_.beslissing": { path: `/trajecten/${w.engagementId}/beslissing`, params: { id: w.engagementId }, get: each(302, 404, 403, 403, 404) },

    "gemeente._index": { path: "/gemeente", get: onlyFor("municipality") },
    "gemeente.zomer": { path: "/gemeente/zomer", get: onlyFor("municipality"), post: onlyFor("municipality", 400) },
    "gemeente.zomer_.deelnemers[.]csv": { path: `/gemeente/zomer/deelnemers.csv?editie=${w.editionSlug}`, get: onlyFor("municipality") },

    "beheer._index": { path: "/beheer", get: onlyFor("admin") },
    "beheer.audit": { path: "/beheer/audit", get: onlyFor("admin") },
    "beheer.instellingen": { path: "/beheer/instellingen", get: onlyFor("admin"), post: onlyFor("admin", 400) },
    "beheer.gebruikers": { path: "/beheer/gebruikers", get: onlyFor("admin"), post: onlyFor("admin", 400) },
    "beheer.screening": { path: "/beheer/screening", get: onlyFor("admin"), post: onlyFor("admin", 400) },
    "beheer.import": { path: "/beheer/import", get: onlyFor("admin"), post: onlyFor("admin", 400) },
    "beheer.programmas": { path: "/beheer/programmas", get: onlyFor("admin"), post: onlyFor("admin", 400) },
    "beheer.programmas_.$id.rapport": { path: `/beheer/programmas/${w.programmeId}/rapport`, params: { id: w.programmeId }, get: onlyFor("admin") },
    "beheer.vouchers": { path: "/beheer/vouchers?verbonden=1", get: onlyFor("admin") },
    "beheer.betalingen": { path: "/beheer/betalingen", get: onlyFor("admin"), post: onlyFor("admin", 400) },
    // An empty form asks for a batch of everything payable; there is nothing to pay yet.
    "beheer.uitbetalingen": { path: "/beheer/uitbetalingen", get: onlyFor("admin"), post: onlyFor("admin", 409) },
    "beheer.uitbetalingen.$batchId.$format": { path: `/beheer/uitbetalingen/${missing}/csv`, params: { batchId: missing, format: "csv" }, get: onlyFor("admin", 404) },
    // An empty form is neither a SEPA file nor a refund marked done.
    "beheer.terugbetalingen": { path: "/beheer/terugbetalingen", get: onlyFor("admin"), post: onlyFor("admin", 400) },
    "beheer.terugbetalingen.$batchId[.]xml": { path: `/beheer/terugbetalingen/${missing}.xml`, params: { batchId: missing }, get: onlyFor("admin", 404) },
    "beheer.export.$kind[.]csv": { path: "/beheer/export/businesses.csv", params: { kind: "businesses" }, get: onlyFor("admin") },
    "beheer.zomer": { path: "/beheer/zomer", get: onlyFor("admin"), post: onlyFor("admin", 400) },

    "zomer._index": { path: "/zomer", get: all(200) },
    "zomer.$municipality._index": { path: "/zomer/brugge", params: { municipality: "brugge" }, get: all(200) },
    "zomer.$municipality.$business._index": { path: `/zomer/brugge/${w.businessSlug}`, params: { municipality: "brugge", business: w.businessSlug }, get: all(200) },
    "zomer.$municipality.$business.affiche": { path: `/zomer/brugge/${w.businessSlug}/affiche`, params: { municipality: "brugge", business: w.businessSlug }, get: all(200) },
    "embed.zomer.$municipality": { path: "/embed/zomer/brugge", params: { municipality: "brugge" }, get: all(200) },
    "uploads.$key": { path: `/uploads/${missing}.webp`, params: { key: `${missing}.webp` }, get: all(404) },
    // The mail sink holds every password link: the office only.
    "dev.mail._index": { path: "/dev/mail", get: onlyFor("admin") },
    "dev.mail.$id": { path: "/dev/mail/bestaat-niet", params: { id: "bestaat-niet" }, get: onlyFor("admin", 404) },

    "api.v1.me": { path: "/api/v1/me", get: api(200, 200, 200, 200) },
    "api.v1.providers": { path: "/api/v1/providers", get: api(200, 200, 200, 200) },
    "api.v1.match": { path: "/api/v1/match", get: all(405), post: api(400, 400, 400, 400) },
    "api.v1.import.$kind": { path: "/api/v1/import/providers", params: { kind: "providers" }, get: all(405), post: api(403, 403, 403, 415) },
    "api.v1.programmes.$id.budget": { path: `/api/v1/programmes/${w.programmeId}/budget`, params: { id: w.programmeId }, get: api(403, 403, 403, 200) },
    "api.v1.campaigns.$edition.retailers": { path: `/api/v1/campaigns/${w.editionSlug}/retailers`, params: { edition: w.editionSlug }, get: all(200), post: all(405) },
    // Stripe's calls carry a signature, not a session: without one, a 400 for everyone.
    "webhooks.stripe": { path: "/webhooks/stripe", get: all(405), post: all(400) },
  };
}

function request(row: Row, method: "GET" | "POST", role: Role) {
  const headers = new Headers({ Origin: origin, "X-Forwarded-For": "203.0.113.9" });
  if (role !== "anonymous") {
    headers.set("Cookie", sessions[role].cookie);
    headers.set("Authorization", `Bearer ${sessions[role].token}`);
  }
  if (method === "POST") headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(`${origin}${row.path}`, { method, headers, body: method === "POST" ? "" : undefined });
}

/** Remix answers a method a route does not handle with 405; the route module simply lacks the export. */
async function statusOf(id: string, row: Row, method: "GET" | "POST", role: Role) {
  const route = await loadRoute(id);
  const fn = method === "GET" ? route.loader : route.action;
  // A page without a loader still renders (200); without an action, Remix answers 405.
  if (!fn) return method === "GET" && "default" in route ? 200 : 405;
  const response = await respond(() => fn(args(request(row, method, role), row.params ?? {})));
  return response.status;
}

let world: World;
const sessions = {} as Record<Exclude<Role, "anonymous">, { cookie: string; token: string }>;

beforeAll(async () => {
  world = await createWorld();
  Object.assign(sessions, world.others);
});

describe("authorization matrix", () => {
  it("has a row for every route in app/routes, and none for a route that is gone", () => {
    expect(Object.keys(matrix()).sort()).toEqual(routeIdsOnDisk());
  });

  it("answers every route × method × role with the expected status", async () => {
    const rows = matrix();
    const mismatches: string[] = [];
    // Logging out ends the session it is sent with, so it goes last.
    const order = Object.keys(rows).sort((a, b) => Number(a === "uitloggen") - Number(b === "uitloggen"));
    for (const id of order) {
      const row = rows[id];
      const route = await loadRoute(id);
      for (const method of ["GET", "POST"] as const) {
        const expected = method === "GET" ? row.get : row.post;
        const exported = method === "GET" ? route.loader ?? route.default : route.action;
        if (!expected) {
          if (exported) mismatches.push(`${id} ${method}: the route handles it but the matrix has no expectation`);
          continue;
        }
        for (const role of roles) {
          const status = await statusOf(id, row, method, role);
          if (status !== expected[role]) mismatches.push(`${id} ${method} as ${role}: ${status}, expected ${expected[role]}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("lets the owners of the records in, where the others got a 404", async () => {
    const w = world;
    // Route → the owner who may see it, and what they get: the same rows as above, from the other side.
    const owned: Record<string, [Exclude<Role, "anonymous">, number][]> = {
      "ondernemer.zaken.$id": [["retailer", 200]],
      "ondernemer.zaken.$id_.quickscan": [["retailer", 200]],
      "ondernemer.quickscans.$scanId": [["retailer", 200]],
      "ondernemer.hulpvragen.nieuw": [["retailer", 200]],
      "ondernemer.hulpvragen.$id": [["retailer", 200]],
      // The world's request was awarded long ago: its owner is sent back to it, not given the form.
      "ondernemer.hulpvragen.$id_.bewerken": [["retailer", 302]],
      "ondernemer.zomer.$businessId.$edition": [["retailer", 200]],
      "opdrachten.$id": [["provider", 200]],
      "trajecten.$id": [["retailer", 200], ["provider", 200]],
    };
    const rows = matrix();
    const mismatches: string[] = [];
    for (const [id, expectations] of Object.entries(owned)) {
      for (const [role, expected] of expectations) {
        Object.assign(sessions, { [role]: w.owners[role] });
        const status = await statusOf(id, rows[id], "GET", role);
        if (status !== expected) mismatches.push(`${id} GET as its ${role}: ${status}, expected ${expected}`);
      }
    }
    Object.assign(sessions, w.others);
    expect(mismatches).toEqual([]);
  });

  it("shows each municipality's staff their own participants only, in the page and the export", async () => {
    const w = world;
    const csvAs = async (staff: { cookie: string; token: string }) => {
      Object.assign(sessions, { municipality: staff });
      const row = matrix()["gemeente.zomer_.deelnemers[.]csv"];
      const route = await loadRoute("gemeente.zomer_.deelnemers[.]csv");
      const response = await respond(() => route.loader!(args(request(row, "GET", "municipality"))));
      return response.text();
    };
    expect(await csvAs(w.owners.municipality)).toContain("Eigenaarswinkel");
    expect(await csvAs(w.others.municipality)).not.toContain("Eigenaarswinkel");
    Object.assign(sessions, w.others);
  });
});
