import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { listOpenEditions, listRetailerParticipation } from "~/modules/campaigns/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const [businesses, editions, locale] = await Promise.all([listRetailerParticipation(user.id), listOpenEditions(), getLocale(request, user)]);
  return json({ businesses, editions, locale });
}

export default function RetailerCampaign() {
  const { t } = useTranslation();
  const { businesses, editions, locale } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("campaigns.retailer.title")}>{t("campaigns.retailer.intro")}</PageHeader>
      {editions.length === 0 ? <p>{t("campaigns.retailer.noEditions")}</p> : null}
      {businesses.length === 0 ? (
        <p>
          {t("campaigns.retailer.noBusinesses")} <Link to="/ondernemer/zaken/nieuw">{t("business.add")}</Link>
        </p>
      ) : null}
      <ul className="cards">
        {businesses.map((b) => (
          <li key={b.id} className="card">
            <h2>{b.name}</h2>
            <p className="muted">{b.municipality}</p>
            {editions.map((e) => {
              const participation = b.participations.find((p) => p.editionId === e.id);
              return (
                <div key={e.id}>
                  <h3>{e.title}</h3>
                  <p className="muted">
                    {formatDate(e.startsOn, locale, { dateStyle: "medium" })} – {formatDate(e.endsOn, locale, { dateStyle: "medium" })}
                  </p>
                  {participation ? (
                    <>
                      <p>
                        <strong>{participation.promotionTitle}</strong> · {t(`campaigns.status.${participation.status}`)}
                        {participation.featured ? ` · ${t("campaigns.featured")}` : ""}
                      </p>
                      {participation.status !== "removed" ? (
                        <p>
                          <Link to={`/ondernemer/zomer/${b.id}/${e.slug}`}>{t("campaigns.retailer.edit")}</Link>
                        </p>
                      ) : null}
                    </>
                  ) : (
                    <p>
                      <Link className="button" to={`/ondernemer/zomer/${b.id}/${e.slug}`}>
                        {t("campaigns.retailer.join", { edition: e.title })}
                      </Link>
                    </p>
                  )}
                </div>
              );
            })}
          </li>
        ))}
      </ul>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "ZomerInWestVlaanderen – Mijn zaak – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
