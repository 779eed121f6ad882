import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { listBusinessesOfOwner } from "~/modules/profiles/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  return json({ businesses: await listBusinessesOfOwner(user.id) });
}

export default function RetailerHome() {
  const { t } = useTranslation();
  const { businesses } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("dashboards.retailerTitle")}>{t("dashboards.retailerIntro")}</PageHeader>
      <h2>{t("dashboards.yourBusinesses")}</h2>
      {businesses.length === 0 ? <p>{t("dashboards.noBusinesses")}</p> : null}
      <ul className="cards" aria-label={t("dashboards.yourBusinesses")}>
        {businesses.map((b) => (
          <li key={b.id} className="card">
            <h3>{b.name}</h3>
            <p>
              {t(`sectors.${b.sector}`)} · {b.municipality}
            </p>
            <p>
              {b.latestQuickscan ? (
                <Link to={`/ondernemer/quickscans/${b.latestQuickscan.id}`}>{t("business.lastScore", { score: b.latestQuickscan.overallScore })}</Link>
              ) : (
                t("business.noQuickscan")
              )}
            </p>
            <p className="actions">
              <Link className="button" to={`/ondernemer/zaken/${b.id}/quickscan`}>
                {b.latestQuickscan ? t("quickscan.again") : t("business.startQuickscan")}
              </Link>{" "}
              <Link to={`/ondernemer/hulpvragen/nieuw?zaak=${b.id}`}>{t("requests.new")}</Link> · <Link to={`/ondernemer/zaken/${b.id}`}>{t("business.edit")}</Link> ·{" "}
              <Link to={`/zaken/${b.slug}`}>{t("business.publicPage")}</Link>
            </p>
          </li>
        ))}
      </ul>
      <p>
        <Link className="button button-secondary" to="/ondernemer/zaken/nieuw">
          {t("business.add")}
        </Link>
      </p>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Mijn zaak – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
