import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { listOwnHelpRequests } from "~/modules/marketplace/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  return json({ requests: await listOwnHelpRequests(user.id), locale: await getLocale(request, user) });
}

export default function HelpRequestsPage() {
  const { t } = useTranslation();
  const { requests, locale } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("requests.title")} />
      {requests.length === 0 ? <p>{t("requests.none")}</p> : null}
      <ul className="cards">
        {requests.map((r) => (
          <li key={r.id} className="card">
            <h2>
              <Link to={`/ondernemer/hulpvragen/${r.id}`}>{r.title}</Link>
            </h2>
            <p>
              {r.businessName} · <strong>{t(`requests.status.${r.status}`)}</strong>
            </p>
            {r.status === "open" ? <p>{t("requests.deadline", { date: formatDate(r.bidDeadline, locale) })}</p> : null}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/ondernemer">{t("requests.new")}: {t("nav.retailerHome")}</Link>
      </p>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Hulpvragen – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
