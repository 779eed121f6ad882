import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMoney } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { getUser } from "~/modules/auth/index.server";
import { listMunicipalities } from "~/modules/campaigns/index.server";
import { searchDirectory } from "~/modules/matching/index.server";
import { DirectoryParamsSchema, searchParamsToObject } from "~/modules/matching/params";
import { languageCodes, serviceCodes } from "~/modules/profiles/taxonomy";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, PageHeader } from "~/ui/forms";
import { sectorCodes } from "~/modules/profiles/taxonomy";

export async function loader({ request }: LoaderFunctionArgs) {
  // Public: approved providers are meant to be found. The viewer only sets the language.
  const user = await getUser(request);
  const [locale, municipalities] = await Promise.all([getLocale(request, user), listMunicipalities()]);
  const parsed = DirectoryParamsSchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!parsed.success) {
    return json({ locale, municipalities, errors: [...new Set(parsed.error.issues.map((i) => i.message))], result: null }, { status: 400 });
  }
  const result = await searchDirectory(parsed.data);
  return json({ locale, municipalities, errors: null, result });
}

function FacetGroup({ legend, name, options }: { legend: string; name: string; options: { value: string; label: string; count: number }[] }) {
  const [params] = useSearchParams();
  const selected = new Set(params.getAll(name));
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label className="choice" key={o.value}>
          <input type="checkbox" name={name} value={o.value} defaultChecked={selected.has(o.value)} />
          <span>
            {o.label} <span className="facet-count">({o.count})</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Folds the filters on a narrow screen when the page starts running; a desk keeps them open. */
function foldOnPhone(details: HTMLDetailsElement | null) {
  if (details && !details.dataset.folded && window.matchMedia("(max-width: 40rem)").matches) {
    details.dataset.folded = "true";
    details.open = false;
  }
}

export default function DirectoryPage() {
  const { t } = useTranslation();
  const { result, municipalities, locale, errors } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const nameOf = new Map(municipalities.map((m) => [m.nisCode, m.name]));
  const facets = result?.facets;
  const pages = result ? Math.max(1, Math.ceil(result.total / result.perPage)) : 1;
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  return (
    <>
      <PageHeader title={t("directory.title")}>{t("directory.intro")}</PageHeader>
      <Form method="get" className="directory" role="search">
        <div className="field search-row">
          <label htmlFor="directory-q">{t("directory.searchLabel")}</label>
          <input id="directory-q" type="search" name="q" defaultValue={params.get("q") ?? ""} placeholder={t("directory.searchPlaceholder")} maxLength={200} />
          <button type="submit">{t("directory.submit")}</button>
        </div>
        <FormErrors errors={errors} />
        <div className="directory-layout">
          <aside aria-label={t("directory.filters")} className="facets">
            {/* Open on a desk; on a phone folded once the page runs, so the first provider is in view. */}
            <details open ref={foldOnPhone} className="facets-fold">
              <summary>{t("directory.showFilters")}</summary>
              <FacetGroup
                legend={t("directory.service")}
                name="service"
                options={serviceCodes.filter((s) => facets?.service[s]).map((s) => ({ value: s, label: t(`services.${s}`), count: facets!.service[s] }))}
              />
              <FacetGroup
                legend={t("directory.sector")}
                name="sector"
                options={sectorCodes.filter((s) => facets?.sector[s]).map((s) => ({ value: s, label: t(`sectors.${s}`), count: facets!.sector[s] }))}
              />
              <FacetGroup
                legend={t("directory.language")}
                name="language"
                options={languageCodes.filter((l) => facets?.language[l]).map((l) => ({ value: l, label: t(`languages.${l}`), count: facets!.language[l] }))}
              />
              <div className="field">
                <label htmlFor="directory-municipality">{t("directory.municipality")}</label>
                <select id="directory-municipality" name="municipality" defaultValue={params.get("municipality") ?? ""}>
                  <option value="">{t("directory.anyMunicipality")}</option>
                  {municipalities.map((m) => (
                    <option key={m.nisCode} value={m.nisCode}>
                      {m.name} {facets?.municipality[m.nisCode] ? `(${facets.municipality[m.nisCode]})` : ""}
                    </option>
                  ))}
                </select>
              </div>
              <label className="choice">
                <input type="checkbox" name="starter" value="true" defaultChecked={params.get("starter") === "true"} />
                <span>
                  {t("directory.starter")} <span className="facet-count">({facets?.starter.true ?? 0})</span>
                </span>
              </label>
              <div className="field">
                <label htmlFor="directory-sort">{t("directory.sort")}</label>
                <select id="directory-sort" name="sort" defaultValue={params.get("sort") ?? "relevance"}>
                  <option value="relevance">{t("directory.sortRelevance")}</option>
                  <option value="rating">{t("directory.sortRating")}</option>
                  <option value="distance">{t("directory.sortDistance")}</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor="directory-near">{t("directory.near")}</label>
                <select id="directory-near" name="near" defaultValue={params.get("near") ?? ""}>
                  <option value="">—</option>
                  {municipalities.map((m) => (
                    <option key={m.nisCode} value={m.nisCode}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </div>
              <p className="actions">
                <button type="submit">{t("directory.apply")}</button>
                <Link to="/aanbieders">{t("directory.reset")}</Link>
              </p>
            </details>
          </aside>
          <section aria-labelledby="directory-results" className="results">
            <h2 id="directory-results">{t("directory.results", { count: result?.total ?? 0 })}</h2>
            {result && result.hits.length === 0 ? <p>{t("directory.noResults")}</p> : null}
            <ul className="cards">
              {result?.hits.map((hit) => (
                <li key={hit.id} className="card">
                  <h3>
                    <Link to={`/aanbieders/${hit.slug}`}>{hit.name}</Link> {hit.starter ? <span className="badge">{t("provider.starter")}</span> : null}
                  </h3>
                  <p>
                    {t(`kinds.${hit.kind}`)} · {nameOf.get(hit.baseNisCode)}
                    {hit.distanceKm != null ? ` · ${t("directory.distance", { km: hit.distanceKm })}` : null}
                  </p>
                  <p>{t("provider.rate", { rate: formatMoney(hit.hourlyRateCents, locale) })}</p>
                  <ul className="tag-list">
                    {hit.services.map((s) => (
                      <li key={s}>{t(`services.${s}`)}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
            {result && pages > 1 ? (
              <nav aria-label={t("directory.page", { page: result.page, pages })} className="pagination">
                {result.page > 1 ? <Link to={pageLink(result.page - 1)}>{t("directory.previous")}</Link> : null}
                <span>{t("directory.page", { page: result.page, pages })}</span>
                {result.page < pages ? <Link to={pageLink(result.page + 1)}>{t("directory.next")}</Link> : null}
              </nav>
            ) : null}
          </section>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [
  { title: "Aanbieders – Koppel" },
  { name: "description", content: "Gescreende ICT-starters en marketingspecialisten die West-Vlaamse handelaars, B&B's en cafés digitaal vooruit helpen." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
