import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getStaffMunicipalities, requireRole } from "~/modules/auth/index.server";
import { countBusinessesIn } from "~/modules/campaigns/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "municipality");
  const municipalities = await getStaffMunicipalities(user.id);
  const counts = await countBusinessesIn(municipalities.map((m) => m.nisCode));
  return json({ municipalities: municipalities.map((m) => ({ ...m, businesses: counts.get(m.nisCode) ?? 0 })) });
}

export default function MunicipalityHome() {
  const { t } = useTranslation();
  const { municipalities } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("dashboards.municipalityTitle")}>{t("dashboards.municipalityIntro")}</PageHeader>
      <h2>{t("dashboards.yourMunicipalities")}</h2>
      <ul className="cards">
        {municipalities.map((m) => (
          <li key={m.nisCode} className="card">
            <h3>{m.name}</h3>
            <p>{t("dashboards.businessesInMunicipality", { count: m.businesses })}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Mijn gemeente – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
