import { z } from "zod";
import { publicLinks } from "~/modules/profiles/schema-org";
import type { DigitalPresence, OpeningHours } from "~db/schema";
import { sectorCodes } from "~/modules/profiles/taxonomy";

/*
 * The public JSON feed municipal websites read (GET /api/v1/campaigns/<edition>/retailers). Its
 * shape is this schema: the API's tests validate every response against it, and docs/api.md
 * describes the same fields. Add fields; never rename or drop one.
 */
const hoursSchema = z.array(z.object({ open: z.string().regex(/^\d{2}:\d{2}$/), close: z.string().regex(/^\d{2}:\d{2}$/) }));

export const CampaignFeedSchema = z
  .object({
    edition: z.object({ slug: z.string(), title: z.string(), startsOn: z.string().date(), endsOn: z.string().date() }).strict(),
    municipality: z.object({ nisCode: z.string().regex(/^3\d{4}$/), name: z.string() }).strict().nullable(),
    retailers: z.array(
      z
        .object({
          name: z.string().min(1),
          sector: z.enum(sectorCodes),
          featured: z.boolean(),
          newOnline: z.boolean(),
          municipality: z.object({ nisCode: z.string().regex(/^3\d{4}$/), name: z.string() }).strict(),
          address: z.object({ street: z.string(), postalCode: z.string().regex(/^\d{4}$/) }).strict(),
          promotion: z.object({ title: z.string(), text: z.string(), validFrom: z.string().date(), validUntil: z.string().date() }).strict(),
          photoUrl: z.string().url().nullable(),
          url: z.string().url(),
          openingHours: z.record(z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), hoursSchema),
          links: z.array(z.object({ channel: z.string(), url: z.string().url() }).strict()),
        })
        .strict(),
    ),
  })
  .strict();
export type CampaignFeed = z.infer<typeof CampaignFeedSchema>;

export interface FeedSource {
  name: string;
  slug: string;
  sector: "retail" | "tourism" | "hospitality";
  featured: boolean;
  newOnline: boolean;
  nisCode: string;
  municipality: string;
  municipalitySlug: string;
  street: string;
  postalCode: string;
  promotionTitle: string;
  promotionText: string;
  validFrom: string;
  validUntil: string;
  photoKey: string | null;
  openingHours: OpeningHours;
  digitalPresence: DigitalPresence;
}

export function toFeedItem(p: FeedSource, appUrl: string): CampaignFeed["retailers"][number] {
  return {
    name: p.name,
    sector: p.sector,
    featured: p.featured,
    newOnline: p.newOnline,
    municipality: { nisCode: p.nisCode, name: p.municipality },
    address: { street: p.street, postalCode: p.postalCode },
    promotion: { title: p.promotionTitle, text: p.promotionText, validFrom: p.validFrom, validUntil: p.validUntil },
    photoUrl: p.photoKey ? `${appUrl}/uploads/${p.photoKey}` : null,
    url: `${appUrl}${promotionPath(p.municipalitySlug, p.slug)}`,
    openingHours: p.openingHours as Record<string, { open: string; close: string }[]>,
    links: publicLinks(p.digitalPresence),
  };
}

export const promotionPath = (municipalitySlug: string, businessSlug: string) => `/zomer/${municipalitySlug}/${businessSlug}`;
