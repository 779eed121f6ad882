import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { env } from "~/lib/env.server";
import { getUser } from "~/modules/auth/index.server";
import { getPublicPromotion, getRunningEdition, posterQrSvg } from "~/modules/campaigns/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { notFound } from "~/lib/responses";

/** An A4 window poster: print it from the browser; the QR code leads to the promotion page. */
export const handle = { bare: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await getUser(request);
  const edition = await getRunningEdition();
  const promotion = edition ? await getPublicPromotion(edition.id, params.municipality ?? "", params.business ?? "") : null;
  if (!edition || !promotion) throw notFound();
  const url = `${env.APP_URL}/zomer/${promotion.municipalitySlug}/${promotion.slug}`;
  return json({ edition, promotion, url, qr: await posterQrSvg(url) });
}

export default function Poster() {
  const { t } = useTranslation();
  const { edition, promotion, url, qr } = useLoaderData<typeof loader>();
  return (
    <div className="poster">
      <h1>{edition.title}</h1>
      <p className="poster-business">{promotion.name}</p>
      <p className="poster-promotion">{promotion.promotionTitle}</p>
      {/* The SVG comes from the qrcode library, fed only our own URL. */}
      <div className="poster-qr" role="img" aria-label={url} dangerouslySetInnerHTML={{ __html: qr }} />
      <p>{t("campaigns.poster.scan")}</p>
      <p className="muted">{url.replace(/^https?:\/\//, "")}</p>
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("campaigns.poster.print")}
        </button>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.promotion.name}, ${data.edition.title} – affiche` : "Koppel" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
