/** Profiles' door: businesses, quickscans, provider profiles and their vetting. */
import { count, countDistinct, eq } from "drizzle-orm";
import { db } from "~db/client";
import { businesses, providers } from "~db/schema";

export { getBusinessFormOptions, getBusinessProgress, getOwnBusiness, getPublicBusiness, listBusinessesOfOwner, saveBusiness } from "./businesses.server";
export { confirmIbanChange, decideProvider, getProviderOfUser, getPublicProvider, listProvidersForVetting, saveProviderProfile } from "./providers.server";
export { importBusinesses, importProviders, type ImportError, type ImportResult } from "./import.server";
export { getOwnQuickscan, saveQuickscan } from "./quickscans.server";

/** Public figures for the home page. */
export async function getPlatformFigures() {
  const [[b], [p], [m]] = await Promise.all([
    db.select({ n: count() }).from(businesses),
    db.select({ n: count() }).from(providers).where(eq(providers.status, "approved")),
    // Municipalities where a business on Koppel is, not the 62 of the reference list.
    db.select({ n: countDistinct(businesses.nisCode) }).from(businesses),
  ]);
  return { businesses: b.n, providers: p.n, municipalities: m.n };
}

/** The public profile pages for sitemap.xml: approved providers and every business page. */
export async function listPublicProfilePaths() {
  const [providerRows, businessRows] = await Promise.all([
    db.select({ slug: providers.slug, updatedAt: providers.updatedAt }).from(providers).where(eq(providers.status, "approved")),
    db.select({ slug: businesses.slug, updatedAt: businesses.updatedAt }).from(businesses),
  ]);
  return [
    ...providerRows.map((r) => ({ path: `/aanbieders/${r.slug}`, updatedAt: r.updatedAt })),
    ...businessRows.map((r) => ({ path: `/zaken/${r.slug}`, updatedAt: r.updatedAt })),
  ];
}

import { currentSettings } from "~/modules/settings/index.server";
import { isStarter } from "./taxonomy";

/** Whether a provider founded on `foundedOn` counts as a starter today, by the age limit in force. */
export function isStarterToday(foundedOn: string) {
  return isStarter(foundedOn, new Date(), currentSettings().starterMaxAgeYears);
}
