import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatMoney } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { countRefundsWaiting } from "~/modules/payments/index.server";
import { IsoDateSchema } from "~/modules/profiles/schemas";
import { getMunicipalityMap } from "~/modules/campaigns/index.server";
import { exportKinds, getDashboardFigures, getWorkQueues } from "~/modules/reporting/index.server";
import { listProgrammesWithBudget, listVoucherDecisions } from "~/modules/vouchers/index.server";
import { BurnUpChart, ChartFigure, HorizontalBars } from "~/ui/charts";
import { currentSettings } from "~/modules/settings/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PeriodFilterEnd } from "~/ui/filters";
import { PageHeader } from "~/ui/forms";
import { MunicipalityMap } from "~/ui/municipality-map";
import { useOutcomeFigures } from "~/ui/outcomes";
import { Table } from "~/ui/table";

/** Filters arrive in the query string; anything malformed is simply not applied. */
const FilterSchema = z.object({
  programme: z.string().uuid().optional().catch(undefined),
  from: IsoDateSchema.optional().catch(undefined),
  until: IsoDateSchema.optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const search = new URL(request.url).searchParams;
  const filter = FilterSchema.parse({ programme: search.get("programme") || undefined, from: search.get("from") || undefined, until: search.get("until") || undefined });
  const [figures, counts, decisions, refunds, programmes, locale] = await Promise.all([
    getDashboardFigures({ programmeId: filter.programme, from: filter.from, until: filter.until }, currentSettings().starterMaxAgeYears),
    getWorkQueues(),
    listVoucherDecisions(),
    countRefundsWaiting(),
    listProgrammesWithBudget(),
    getLocale(request, admin),
  ]);
  // Counted where their rules live: vouchers past their term (working days), refunds still waiting.
  const queues = { ...counts, overdue: decisions.filter((d) => d.overdue).length, refunds };
  return json({ filter, figures, queues, programmes, map: getMunicipalityMap(), exportKinds, locale });
}

export default function AdminDashboard() {
  const { t } = useTranslation();
  const { filter, figures, queues, programmes, map, exportKinds, locale } = useLoaderData<typeof loader>();
  const money = (cents: number) => formatMoney(cents, locale);
  const tableLabel = t("dashboards.table");
  const shown = programmes.filter((p) => !filter.programme || p.id === filter.programme);
  const funnel = (["published", "withBids", "awarded", "started", "completed"] as const).map((stage) => ({ label: t(`office.funnelStages.${stage}`), value: figures.funnel[stage] }));
  const outcomeFigures = useOutcomeFigures(figures.outcomes, locale);
  return (
    <>
      <PageHeader title={t("dashboards.adminTitle")}>{t("dashboards.adminIntro")}</PageHeader>

      <section aria-labelledby="queues-title">
        <h2 id="queues-title">{t("office.queues")}</h2>
        <ul className="queue-list">
          {(
            [
              ["vetting", "/beheer/screening"],
              ["vouchers", "/beheer/vouchers"],
              ["relatedParty", "/beheer/vouchers?verbonden=1"],
              ["overdue", "/beheer/vouchers"],
              ["payments", "/beheer/betalingen"],
              ["disputes", "/trajecten?fase=disputed"],
              ["refunds", "/beheer/terugbetalingen"],
              ["paymentProblems", "/beheer/betalingen#stripe-problems"],
            ] as const
          ).map(([queue, to]) => (
            <li key={queue}>
              <Link to={to}>
                <strong>{queues[queue]}</strong> {t(`office.queue.${queue}`, { count: queues[queue] })}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <Form method="get" className="inline-form" aria-label={t("office.filters")}>
        <div className="field">
          <label htmlFor="filter-programme">{t("office.programme")}</label>
          <select id="filter-programme" name="programme" defaultValue={filter.programme ?? ""}>
            <option value="">{t("office.allProgrammes")}</option>
            {programmes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <PeriodFilterEnd idPrefix="filter" from={filter.from} until={filter.until} />
      </Form>

      <section aria-labelledby="budget-title">
        <h2 id="budget-title">{t("office.budget")}</h2>
        <Table>
            <thead>
              <tr>
                <th scope="col">{t("office.programme")}</th>
                <th scope="col">{t("office.budgetTotal")}</th>
                <th scope="col">{t("office.committed")}</th>
                <th scope="col">{t("office.spent")}</th>
                <th scope="col">{t("office.available")}</th>
                <th scope="col">{t("office.report")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{money(p.budget.budgetCents)}</td>
                  <td>{money(p.budget.reservedCents)}</td>
                  <td>{money(p.budget.redeemedCents)}</td>
                  <td>{money(p.budget.availableCents)}</td>
                  <td>
                    <Link to={`/beheer/programmas/${p.id}/rapport`} aria-label={`${t("office.report")}: ${p.name}`}>
                      {t("office.report")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
      </section>

      <div className="dashboard-grid">
        <ChartFigure
          title={t("office.burnUp")}
          tableLabel={tableLabel}
          emptyLabel={t("office.noData")}
          table={{
            caption: t("office.burnUp"),
            headers: [t("office.date"), t("office.spent"), t("office.committed")],
            rows: figures.burnUp.map((p) => [p.day, money(p.spentCents), money(p.committedCents)]),
          }}
        >
          <BurnUpChart data={figures.burnUp.map((p) => ({ day: p.day, spent: p.spentCents / 100, committed: p.committedCents / 100 }))} spentName={t("office.spent")} committedName={t("office.committed")} />
        </ChartFigure>
        <ChartFigure
          title={t("office.funnel")}
          tableLabel={tableLabel}
          emptyLabel={t("office.noData")}
          table={{ caption: t("office.funnel"), headers: [t("office.stage"), t("office.count")], rows: funnel.map((s) => [s.label, s.value]) }}
        >
          <HorizontalBars data={funnel} valueName={t("office.count")} />
        </ChartFigure>
        <ChartFigure
          title={t("office.vouchersByStatus")}
          tableLabel={tableLabel}
          emptyLabel={t("office.noData")}
          table={{
            caption: t("office.vouchersByStatus"),
            headers: [t("office.status"), t("office.count"), t("office.amount")],
            rows: figures.vouchersByStatus.map((v) => [t(`voucher.status.${v.status}`), v.count, money(v.cents)]),
          }}
        >
          <HorizontalBars data={figures.vouchersByStatus.map((v) => ({ label: t(`voucher.status.${v.status}`), value: v.count }))} valueName={t("office.count")} />
        </ChartFigure>
        <ChartFigure
          title={t("office.bySector")}
          tableLabel={tableLabel}
          emptyLabel={t("office.noData")}
          table={{
            caption: t("office.bySector"),
            headers: [t("office.sector"), t("office.engagements"), t("office.voucherEuros")],
            rows: figures.bySector.map((g) => [t(`sectors.${g.key}`), g.engagements, money(g.redeemedCents)]),
          }}
        >
          <HorizontalBars data={figures.bySector.map((g) => ({ label: t(`sectors.${g.key}`), value: g.engagements }))} valueName={t("office.engagements")} />
        </ChartFigure>
        <ChartFigure
          title={t("office.byArrondissement")}
          tableLabel={tableLabel}
          emptyLabel={t("office.noData")}
          table={{
            caption: t("office.byArrondissement"),
            headers: [t("office.arrondissement"), t("office.engagements"), t("office.voucherEuros")],
            rows: figures.byArrondissement.map((g) => [g.label, g.engagements, money(g.redeemedCents)]),
          }}
        >
          <HorizontalBars data={figures.byArrondissement.map((g) => ({ label: g.label, value: g.engagements }))} valueName={t("office.engagements")} />
        </ChartFigure>
        <section aria-labelledby="municipality-title">
          <h2 id="municipality-title" className="chart-title">
            {t("office.byMunicipality")}
          </h2>
          <MunicipalityMap
            map={map}
            values={Object.fromEntries(figures.byMunicipality.map((g) => [g.key, g.engagements]))}
            title={t("office.mapTitle")}
            legendLabel={t("office.engagements")}
            describe={(name, value) => `${name}: ${value}`}
          />
          <details>
            <summary>{tableLabel}</summary>
            <Table>
              <thead>
                <tr>
                  <th scope="col">{t("office.municipality")}</th>
                  <th scope="col">{t("office.engagements")}</th>
                  <th scope="col">{t("office.voucherEuros")}</th>
                </tr>
              </thead>
              <tbody>
                {figures.byMunicipality.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{g.label}</th>
                    <td>{g.engagements}</td>
                    <td>{money(g.redeemedCents)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </details>
        </section>
      </div>

      <section aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">{t("office.outcomes")}</h2>
        <dl className="figures">
          {outcomeFigures.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="exports-title">
        <h2 id="exports-title">{t("office.exports")}</h2>
        <ul className="tag-list">
          {exportKinds.map((kind) => (
            <li key={kind}>
              <a href={`/beheer/export/${kind}.csv`} download>
                {t(`office.exportKinds.${kind}`)}
              </a>
            </li>
          ))}
        </ul>
        <p>
          <Link to="/beheer/audit">{t("office.auditLog")}</Link> · <Link to="/beheer/instellingen">{t("office.settings")}</Link>
        </p>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Beheer – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
