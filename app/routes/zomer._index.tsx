import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { env } from "~/lib/env.server";
import { formatDate } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { getUser } from "~/modules/auth/index.server";
import { countParticipantsByMunicipality, getMunicipalityMap, getRunningEdition, listMunicipalities } from "~/modules/campaigns/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { MunicipalityMap } from "~/ui/municipality-map";

export async function loader({ request }: LoaderFunctionArgs) {
  // Public: the guard only tells who is looking, for the language.
  const user = await getUser(request);
  const [edition, municipalities, locale] = await Promise.all([getRunningEdition(), listMunicipalities(), getLocale(request, user)]);
  const counts = edition ? await countParticipantsByMunicipality(edition.id) : {};
  return json({ edition, municipalities, counts, map: getMunicipalityMap(), locale, url: `${env.APP_URL}/zomer` });
}

export default function CampaignOverview() {
  const { t } = useTranslation();
  const { edition, municipalities, counts, map, locale } = useLoaderData<typeof loader>();
  const slugOf = new Map(municipalities.map((m) => [m.nisCode, m.slug]));
  const taking = municipalities.filter((m) => counts[m.nisCode]);
  const others = municipalities.filter((m) => !counts[m.nisCode]);
  return (
    <>
      <header className="page-header">
        <h1>{edition?.title ?? t("campaigns.public.title")}</h1>
        <p className="lead">{edition?.introduction || t("campaigns.public.intro")}</p>
        {edition ? (
          <p>{t("campaigns.public.period", { from: formatDate(edition.startsOn, locale), until: formatDate(edition.endsOn, locale) })}</p>
        ) : (
          <p className="notice">{t("campaigns.public.noEdition")}</p>
        )}
      </header>
      {edition ? (
        <div className="campaign-layout">
          <MunicipalityMap
            map={map}
            values={counts}
            title={t("campaigns.public.mapTitle")}
            legendLabel={t("campaigns.public.mapLegend")}
            describe={(name, value) => `${name}: ${t("campaigns.public.participants", { count: value })}`}
            hrefFor={(nisCode) => `/zomer/${slugOf.get(nisCode)}`}
          />
          <section aria-labelledby="municipalities-title">
            {/* The municipalities that take part; the others fold away (their pages say nobody does yet). */}
            <h2 id="municipalities-title">{t("campaigns.public.municipalitiesTakingPart", { count: taking.length })}</h2>
            <ul className="municipality-list">
              {taking.map((m) => (
                <li key={m.nisCode}>
                  <Link to={`/zomer/${m.slug}`}>{m.name}</Link> <strong>({t("campaigns.public.participants", { count: counts[m.nisCode] })})</strong>
                </li>
              ))}
            </ul>
            {others.length ? (
              <details>
                <summary>{t("campaigns.public.municipalitiesOther", { count: others.length })}</summary>
                <ul className="municipality-list">
                  {others.map((m) => (
                    <li key={m.nisCode}>
                      <Link to={`/zomer/${m.slug}`}>{m.name}</Link>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
        </div>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const title = data?.edition?.title ?? "Zomer in West-Vlaanderen";
  const description = data?.edition?.introduction || "Ontdek lokale winkels, logies en horeca in West-Vlaanderen die deze zomer iets extra doen.";
  return [
    { title: `${title} – Koppel` },
    { name: "description", content: description.slice(0, 200) },
    { property: "og:type", content: "website" },
    { property: "og:title", content: title },
    { property: "og:description", content: description.slice(0, 200) },
    ...(data ? [{ property: "og:url", content: data.url }, { tagName: "link", rel: "canonical", href: data.url }] : []),
    { property: "og:locale", content: "nl_BE" },
  ];
};

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
