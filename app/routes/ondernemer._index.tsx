import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { listBusinessesOfOwner } from "~/modules/profiles/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  return json({ businesses: await listBusinessesOfOwner(user.id) });
}

export default function RetailerHome() {
  const { t } = useTranslation();
  const { businesses } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("dashboards.retailerTitle")}>{t("dashboards.retailerIntro")}</PageHeader>
      <h2>{t("dashboards.yourBusinesses")}</h2>
      {businesses.length === 0 ? (
        <p>{t("dashboards.noBusinesses")}</p>
      ) : (
        <ul className="cards" aria-label={t("dashboards.yourBusinesses")}>
          {businesses.map((b) => (
            <li key={b.id} className="card">
              <h3>{b.name}</h3>
              <p>
                {t(`sectors.${b.sector}`)} · {b.municipality}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Mijn zaak – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
