import type { ProviderDocument } from "~/modules/matching/search-port";

/** A search document with sensible defaults; each test spoils what it is about. */
export function providerDocument(overrides: Partial<ProviderDocument> & { id: string }): ProviderDocument {
  return {
    slug: overrides.id,
    name: `Aanbieder ${overrides.id}`,
    bio: "",
    kind: "ict",
    enterpriseNumber: "0123456749",
    services: ["website"],
    sectors: ["retail"],
    languages: ["nl"],
    servedNisCodes: ["31005"],
    baseNisCode: "31005",
    latitude: 51.2147,
    longitude: 3.2074,
    foundedOn: "2015-01-01",
    hourlyRateCents: 6000,
    capacity: 3,
    activeEngagements: 0,
    ratingAverage: 0,
    ratingCount: 0,
    completedCount: 0,
    engagementCount: 0,
    conflictEnterpriseNumbers: [],
    searchTerms: "website webstek site",
    ...overrides,
  };
}

/**
 * A small, varied index: the conformance suite's world. The documents carry their own words only,
 * never the synonyms a query may use: finding "webwinkel" or "reservatiesysteem" must take the
 * engine's synonym expansion, or the synonym tests prove nothing.
 */
export const conformanceDocuments: ProviderDocument[] = [
  providerDocument({ id: "shop-brugge", name: "Reiewinkels", services: ["webshop", "website"], searchTerms: "reiewinkels webshop website", baseNisCode: "31005", servedNisCodes: ["31005", "31006"], ratingAverage: 4.5, ratingCount: 10 }),
  providerDocument({ id: "shop-kortrijk", name: "Leiekassa", services: ["webshop", "pos_integration"], searchTerms: "leiekassa webshop kassa pos", baseNisCode: "34022", servedNisCodes: ["34022", "34027"], latitude: 50.8279, longitude: 3.2649, languages: ["nl", "fr"], ratingAverage: 3.9, ratingCount: 4 }),
  providerDocument({ id: "social-oostende", name: "Golfslag", kind: "marketing", services: ["social_media", "content_photo_video"], sectors: ["tourism", "hospitality"], searchTerms: "golfslag instagram facebook foto video", baseNisCode: "35013", servedNisCodes: ["35013", "31005"], latitude: 51.2303, longitude: 2.9203, foundedOn: "2024-05-01" }),
  providerDocument({ id: "booking-ieper", name: "Westhoek Boekingen", services: ["online_booking", "website"], sectors: ["tourism"], searchTerms: "westhoek boekingen boekingssysteem website", baseNisCode: "33011", servedNisCodes: ["33011"], latitude: 50.8518, longitude: 2.8915, languages: ["nl", "en"], foundedOn: "2023-02-01" }),
  providerDocument({ id: "full-brugge", name: "Volzet Web", services: ["website"], capacity: 2, activeEngagements: 2, searchTerms: "volzet web website" }),
  providerDocument({ id: "conflict-brugge", name: "Schoonbroer Digitaal", services: ["website", "webshop"], conflictEnterpriseNumbers: ["0700000104"], searchTerms: "schoonbroer digitaal website webshop" }),
];
