import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { listEarnings } from "~/modules/payments/index.server";
import { listInvoicesOfEngagements } from "~/modules/invoices/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { Table } from "~/ui/table";

/** /aanbieder/verdiensten: every euro a provider earned, per milestone, and when it was paid. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const [earnings, locale] = await Promise.all([listEarnings(user.id), getLocale(request, user)]);
  // Each milestone's invoice: the engagement's invoice has one line per milestone.
  const documents = await listInvoicesOfEngagements([...new Set(earnings.lines.map((l) => l.engagementId))]);
  const invoiceOf = Object.fromEntries(documents.filter((d) => d.kind === "invoice").map((d) => [d.engagementId, { id: d.id, number: d.number }]));
  return json({ ...earnings, invoiceOf, locale });
}

export default function EarningsPage() {
  const { t } = useTranslation();
  const { lines, owedCents, paidCents, invoiceOf, locale } = useLoaderData<typeof loader>();
  const money = (cents: number) => formatMoney(cents, locale);
  return (
    <div className="wide-table">
      <PageHeader title={t("earnings.title")}>{t("earnings.intro")}</PageHeader>
      <p>
        <a className="button button-secondary" href="/aanbieder/facturen.csv" download>
          {t("earnings.invoicesCsv")}
        </a>
      </p>
      <dl className="figures">
        <div>
          <dt>{t("earnings.owed")}</dt>
          <dd>{money(owedCents)}</dd>
        </div>
        <div>
          <dt>{t("earnings.paid")}</dt>
          <dd>{money(paidCents)}</dd>
        </div>
      </dl>
      {lines.length === 0 ? (
        <p>{t("earnings.none")}</p>
      ) : (
        <Table>
          <thead>
            <tr>
              <th scope="col">{t("earnings.engagement")}</th>
              <th scope="col">{t("earnings.milestone")}</th>
              <th scope="col">{t("earnings.fromVoucher")}</th>
              <th scope="col">{t("earnings.fromOwnShare")}</th>
              <th scope="col">{t("earnings.total")}</th>
              <th scope="col">{t("earnings.status")}</th>
              <th scope="col">{t("invoices.invoice")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={`${l.engagementId}-${l.position}`}>
                <th scope="row">
                  <Link to={`/trajecten/${l.engagementId}`}>{l.business}</Link>
                  <br />
                  <span className="hint">{l.title}</span>
                </th>
                <td>{t("workspace.milestone", { position: l.position, phase: t(`requests.${l.phase}`) })}</td>
                <td>{money(l.voucherCents)}</td>
                <td>{money(l.ownShareCents)}</td>
                <td>{money(l.voucherCents + l.ownShareCents)}</td>
                <td>{l.paidAt ? t("earnings.paidOn", { date: formatDate(l.paidAt, locale, { dateStyle: "medium" }) }) : t("earnings.earnedOn", { date: formatDate(l.earnedAt, locale, { dateStyle: "medium" }) })}</td>
                <td>{invoiceOf[l.engagementId] ? <Link to={`/facturen/${invoiceOf[l.engagementId].id}`}>{invoiceOf[l.engagementId].number}</Link> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Verdiensten – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
