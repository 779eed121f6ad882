import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { db } from "~db/client";
import { businesses, campaignParticipants, engagements, programmes, providers, quickscans } from "~db/schema";
import { belgianDate } from "~/lib/dates";
import { createApiToken } from "~/modules/auth/index.server";
import { createEdition } from "~/modules/campaigns/index.server";
import { EditionSchema } from "~/modules/campaigns/schemas";
import { account, approvedProvider, businessFor, engagementFor } from "./marketplace";

type Session = { id: string; cookie: string; token: string };
const withToken = async (user: { id: string; cookie: string }): Promise<Session> => ({ id: user.id, cookie: user.cookie, token: (await createApiToken(user.id)).token });

/**
 * A small world for route-wide tests: one retailer's business (in Brugge), quickscan, request and
 * engagement (in intake) with one provider; a running campaign edition the business takes part in;
 * a programme. `owners` are the people it belongs to, `others` one user per role with no part in it.
 */
export async function createWorld() {
  const admin = await account("admin");
  const owner = await account("retailer");
  const business = await businessFor(owner.id, { name: "Eigenaarswinkel" });
  const provider = await approvedProvider(admin.id);
  const engagementId = await engagementFor({ adminId: admin.id, retailerId: owner.id, providerUserId: provider.id, businessId: business.id }, "intake");
  const [engagement] = await db.select().from(engagements).where(eq(engagements.id, engagementId));
  const [scan] = await db
    .insert(quickscans)
    .values({ businessId: business.id, overallScore: 50, answers: {}, dimensionScores: {}, recommendedServices: [] })
    .returning({ id: quickscans.id });
  const [slugs] = await db
    .select({ business: businesses.slug, provider: providers.slug })
    .from(businesses)
    .innerJoin(providers, eq(providers.id, provider.providerId))
    .where(eq(businesses.id, business.id));
  const today = belgianDate();
  const edition = await createEdition(admin.id, EditionSchema.parse({ year: today.slice(0, 4), title: "Zomer", startsOn: today, endsOn: today }));
  if (!edition.ok) throw new Error(edition.error);
  await db.insert(campaignParticipants).values({ editionId: edition.id, businessId: business.id, status: "approved", promotionTitle: "Actie", promotionText: "Actie", validFrom: today, validUntil: today });
  const [programme] = await db
    .insert(programmes)
    .values({ name: "P", budgetCents: 100_000, eligibleSectors: ["retail"], opensOn: "2026-01-01", closesOn: "2027-12-31", iban: "BE68539007547034" })
    .returning({ id: programmes.id });
  const adminSession = await withToken(admin);
  return {
    businessId: business.id,
    businessSlug: slugs.business,
    helpRequestId: engagement.helpRequestId,
    engagementId,
    scanId: scan.id,
    providerSlug: slugs.provider,
    editionSlug: `zomer-${today.slice(0, 4)}`,
    programmeId: programme.id,
    owners: {
      retailer: await withToken(owner),
      provider: await withToken(provider),
      municipality: await withToken(await account("municipality", ["31005"])),
      admin: adminSession,
    },
    // Kortrijk's staff: the business is in Brugge.
    others: {
      retailer: await withToken(await account("retailer")),
      provider: await withToken(await approvedProvider(admin.id)),
      municipality: await withToken(await account("municipality", ["34022"])),
      admin: adminSession,
    },
  };
}
export type World = Awaited<ReturnType<typeof createWorld>>;

const routesDir = path.resolve("app/routes");

/** Route ids as Remix names them: a file without its extension, or a folder holding route.tsx. */
export function routeIdsOnDisk() {
  return fs
    .readdirSync(routesDir, { withFileTypes: true })
    .filter((e) => (e.isDirectory() ? fs.existsSync(path.join(routesDir, e.name, "route.tsx")) : /\.(tsx?)$/.test(e.name)))
    .map((e) => (e.isDirectory() ? e.name : e.name.replace(/\.tsx?$/, "")))
    .sort();
}

export type RouteModule = { loader?: (a: unknown) => Promise<unknown>; action?: (a: unknown) => Promise<unknown>; default?: unknown };

export async function loadRoute(id: string): Promise<RouteModule> {
  const folder = path.join(routesDir, id, "route.tsx");
  const file = fs.existsSync(folder) ? folder : [`${id}.tsx`, `${id}.ts`].map((f) => path.join(routesDir, f)).find((f) => fs.existsSync(f))!;
  return import(/* @vite-ignore */ file);
}
