import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { env } from "~/lib/env.server";
import { formatDate, formatMoney } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { getUser } from "~/modules/auth/index.server";
import { listProviderReviews } from "~/modules/engagements/index.server";
import { getPublicProvider, isStarterToday } from "~/modules/profiles/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { JsonLd } from "~/ui/json-ld";
import { listBusinessesOfOwner } from "~/modules/profiles/index.server";
import { invariantResponse } from "~/lib/responses";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public for approved providers; the viewer matters only for a provider's own or an admin's look.
  const viewer = await getUser(request);
  const provider = await getPublicProvider(params.slug ?? "", viewer);
  invariantResponse(provider);
  // A signed-in retailer may ask this provider for a proposal, for each of their businesses.
  const askFor = viewer?.role === "retailer" && provider.status === "approved" ? (await listBusinessesOfOwner(viewer.id)).map((b) => ({ id: b.id, name: b.name })) : [];
  return json({
    askFor,
    // A visitor is shown the way in: sign in (back to this page) or register as a business.
    visitor: !viewer && provider.status === "approved",
    reviews: await listProviderReviews(provider.id),
    provider: { ...provider, starter: isStarterToday(provider.foundedOn) },
    locale: await getLocale(request, viewer),
    url: `${env.APP_URL}/aanbieders/${provider.slug}`,
  });
}

export default function ProviderPage() {
  const { t } = useTranslation();
  const { provider, locale, url, reviews, askFor, visitor } = useLoaderData<typeof loader>();
  const average = reviews.length ? reviews.reduce((sum, r) => sum + r.rating, 0) / reviews.length : null;
  return (
    <article className="narrow-wide">
      <h1>
        {provider.companyName} {provider.starter ? <span className="badge">{t("provider.starter")}</span> : null}
      </h1>
      <p className="lead">
        {t(`kinds.${provider.kind}`)} · {t("provider.servesRadius", { km: provider.radiusKm, municipality: provider.baseMunicipality })}
      </p>
      {provider.status !== "approved" ? <p className="notice">{t(`providerStatus.${provider.status}`)}</p> : null}
      {askFor.length ? (
        <p className="actions">
          {askFor.map((b) => (
            <Link key={b.id} className="button" to={`/ondernemer/hulpvragen/nieuw?zaak=${b.id}&aanbieder=${provider.id}`}>
              {askFor.length > 1 ? t("requests.askProposalFor", { business: b.name }) : t("requests.askProposal")}
            </Link>
          ))}
        </p>
      ) : null}
      {visitor ? (
        <p className="actions">
          <Link className="button" to={`/inloggen?redirectTo=${encodeURIComponent(`/aanbieders/${provider.slug}`)}`}>
            {t("requests.askProposalSignIn")}
          </Link>{" "}
          <Link to="/registreren">{t("requests.askProposalRegister")}</Link>
        </p>
      ) : null}
      <p>{provider.bio}</p>
      <h2>{t("provider.services")}</h2>
      <ul className="tag-list">
        {provider.services.map((s) => (
          <li key={s}>{t(`services.${s}`)}</li>
        ))}
      </ul>
      <h2>{t("provider.sectors")}</h2>
      <p>{provider.sectors.map((s) => t(`sectors.${s}`)).join(", ")}</p>
      <p>{t("provider.rate", { rate: formatMoney(provider.hourlyRateCents, locale) })}</p>
      <p>{provider.languages.map((l) => t(`languages.${l}`)).join(", ")}</p>
      {provider.portfolioLinks.length > 0 ? (
        <>
          <h2>{t("provider.portfolioLinks")}</h2>
          <ul>
            {provider.portfolioLinks.map((link) => (
              <li key={link}>
                <a href={link} rel="nofollow noopener noreferrer">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <section aria-labelledby="reviews-title">
        <h2 id="reviews-title">{t("reviewsPublic.title")}</h2>
        {average != null ? <p>{t("matching.reasons.rating", { rating: average, count: reviews.length })}</p> : <p>{t("reviewsPublic.none")}</p>}
        <ul className="messages">
          {reviews.map((r) => (
            <li key={`${r.businessName}-${r.createdAt}`}>
              <p>
                <strong>{t("workspace.stars", { rating: r.rating })}</strong> — {r.body}
              </p>
              <p className="hint">{t("reviewsPublic.by", { business: r.businessName, date: formatDate(r.createdAt, locale) })}</p>
              {r.reply ? (
                <p>
                  {t("reviewsPublic.reply")}: {r.reply}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <JsonLd
        data={{
          "@context": "https://schema.org",
          "@type": "ProfessionalService",
          ...(average != null ? { aggregateRating: { "@type": "AggregateRating", ratingValue: Number(average.toFixed(2)), reviewCount: reviews.length } } : {}),
          name: provider.companyName,
          url,
          description: provider.bio,
          areaServed: provider.baseMunicipality,
          knowsLanguage: provider.languages,
        }}
      />
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Koppel" }];
  const { provider, url } = data;
  const description = provider.bio.slice(0, 200);
  return [
    { title: `${provider.companyName} – Koppel` },
    { name: "description", content: description },
    { property: "og:type", content: "profile" },
    { property: "og:title", content: provider.companyName },
    { property: "og:description", content: description },
    { property: "og:url", content: url },
    { property: "og:locale", content: "nl_BE" },
    ...(provider.status === "approved" ? [] : [{ name: "robots", content: "noindex" }]),
  ];
};

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
