import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import { InvoiceList } from "~/ui/invoice-list";
import { listRetailerInvoices } from "~/modules/invoices/index.server";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { listEngagementsOf } from "~/modules/engagements/index.server";
import { listOwnHelpRequests } from "~/modules/marketplace/index.server";
import { listBusinessesOfOwner } from "~/modules/profiles/index.server";
import { DashboardEngagements } from "~/ui/engagement-list";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const [businesses, requests, engagements, invoices, locale] = await Promise.all([
    listBusinessesOfOwner(user.id),
    listOwnHelpRequests(user.id),
    listEngagementsOf(user),
    listRetailerInvoices(user.id),
    getLocale(request, user),
  ]);
  // What is going on now; the full lists are one click away.
  const running = requests.filter((r) => r.status === "draft" || r.status === "open");
  return json({ businesses, requests: running.slice(0, 5), hasRequests: requests.length > 0, engagements: engagements.slice(0, 6), invoices, locale });
}

export default function RetailerHome() {
  const { t } = useTranslation();
  const { businesses, requests, hasRequests, engagements, invoices, locale } = useLoaderData<typeof loader>();
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

      <h2>{t("dashboards.yourRequests")}</h2>
      {requests.length ? (
        <ul className="cards">
          {requests.map((r) => (
            <li key={r.id} className="card">
              <h3>
                <Link to={`/ondernemer/hulpvragen/${r.id}`}>{r.title}</Link>
              </h3>
              <p>
                {r.businessName} · <strong>{t(`requests.status.${r.status}`)}</strong>
              </p>
              <p className="next-step">{t(`dashboards.requestNext.${r.status}`, { date: r.bidDeadline ? formatDate(r.bidDeadline, locale) : "" })}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>
          {t("dashboards.noRequests")} {businesses[0] ? <Link to={`/ondernemer/hulpvragen/nieuw?zaak=${businesses[0].id}`}>{t("requests.new")}</Link> : null}
        </p>
      )}
      {hasRequests ? (
        <p>
          <Link to="/ondernemer/hulpvragen">{t("dashboards.allRequests")}</Link>
        </p>
      ) : null}

      <DashboardEngagements engagements={engagements} role="retailer" />

      <InvoiceList invoices={invoices} locale={locale} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Mijn zaak – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
