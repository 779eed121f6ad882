import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/modules/auth/index.server";
import { getMunicipalityBySlug, getRunningEdition, listPublicParticipants } from "~/modules/campaigns/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PromotionCard } from "~/ui/promotion-card";
import { invariantResponse } from "~/lib/responses";

/**
 * The widget municipal websites put in an iframe: the participants only, with minimal styling.
 * The server lets any site frame /embed/ pages (and no other page); links open a new tab.
 */
export const handle = { bare: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await getUser(request);
  const municipality = await getMunicipalityBySlug(params.municipality ?? "");
  invariantResponse(municipality);
  const edition = await getRunningEdition();
  const participants = edition ? await listPublicParticipants(edition.id, { nisCode: municipality.nisCode }) : [];
  return json({ municipality, edition, participants });
}

export default function CampaignWidget() {
  const { t } = useTranslation();
  const { municipality, edition, participants } = useLoaderData<typeof loader>();
  return (
    <div className="embed-body">
      <h1>{t("campaigns.public.municipalityTitle", { municipality: municipality.name })}</h1>
      {!edition ? (
        <p>{t("campaigns.public.noEdition")}</p>
      ) : participants.length === 0 ? (
        <p>{t("campaigns.public.none")}</p>
      ) : (
        <ul className="promotion-list">
          {participants.map((p) => (
            <PromotionCard key={p.participantId} promotion={p} headingLevel={2} linkTarget="_blank" />
          ))}
        </ul>
      )}
      <p>
        <a href={`/zomer/${municipality.slug}`} target="_blank" rel="noopener">
          {t("campaigns.public.embedMore")}
        </a>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Zomer in ${data.municipality.name} – Koppel` : "Koppel" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
