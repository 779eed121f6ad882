import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { getDashboardFigures } from "~/modules/reporting/index.server";
import { listProgrammesWithBudget } from "~/modules/vouchers/index.server";
import { currentSettings } from "~/modules/settings/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { useOutcomeFigures } from "~/ui/outcomes";
import { Table } from "~/ui/table";
import { invariantResponse } from "~/lib/responses";

/** A printable page per programme for the agency's reporting: the dashboard's figures as tables. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const programme = (await listProgrammesWithBudget()).find((p) => p.id === params.id);
  invariantResponse(programme);
  const [figures, locale] = await Promise.all([getDashboardFigures({ programmeId: programme.id }, currentSettings().starterMaxAgeYears), getLocale(request, admin)]);
  return json({ programme, figures, locale, today: new Date().toISOString() });
}

export default function ImpactReport() {
  const { t } = useTranslation();
  const { programme, figures, locale, today } = useLoaderData<typeof loader>();
  const money = (cents: number) => formatMoney(cents, locale);
  const { outcomes, funnel } = figures;
  const outcomeFigures = useOutcomeFigures(outcomes, locale);
  const completed = figures.byMunicipality.filter((g) => g.completed > 0);
  return (
    <article className="report">
      <h1>{t("office.reportTitle", { programme: programme.name })}</h1>
      <p className="lead">{t("office.reportIntro", { date: formatDate(today, locale) })}</p>
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("office.print")}
        </button>
      </p>
      <h2>{t("office.budget")}</h2>
      <Table>
        <tbody>
          <tr>
            <th scope="row">{t("office.budgetTotal")}</th>
            <td>{money(programme.budget.budgetCents)}</td>
          </tr>
          <tr>
            <th scope="row">{t("office.committed")}</th>
            <td>{money(programme.budget.reservedCents)}</td>
          </tr>
          <tr>
            <th scope="row">{t("office.spent")}</th>
            <td>{money(programme.budget.redeemedCents)}</td>
          </tr>
          <tr>
            <th scope="row">{t("office.available")}</th>
            <td>{money(programme.budget.availableCents)}</td>
          </tr>
        </tbody>
      </Table>
      <h2>{t("office.outcomes")}</h2>
      <Table>
        <tbody>
          <tr>
            <th scope="row">{t("office.engagements")}</th>
            <td>{outcomes.engagements}</td>
          </tr>
          <tr>
            <th scope="row">{t("office.funnelStages.completed")}</th>
            <td>{funnel.completed}</td>
          </tr>
          {outcomeFigures.map((f) => (
            <tr key={f.label}>
              <th scope="row">{f.label}</th>
              <td>{f.value}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <h2>{t("office.vouchersByStatus")}</h2>
      <Table>
        <thead>
          <tr>
            <th scope="col">{t("office.status")}</th>
            <th scope="col">{t("office.count")}</th>
            <th scope="col">{t("office.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.vouchersByStatus.map((v) => (
            <tr key={v.status}>
              <th scope="row">{t(`voucher.status.${v.status}`)}</th>
              <td>{v.count}</td>
              <td>{money(v.cents)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <h2>{t("office.bySector")}</h2>
      <Table>
        <thead>
          <tr>
            <th scope="col">{t("office.sector")}</th>
            <th scope="col">{t("office.engagements")}</th>
            <th scope="col">{t("office.voucherEuros")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.bySector.map((g) => (
            <tr key={g.key}>
              <th scope="row">{t(`sectors.${g.key}`)}</th>
              <td>{g.engagements}</td>
              <td>{money(g.redeemedCents)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <h2>{t("office.completedByMunicipality")}</h2>
      {completed.length === 0 ? (
        <p>{t("office.noData")}</p>
      ) : (
        <Table>
          <thead>
            <tr>
              <th scope="col">{t("office.municipality")}</th>
              <th scope="col">{t("office.funnelStages.completed")}</th>
              <th scope="col">{t("office.voucherEuros")}</th>
            </tr>
          </thead>
          <tbody>
            {completed.map((g) => (
              <tr key={g.key}>
                <th scope="row">{g.label}</th>
                <td>{g.completed}</td>
                <td>{money(g.redeemedCents)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Impactrapport ${data.programme.name} – Koppel` : "Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
