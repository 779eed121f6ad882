import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { getOwnQuickscan } from "~/modules/profiles/index.server";
import { dimensions } from "~/modules/profiles/quickscan";
import { BarChart } from "~/ui/bar-chart";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const found = await getOwnQuickscan(user.id, params.scanId ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  return json({ ...found, locale: await getLocale(request, user) });
}

export default function QuickscanResultPage() {
  const { t } = useTranslation();
  const { quickscan, businessName, businessId, history, locale } = useLoaderData<typeof loader>();
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
