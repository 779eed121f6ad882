import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { listOpportunities } from "~/modules/marketplace/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  return json({ opportunities: await listOpportunities(user.id), locale: await getLocale(request, user) });
}

export default function OpportunitiesPage() {
  const { t } = useTranslation();
  const { opportunities, locale } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("opportunities.title")}>{t("opportunities.intro")}</PageHeader>
      {opportunities.length === 0 ? <p>{t("opportunities.none")}</p> : null}
      <ol className="cards">
        {opportunities.map((o) => (
          <li key={o.id} className="card">
            <h2>
              <Link to={`/opdrachten/${o.id}`}>{o.title}</Link> {o.invited ? <span className="badge">{t("opportunities.invited")}</span> : null}
            </h2>
            <p>
              {o.businessName} · {t(`sectors.${o.sector}`)} · {o.municipality}
            </p>
            <p>
              {t("matching.fit", { score: Math.round(o.score) })} · {t("requests.deadline", { date: formatDate(o.bidDeadline, locale) })}
              {o.myBid ? ` · ${t("opportunities.myBid", { status: t(`opportunities.bidStatus.${o.myBid}`) })}` : null}
            </p>
            <details>
              <summary>{t("matching.whyYou")}</summary>
              <ul className="reasons">
                {o.reasons.map((r) => (
                  <li key={r.key}>{t(`matching.reasons.${r.key}`, { ...r.params })}</li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Opdrachten – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
