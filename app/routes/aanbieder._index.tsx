import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { getProviderOfUser, isStarterToday } from "~/modules/profiles/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { hasValidIban } from "~/modules/profiles/iban";
import { listEngagementsOf } from "~/modules/engagements/index.server";
import { listOpportunities, listOwnOpenBids } from "~/modules/marketplace/index.server";
import { DashboardEngagements } from "~/ui/engagement-list";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const [provider, opportunities, bids, engagements] = await Promise.all([getProviderOfUser(user.id), listOpportunities(user.id), listOwnOpenBids(user.id), listEngagementsOf(user)]);
  return json({
    opportunities: { count: opportunities.filter((o) => !o.myBid).length, invited: opportunities.filter((o) => !o.myBid && o.invited).length },
    bids,
    engagements: engagements.slice(0, 6),
    locale: await getLocale(request, user),
    provider: provider
      ? {
          companyName: provider.companyName,
          slug: provider.slug,
          status: provider.status,
          statusReason: provider.statusReason,
          services: provider.services,
          hourlyRateCents: provider.hourlyRateCents,
          starter: isStarterToday(provider.foundedOn),
          ibanMissing: !hasValidIban(provider.iban),
        }
      : null,
  });
}

export default function ProviderHome() {
  const { t } = useTranslation();
  const { provider, locale, opportunities, bids, engagements } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("dashboards.providerTitle")}>{t("dashboards.providerIntro")}</PageHeader>
      <h2>{t("dashboards.yourCompany")}</h2>
      {provider ? (
        <div className="card">
          <h3>
            {provider.companyName} {provider.starter ? <span className="badge">{t("provider.starter")}</span> : null}
          </h3>
          <p className={provider.status === "approved" ? "" : "notice"} role={provider.status === "approved" ? undefined : "status"}>
            {provider.status === "approved"
              ? t("provider.approvedNotice")
              : provider.status === "pending"
                ? t("provider.pendingNotice")
                : t(provider.status === "rejected" ? "provider.rejectedNotice" : "provider.suspendedNotice", { reason: provider.statusReason ?? "" })}
          </p>
          {provider.ibanMissing ? (
            <p className="notice" role="status">
              {t("payouts.dashboardNoIban")} <Link to="/aanbieder/profiel">{t("provider.editProfile")}</Link>
            </p>
          ) : null}
          <p>{t("provider.rate", { rate: formatMoney(provider.hourlyRateCents, locale) })}</p>
          <ul className="tag-list" aria-label={t("provider.services")}>
            {provider.services.map((s) => (
              <li key={s}>{t(`services.${s}`)}</li>
            ))}
          </ul>
          <p className="actions">
            <Link className="button" to="/aanbieder/profiel">
              {t("provider.editProfile")}
            </Link>
            {provider.status === "approved" ? <Link to={`/aanbieders/${provider.slug}`}>{t("business.publicPage")}</Link> : null}
          </p>
        </div>
      ) : (
        <>
          <p>{t("dashboards.noCompany")}</p>
          <p>
            <Link className="button" to="/aanbieder/profiel">
              {t("provider.createProfile")}
            </Link>
          </p>
        </>
      )}

      {provider?.status === "approved" ? (
        <>
          <h2>{t("dashboards.opportunities")}</h2>
          <p>
            {opportunities.count ? t("dashboards.opportunitiesCount", { count: opportunities.count, invited: opportunities.invited }) : t("dashboards.noOpportunities")}{" "}
            <Link to="/opdrachten">{t("dashboards.viewOpportunities")}</Link>
          </p>
          <h2>{t("dashboards.yourBids")}</h2>
          {bids.length ? (
            <ul className="cards">
              {bids.map((b) => (
                <li key={b.id} className="card">
                  <h3>
                    <Link to={`/opdrachten/${b.id}`}>{b.title}</Link>
                  </h3>
                  <p>{b.businessName}</p>
                  <p className="next-step">{t("requests.deadline", { date: formatDate(b.bidDeadline, locale) })}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("dashboards.noBids")}</p>
          )}
          <DashboardEngagements engagements={engagements} role="provider" />
        </>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Mijn aanbod – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
