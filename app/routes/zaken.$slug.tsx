import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { env } from "~/lib/env.server";
import { getUser } from "~/modules/auth/index.server";
import { getBusinessProgress, getPublicBusiness } from "~/modules/profiles/index.server";
import { localBusinessJsonLd } from "~/modules/profiles/schema-org";
import { OpeningHoursTable, PresenceLinks } from "~/ui/business-facts";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { JsonLd } from "~/ui/json-ld";
import { invariantResponse } from "~/lib/responses";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // A public page: the guard only tells who is looking (nothing here depends on it yet).
  await getUser(request);
  const business = await getPublicBusiness(params.slug ?? "");
  invariantResponse(business);
  return json({ business, progress: await getBusinessProgress(business.id), url: `${env.APP_URL}/zaken/${business.slug}` });
}

export default function BusinessPublicPage() {
  const { t } = useTranslation();
  const { business, url, progress } = useLoaderData<typeof loader>();
  return (
    <article className="narrow-wide">
      <h1>
        {business.name} {progress.newOnline ? <span className="badge">{t("maturity.newOnline")}</span> : null}
      </h1>
      <p className="lead">
        {t(`sectors.${business.sector}`)} · {business.street}, {business.postalCode} {business.municipality}
      </p>
      <p>{business.description}</p>
      {progress.firstScore != null && progress.latestScore != null && progress.newOnline ? (
        <section aria-labelledby="maturity-title">
          <h2 id="maturity-title">{t("maturity.title")}</h2>
          <p>{t("maturity.beforeAfter", { before: progress.firstScore, after: progress.latestScore })}</p>
        </section>
      ) : null}
      <h2>{t("business.openingHours")}</h2>
      <OpeningHoursTable hours={business.openingHours} />
      <PresenceLinks presence={business.digitalPresence} />
      <JsonLd data={localBusinessJsonLd(business, url)} />
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Koppel" }];
  const { business, url } = data;
  return [
    { title: `${business.name}, ${business.municipality} – Koppel` },
    { name: "description", content: business.description.slice(0, 200) },
    { property: "og:type", content: "business.business" },
    { property: "og:title", content: business.name },
    { property: "og:description", content: business.description.slice(0, 200) },
    { property: "og:url", content: url },
    { property: "og:locale", content: "nl_BE" },
  ];
};

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
