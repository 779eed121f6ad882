import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { env } from "~/lib/env.server";
import { formatDate } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { getUser } from "~/modules/auth/index.server";
import { getPublicPromotion, getRunningEdition } from "~/modules/campaigns/index.server";
import { localBusinessJsonLd } from "~/modules/profiles/schema-org";
import { OpeningHoursTable } from "~/ui/business-facts";
import { ContactLinks } from "~/ui/promotion-card";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { JsonLd } from "~/ui/json-ld";
import { notFound } from "~/lib/responses";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const edition = await getRunningEdition();
  const promotion = edition ? await getPublicPromotion(edition.id, params.municipality ?? "", params.business ?? "") : null;
  if (!edition || !promotion) throw notFound();
  const path = `/zomer/${promotion.municipalitySlug}/${promotion.slug}`;
  return json({ edition, promotion, locale: await getLocale(request, user), url: `${env.APP_URL}${path}`, appUrl: env.APP_URL ?? "" });
}

export default function PromotionPage() {
  const { t } = useTranslation();
  const { edition, promotion: p, locale, url, appUrl } = useLoaderData<typeof loader>();
  return (
    <article className="narrow-wide">
      <p>
        <Link to={`/zomer/${p.municipalitySlug}`}>← {t("campaigns.public.backTo", { municipality: p.municipality })}</Link>
      </p>
      <p className="tag-list">
        <span className="muted">{edition.title}</span>
        {p.featured ? <span className="badge">{t("campaigns.featured")}</span> : null}
        {p.newOnline ? <span className="badge">{t("campaigns.newOnline")}</span> : null}
      </p>
      <h1>{p.name}</h1>
      <p className="lead">
        {t(`sectors.${p.sector}`)} · {p.street}, {p.postalCode} {p.municipality}
      </p>
      {p.photoKey ? <img className="promotion-photo" src={`/uploads/${p.photoKey}`} alt="" width={p.photoWidth ?? undefined} height={p.photoHeight ?? undefined} /> : null}
      <h2>{p.promotionTitle}</h2>
      <p>{p.promotionText}</p>
      <p className="muted">
        {t("campaigns.public.validity", { from: formatDate(p.validFrom, locale), until: formatDate(p.validUntil, locale) })}
      </p>
      {p.description ? <p>{p.description}</p> : null}
      <h2>{t("business.openingHours")}</h2>
      <OpeningHoursTable hours={p.openingHours} />
      <ContactLinks promotion={p} />
      <p className="no-print">
        <Link to="affiche">{t("campaigns.public.poster")}</Link>
      </p>
      <JsonLd
        data={localBusinessJsonLd(p, url, {
          ...(p.photoKey ? { image: `${appUrl}/uploads/${p.photoKey}` } : {}),
          makesOffer: { "@type": "Offer", name: p.promotionTitle, description: p.promotionText, validFrom: p.validFrom, validThrough: p.validUntil },
        })}
      />
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Koppel" }];
  const { promotion: p, url, appUrl } = data;
  const description = `${p.promotionTitle}: ${p.promotionText}`.slice(0, 200);
  return [
    { title: `${p.name}, ${p.municipality}: ${p.promotionTitle} – Koppel` },
    { name: "description", content: description },
    { property: "og:type", content: "business.business" },
    { property: "og:title", content: `${p.name}: ${p.promotionTitle}` },
    { property: "og:description", content: description },
    { property: "og:url", content: url },
    { property: "og:locale", content: "nl_BE" },
    ...(p.photoKey ? [{ property: "og:image", content: `${appUrl}/uploads/${p.photoKey}` }] : []),
    { tagName: "link", rel: "canonical", href: url },
  ];
};

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
