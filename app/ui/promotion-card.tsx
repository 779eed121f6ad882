import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import type { Locale } from "~/lib/i18n";
import type { DigitalPresence, OpeningHours } from "~db/schema";
import { OpeningHoursTable, PresenceLinks } from "./business-facts";

export interface PromotionSummary {
  name: string;
  slug: string;
  sector: string;
  featured: boolean;
  newOnline: boolean;
  promotionTitle: string;
  promotionText: string;
  validFrom: string;
  validUntil: string;
  photoKey: string | null;
  photoWidth: number | null;
  photoHeight: number | null;
  municipality: string;
  municipalitySlug: string;
  openingHours: OpeningHours;
  digitalPresence: DigitalPresence;
  street: string;
  postalCode: string;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
}

/**
 * Directions to the business in OpenStreetMap (no tracking, no key): to its point when it is known,
 * else a search for its address.
 */
function routeHref(p: Pick<PromotionSummary, "street" | "postalCode" | "municipality" | "latitude" | "longitude">) {
  if (p.latitude != null && p.longitude != null) return `https://www.openstreetmap.org/directions?to=${p.latitude}%2C${p.longitude}`;
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(`${p.street}, ${p.postalCode} ${p.municipality}`)}`;
}

/** The ways to reach a participant: a route, a phone call, and its own links (website, shop, socials). */
export function ContactLinks({ promotion: p }: { promotion: PromotionSummary }) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="tag-list" aria-label={t("campaigns.public.contact", { business: p.name })}>
        {p.street ? (
          <li>
            <a href={routeHref(p)} rel="noopener noreferrer">
              {t("campaigns.public.route")}
            </a>
          </li>
        ) : null}
        {p.phone ? (
          <li>
            <a href={`tel:${p.phone.replace(/[^\d+]/g, "")}`}>{t("campaigns.public.call", { phone: p.phone })}</a>
          </li>
        ) : null}
      </ul>
      <PresenceLinks presence={p.digitalPresence} label={t("campaigns.public.links")} />
    </>
  );
}

/** One participant in a campaign list: on /zomer/<gemeente> and in the embeddable widget. */
export function PromotionCard({ promotion: p, headingLevel = 3, linkTarget }: { promotion: PromotionSummary; headingLevel?: 2 | 3; linkTarget?: "_blank" }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const href = `/zomer/${p.municipalitySlug}/${p.slug}`;
  return (
    <li className={p.featured ? "promotion-card featured" : "promotion-card"}>
      {p.photoKey ? <img src={`/uploads/${p.photoKey}`} alt="" width={p.photoWidth ?? undefined} height={p.photoHeight ?? undefined} loading="lazy" decoding="async" /> : null}
      <div className="body">
        <p className="tag-list">
          {p.featured ? <span className="badge">{t("campaigns.featured")}</span> : null}
          {p.newOnline ? <span className="badge">{t("campaigns.newOnline")}</span> : null}
          <span className="muted">{t(`sectors.${p.sector}`)}</span>
        </p>
        <Heading>
          <a href={href} target={linkTarget} rel={linkTarget ? "noopener" : undefined}>
            {p.name}
          </a>
        </Heading>
        <p>
          <strong>{p.promotionTitle}</strong>
        </p>
        <p>{p.promotionText.length > 180 ? `${p.promotionText.slice(0, 177)}…` : p.promotionText}</p>
        <details>
          <summary>{t("business.openingHours")}</summary>
          <OpeningHoursTable hours={p.openingHours} />
        </details>
        <ContactLinks promotion={p} />
        <p className="muted">{t("campaigns.public.validity", { from: formatDate(p.validFrom, locale, { dateStyle: "medium" }), until: formatDate(p.validUntil, locale, { dateStyle: "medium" }) })}</p>
      </div>
    </li>
  );
}
