import type { DigitalPresence, OpeningHours } from "~db/schema";
import { weekdays } from "./taxonomy";

const schemaOrgDay: Record<(typeof weekdays)[number], string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

export interface PublicBusinessFacts {
  name: string;
  description: string;
  street: string;
  postalCode: string;
  municipality: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: OpeningHours;
  digitalPresence: DigitalPresence;
}

/** The links a business lists publicly (website, webshop, social media), in the taxonomy's order. */
export function publicLinks(presence: DigitalPresence) {
  return Object.entries(presence).flatMap(([channel, p]) => (p?.url ? [{ channel, url: p.url }] : []));
}

/** schema.org LocalBusiness for a business page or a campaign promotion page. */
export function localBusinessJsonLd(business: PublicBusinessFacts, url: string, extra: Record<string, unknown> = {}) {
  return {
    "@context": "https://schema.org",
    "@type": "LocalBusiness",
    name: business.name,
    url,
    description: business.description,
    address: {
      "@type": "PostalAddress",
      streetAddress: business.street,
      postalCode: business.postalCode,
      addressLocality: business.municipality,
      addressCountry: "BE",
    },
    ...(business.latitude != null ? { geo: { "@type": "GeoCoordinates", latitude: business.latitude, longitude: business.longitude } } : {}),
    openingHoursSpecification: weekdays.flatMap((day) =>
      (business.openingHours[day] ?? []).map((r) => ({ "@type": "OpeningHoursSpecification", dayOfWeek: schemaOrgDay[day], opens: r.open, closes: r.close })),
    ),
    sameAs: publicLinks(business.digitalPresence).map((l) => l.url),
    ...extra,
  };
}
