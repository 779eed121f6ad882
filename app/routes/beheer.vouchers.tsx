import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { listVoucherDecisions } from "~/modules/vouchers/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { Table } from "~/ui/table";

/** /beheer/vouchers: the vouchers to decide, nearest deadline first; `?verbonden=1` only those flagged as related parties. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const relatedPartyOnly = new URL(request.url).searchParams.get("verbonden") === "1";
  const [decisions, locale] = await Promise.all([listVoucherDecisions({ relatedPartyOnly }), getLocale(request, admin)]);
  return json({ decisions, relatedPartyOnly, locale });
}

export default function VoucherQueuePage() {
  const { t } = useTranslation();
  const { decisions, relatedPartyOnly, locale } = useLoaderData<typeof loader>();
  return (
    <div className="wide-table">
      <PageHeader title={t(relatedPartyOnly ? "voucherQueue.titleRelated" : "voucherQueue.title")}>{t("voucherQueue.intro")}</PageHeader>
      <p>
        {relatedPartyOnly ? <Link to="/beheer/vouchers">{t("voucherQueue.showAll")}</Link> : <Link to="/beheer/vouchers?verbonden=1">{t("voucherQueue.showRelated")}</Link>}
      </p>
      {decisions.length === 0 ? (
        <p>{t("voucherQueue.none")}</p>
      ) : (
        <Table>
          <thead>
            <tr>
              <th scope="col">{t("voucherQueue.dossier")}</th>
              <th scope="col">{t("voucherQueue.parties")}</th>
              <th scope="col">{t("voucherQueue.amount")}</th>
              <th scope="col">{t("voucherQueue.flags")}</th>
              <th scope="col">{t("voucherQueue.deadline")}</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((d) => (
              <tr key={d.voucherId}>
                <th scope="row">
                  <Link to={`/trajecten/${d.engagementId}`}>{d.dossierNumber ?? t("voucherQueue.noNumber")}</Link>
                </th>
                <td>
                  {d.business}
                  <br />
                  <span className="hint">{d.provider}</span>
                </td>
                <td>{formatMoney(d.amountCents, locale)}</td>
                <td>
                  {[
                    ...d.relatedParty.map((r) => t(`voucher.relatedPartyReason.${r}`)),
                    ...d.eligibilityIssues.map((i) => t(`voucher.issue.${i}`)),
                  ].join(", ") || t("voucherQueue.noFlags")}
                </td>
                <td className={d.overdue ? "overdue" : undefined}>
                  {formatDate(d.decideBy, locale, { dateStyle: "medium" })}
                  <br />
                  <strong>{t(d.overdue ? "voucherQueue.overdue" : "voucherQueue.left", { count: Math.abs(d.workingDaysLeft) })}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Vouchers te beslissen – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
