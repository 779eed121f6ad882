import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { env } from "~/lib/env.server";
import { getUser } from "~/modules/auth/index.server";
import { getMunicipalityBySlug, getRunningEdition, listPublicParticipants } from "~/modules/campaigns/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PromotionCard } from "~/ui/promotion-card";
import { sectorCodes as sectors } from "~/modules/profiles/taxonomy";
import { invariantResponse } from "~/lib/responses";

const FilterSchema = z.object({
  sector: z.enum(sectors).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await getUser(request);
  const municipality = await getMunicipalityBySlug(params.municipality ?? "");
  invariantResponse(municipality);
  const search = new URL(request.url).searchParams;
  const filter = FilterSchema.parse({ sector: search.get("sector") || undefined, q: search.get("q") || undefined });
  const edition = await getRunningEdition();
  const participants = edition ? await listPublicParticipants(edition.id, { nisCode: municipality.nisCode, ...filter }) : [];
  return json({ municipality, edition, participants, filter, url: `${env.APP_URL}/zomer/${municipality.slug}` });
}

export default function CampaignMunicipality() {
  const { t } = useTranslation();
  const { municipality, edition, participants, filter } = useLoaderData<typeof loader>();
  // No business here takes part at all (not: none matches the filter): say so, without a search.
  const nobody = participants.length === 0 && !filter.q && !filter.sector;
  return (
    <>
      <p className="no-print">
        <Link to="/zomer">← {edition?.title ?? t("campaigns.public.title")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("campaigns.public.municipalityTitle", { municipality: municipality.name })}</h1>
        {edition ? <p className="lead">{t(nobody ? "campaigns.public.municipalityNobody" : "campaigns.public.municipalityIntro", { municipality: municipality.name, edition: edition.title })}</p> : null}
      </header>
      {edition && nobody ? (
        <p>
          <Link to="/zomer">{t("campaigns.public.otherMunicipalities")}</Link>
        </p>
      ) : edition ? (
        <>
          <Form method="get" className="search-row" role="search" aria-label={t("campaigns.public.filter")}>
            <div className="field">
              <label htmlFor="campaign-q">{t("campaigns.public.search")}</label>
              <input id="campaign-q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
            </div>
            <div className="field">
              <label htmlFor="campaign-sector">{t("campaigns.public.sector")}</label>
              <select id="campaign-sector" name="sector" defaultValue={filter.sector ?? ""}>
                <option value="">{t("campaigns.public.allSectors")}</option>
                {sectors.map((s) => (
                  <option key={s} value={s}>
                    {t(`sectors.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <button type="submit">{t("campaigns.public.apply")}</button>
            </div>
          </Form>
          <p role="status">{t("campaigns.public.results", { count: participants.length })}</p>
          {participants.length === 0 ? (
            <p>{t("campaigns.public.none")}</p>
          ) : (
            <ul className="promotion-list">
              {participants.map((p) => (
                <PromotionCard key={p.participantId} promotion={p} headingLevel={2} />
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="notice">{t("campaigns.public.noEdition")}</p>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Koppel" }];
  const title = `Zomer in ${data.municipality.name}`;
  const description = `Lokale winkels, logies en horeca in ${data.municipality.name} die meedoen aan ${data.edition?.title ?? "ZomerInWestVlaanderen"}.`;
  return [
    { title: `${title} – Koppel` },
    { name: "description", content: description },
    { property: "og:type", content: "website" },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:url", content: data.url },
    { property: "og:locale", content: "nl_BE" },
    { tagName: "link", rel: "canonical", href: data.url },
  ];
};

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
