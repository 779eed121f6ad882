import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMoney, formatNumber } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { getStaffMunicipalities, requireRole } from "~/modules/auth/index.server";
import { getMunicipalFigures, getStaffEdition, listBusinessesForStaff } from "~/modules/campaigns/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { Table } from "~/ui/table";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "municipality");
  const municipalities = await getStaffMunicipalities(user.id);
  const nisCodes = municipalities.map((m) => m.nisCode);
  const { edition } = await getStaffEdition();
  const [figures, businesses, locale] = await Promise.all([getMunicipalFigures(nisCodes), listBusinessesForStaff(nisCodes, edition?.id ?? null), getLocale(request, user)]);
  return json({ municipalities: municipalities.map((m) => ({ ...m, figures: figures.find((f) => f.nisCode === m.nisCode)! })), businesses, edition, locale });
}

export default function MunicipalityHome() {
  const { t } = useTranslation();
  const { municipalities, businesses, edition, locale } = useLoaderData<typeof loader>();
  const points = (v: number | null) => (v == null ? t("campaigns.figures.noData") : t("campaigns.figures.points", { value: formatNumber(v, locale) }));
  return (
    <>
      <PageHeader title={t("dashboards.municipalityTitle")}>{t("dashboards.municipalityIntro")}</PageHeader>
      <p className="muted">{t("campaigns.figures.privacyNote")}</p>
      {municipalities.map(({ figures: f, ...m }) => (
        <section key={m.nisCode} aria-labelledby={`figures-${m.nisCode}`}>
          <h2 id={`figures-${m.nisCode}`}>{t("campaigns.figures.title", { municipality: m.name })}</h2>
          <dl className="figures">
            <div>
              <dt>{t("campaigns.figures.businesses")}</dt>
              <dd>{formatNumber(f.businesses, locale)}</dd>
            </div>
            <div>
              <dt>{t("campaigns.figures.averageMaturity")}</dt>
              <dd>{points(f.averageMaturity)}</dd>
            </div>
            <div>
              <dt>{t("campaigns.figures.maturityGain")}</dt>
              <dd>{points(f.averageMaturityGain)}</dd>
            </div>
            <div>
              <dt>{t("campaigns.figures.completedRetailers")}</dt>
              <dd>{formatNumber(f.retailersWithCompletedEngagement, locale)}</dd>
            </div>
            <div>
              <dt>{t("campaigns.figures.voucherRedeemed")}</dt>
              <dd>{formatMoney(f.voucherRedeemedCents, locale)}</dd>
            </div>
            <div>
              <dt>{t("campaigns.figures.voucherReserved")}</dt>
              <dd>{formatMoney(f.voucherReservedCents, locale)}</dd>
            </div>
          </dl>
          <div>
            <Table>
              <caption>{t("campaigns.figures.engagements")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("campaigns.figures.state")}</th>
                  <th scope="col">{t("campaigns.figures.count")}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(f.engagementsByState).length === 0 ? (
                  <tr>
                    <td colSpan={2}>{t("campaigns.figures.noData")}</td>
                  </tr>
                ) : (
                  Object.entries(f.engagementsByState).map(([state, n]) => (
                    <tr key={state}>
                      <th scope="row">{t(`engagements.states.${state}`)}</th>
                      <td>{n}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </Table>
            <Table>
              <caption>{t("campaigns.figures.participation")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("campaigns.staff.edition")}</th>
                  <th scope="col">{t("campaigns.figures.approved")}</th>
                  <th scope="col">{t("campaigns.figures.featuredCount")}</th>
                  <th scope="col">{t("campaigns.figures.pending")}</th>
                </tr>
              </thead>
              <tbody>
                {f.participation.length === 0 ? (
                  <tr>
                    <td colSpan={4}>{t("campaigns.figures.noData")}</td>
                  </tr>
                ) : (
                  f.participation.map((p) => (
                    <tr key={p.editionId}>
                      <th scope="row">{p.title}</th>
                      <td>{p.approved}</td>
                      <td>{p.featured}</td>
                      <td>{p.pending}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </Table>
          </div>
          <p>
            <Link to="/gemeente/zomer">{t("nav.campaign")}</Link> · <Link to={`/zomer/${m.slug}`}>{t("campaigns.public.municipalityTitle", { municipality: m.name })}</Link>
          </p>
        </section>
      ))}
      <section aria-labelledby="retailers-title">
        <h2 id="retailers-title">{t("campaigns.staff.retailers")}</h2>
        {businesses.length === 0 ? (
          <p>{t("campaigns.figures.noData")}</p>
        ) : (
          <Table>
              <thead>
                <tr>
                  <th scope="col">{t("campaigns.staff.business")}</th>
                  <th scope="col">{t("campaigns.public.sector")}</th>
                  <th scope="col">{t("campaigns.staff.municipality")}</th>
                  <th scope="col">{edition ? edition.title : t("campaigns.name")}</th>
                </tr>
              </thead>
              <tbody>
                {businesses.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">
                      <Link to={`/zaken/${b.slug}`}>{b.name}</Link>
                    </th>
                    <td>{t(`sectors.${b.sector}`)}</td>
                    <td>{b.municipality}</td>
                    <td>
                      {b.participation ? (
                        t(`campaigns.status.${b.participation}`)
                      ) : b.invited ? (
                        t("campaigns.staff.invitedAlready")
                      ) : edition ? (
                        <Form method="post" action={`/gemeente/zomer?editie=${edition.slug}`}>
                          <input type="hidden" name="businessId" value={b.id} />
                          <input type="hidden" name="back" value="gemeente" />
                          <button type="submit" name="intent" value="invite-business" className="button-small" aria-label={`${t("campaigns.staff.inviteBusiness")}: ${b.name}`}>
                            {t("campaigns.staff.inviteBusiness")}
                          </button>
                        </Form>
                      ) : (
                        "–"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
        )}
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Mijn gemeente – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
