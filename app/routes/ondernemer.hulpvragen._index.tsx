import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import type { Locale } from "~/lib/i18n";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { listOwnHelpRequests } from "~/modules/marketplace/index.server";
import { listBusinessesOfOwner } from "~/modules/profiles/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const [requests, businesses, locale] = await Promise.all([listOwnHelpRequests(user.id), listBusinessesOfOwner(user.id), getLocale(request, user)]);
  return json({ requests, businesses: businesses.map((b) => ({ id: b.id, name: b.name })), locale });
}

export default function HelpRequestsPage() {
  const { t } = useTranslation();
  const { requests, businesses, locale } = useLoaderData<typeof loader>();
  const running = requests.filter((r) => !isClosed(r.status));
  const closed = requests.filter((r) => isClosed(r.status));
  return (
    <>
      <PageHeader title={t("requests.title")} />
      {requests.length === 0 ? <p>{t("requests.none")}</p> : null}
      <RequestCards requests={running} locale={locale} />
      {/* Cancelled and expired requests are history: out of the way, not gone. */}
      {closed.length ? (
        <details>
          <summary>{t("requests.closed", { count: closed.length })}</summary>
          <RequestCards requests={closed} locale={locale} />
        </details>
      ) : null}
      {/* Straight to the form, for each business (not to the dashboard to look for it). */}
      <ul className="actions-list">
        {businesses.map((b) => (
          <li key={b.id}>
            <Link className="button" to={`/ondernemer/hulpvragen/nieuw?zaak=${b.id}`}>
              {t("requests.newTitle", { business: b.name })}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

const isClosed = (status: string) => status === "cancelled" || status === "expired";

function RequestCards({ requests, locale }: { requests: { id: string; title: string; businessName: string; status: string; bidDeadline: string }[]; locale: Locale }) {
  const { t } = useTranslation();
  return (
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
  );
}

export const meta: MetaFunction = () => [{ title: "Hulpvragen – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
