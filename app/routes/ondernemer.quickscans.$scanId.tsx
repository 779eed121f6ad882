import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { rankProviders } from "~/modules/matching/index.server";
import { getOwnBusiness, getOwnQuickscan } from "~/modules/profiles/index.server";
import { dimensions } from "~/modules/profiles/quickscan";
import { BarChart } from "~/ui/bar-chart";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { invariantResponse } from "~/lib/responses";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const found = await getOwnQuickscan(user.id, params.scanId ?? "");
  invariantResponse(found);
  const business = await getOwnBusiness(user.id, found.businessId);
  const services = found.quickscan.recommendedServices.length ? found.quickscan.recommendedServices : ["digital_strategy"];
  const matches = await rankProviders({ business: { id: found.businessId, ownerId: user.id }, services, languages: business?.languages, limit: 5 });
  return json({ ...found, matches: matches ?? [], locale: await getLocale(request, user) });
}

export default function QuickscanResultPage() {
  const { t } = useTranslation();
  const { quickscan, businessName, businessId, history, locale, matches } = useLoaderData<typeof loader>();
  return (
    <div className="narrow-wide">
      <p>
        <Link to="/ondernemer">← {t("nav.retailerHome")}</Link>
      </p>
      <PageHeader title={`${t("quickscan.resultTitle")}: ${businessName}`}>
        <strong>{t("quickscan.overall", { score: quickscan.overallScore })}</strong> · {t("quickscan.takenOn", { date: formatDate(quickscan.createdAt, locale) })}
      </PageHeader>
      <BarChart
        title={t("quickscan.chartLabel")}
        labelHeader={t("quickscan.dimension")}
        valueHeader={t("quickscan.score")}
        rows={dimensions.map((d) => ({ label: t(`quickscan.dimensions.${d}`), value: quickscan.dimensionScores[d] ?? 0 }))}
      />
      <h2>{t("quickscan.recommendations")}</h2>
      {quickscan.recommendedServices.length === 0 ? (
        <p>{t("quickscan.noRecommendations")}</p>
      ) : (
        <ol>
          {quickscan.recommendedServices.map((service) => (
            <li key={service}>{t(`services.${service}`)}</li>
          ))}
        </ol>
      )}
      <p>
        <Link className="button" to={`/ondernemer/hulpvragen/nieuw?zaak=${businessId}`}>
          {t("quickscan.startHelpRequest")}
        </Link>
      </p>
      <section aria-labelledby="matches-title">
        <h2 id="matches-title">{t("matching.title")}</h2>
        <p className="hint">{t("matching.intro")}</p>
        {matches.length === 0 ? <p>{t("matching.none")}</p> : null}
        <ol className="cards match-list">
          {matches.map((m) => (
            <li key={m.providerId} className="card">
              <h3>
                <Link to={`/aanbieders/${m.slug}`}>{m.name}</Link> {m.starter ? <span className="badge">{t("provider.starter")}</span> : null}
              </h3>
              <p>
                {t("matching.score", { score: Math.round(m.score) })} · {t("provider.rate", { rate: formatMoney(m.hourlyRateCents, locale) })}
              </p>
              <details>
                <summary>{t("matching.why")}</summary>
                <ul className="reasons">
                  {m.reasons.map((r) => (
                    <li key={r.key}>{t(`matching.reasons.${r.key}`, { ...r.params, sector: r.params?.sector ? t(`sectors.${r.params.sector}`) : undefined })}</li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ol>
      </section>
      <p>
        <Link className="button button-secondary" to={`/ondernemer/zaken/${businessId}/quickscan`}>
          {t("quickscan.again")}
        </Link>
      </p>
      {history.length > 1 ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t("quickscan.history")}</h2>
          <ul>
            {history.map((h) => (
              <li key={h.id}>
                <Link to={`/ondernemer/quickscans/${h.id}`} aria-current={h.id === quickscan.id ? "page" : undefined}>
                  {formatDate(h.createdAt, locale)}: {h.overallScore}/100
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Resultaat quickscan – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
