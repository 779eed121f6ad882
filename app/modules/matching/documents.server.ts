import { and, count, eq, inArray, sql } from "drizzle-orm";
import { db } from "~db/client";
import { engagements, municipalities, providers, reviews } from "~db/schema";
import { en } from "~/lib/i18n/en";
import { nl } from "~/lib/i18n/nl";
import { distanceKm } from "./geo";
import type { ProviderDocument } from "./search-port";
import { expandQuery } from "./synonyms";

type ServiceCode = keyof typeof nl.services;

/** Service labels in both languages with their synonyms: what a shopkeeper may type for them. */
function termsForServices(services: string[]) {
  const words = new Set<string>();
  for (const code of services) {
    for (const label of [nl.services[code as ServiceCode], en.services[code as ServiceCode], code.replace(/_/g, " ")]) {
      if (!label) continue;
      for (const group of expandQuery(label)) for (const w of group) words.add(w);
    }
  }
  return [...words].join(" ");
}

/**
 * The search documents of the given providers: approved ones as documents, the rest (pending,
 * rejected, suspended, deleted) as ids to remove from the index.
 */
export async function buildProviderDocuments(ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { documents: [], removed: [] };
  const [rows, places, work, ratings] = await Promise.all([
    db.select().from(providers).where(and(inArray(providers.id, unique), eq(providers.status, "approved"))),
    db.select({ nisCode: municipalities.nisCode, latitude: municipalities.latitude, longitude: municipalities.longitude }).from(municipalities),
    db
      .select({
        providerId: engagements.providerId,
        total: count(),
        completed: sql<number>`count(*) filter (where ${engagements.state} = 'completed')::int`,
        active: sql<number>`count(*) filter (where ${engagements.state} not in ('completed', 'cancelled'))::int`,
      })
      .from(engagements)
      .where(inArray(engagements.providerId, unique))
      .groupBy(engagements.providerId),
    db
      .select({ providerId: reviews.providerId, average: sql<number>`avg(${reviews.rating})::float`, n: count() })
      .from(reviews)
      .where(inArray(reviews.providerId, unique))
      .groupBy(reviews.providerId),
  ]);
  const workOf = new Map(work.map((w) => [w.providerId, w]));
  const ratingOf = new Map(ratings.map((r) => [r.providerId, r]));
  const placeOf = new Map(places.map((p) => [p.nisCode, p]));
  const documents: ProviderDocument[] = rows.map((p) => {
    const base = placeOf.get(p.baseNisCode)!;
    const withinRadius = places.filter((m) => distanceKm(base, m) <= p.radiusKm).map((m) => m.nisCode);
    return {
      id: p.id,
      slug: p.slug,
      name: p.companyName,
      bio: p.bio,
      kind: p.kind,
      enterpriseNumber: p.enterpriseNumber,
      services: p.services,
      sectors: p.sectors,
      languages: p.languages,
      servedNisCodes: [...new Set([p.baseNisCode, ...withinRadius, ...p.serviceNisCodes])].sort(),
      baseNisCode: p.baseNisCode,
      latitude: base.latitude,
      longitude: base.longitude,
      foundedOn: p.foundedOn,
      hourlyRateCents: p.hourlyRateCents,
      capacity: p.capacity,
      activeEngagements: workOf.get(p.id)?.active ?? 0,
      ratingAverage: ratingOf.get(p.id)?.average ?? 0,
      ratingCount: ratingOf.get(p.id)?.n ?? 0,
      completedCount: workOf.get(p.id)?.completed ?? 0,
      engagementCount: workOf.get(p.id)?.total ?? 0,
      conflictEnterpriseNumbers: p.conflictEnterpriseNumbers,
      searchTerms: `${p.companyName.toLowerCase()} ${termsForServices(p.services)}`,
    };
  });
  const kept = new Set(documents.map((d) => d.id));
  return { documents, removed: unique.filter((id) => !kept.has(id)) };
}

/** Every approved provider's id, for a full rebuild. */
export async function approvedProviderIds() {
  return (await db.select({ id: providers.id }).from(providers).where(eq(providers.status, "approved"))).map((r) => r.id);
}
