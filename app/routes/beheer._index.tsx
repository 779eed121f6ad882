import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { getPlatformFigures } from "~/modules/profiles/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json({ figures: await getPlatformFigures() });
}

export default function AdminHome() {
  const { t } = useTranslation();
  const { figures } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("dashboards.adminTitle")}>{t("dashboards.adminIntro")}</PageHeader>
      <h2>{t("dashboards.counts")}</h2>
      <ul className="figures">
        <li>
          <strong>{figures.businesses}</strong> {t("home.businesses")}
        </li>
        <li>
          <strong>{figures.providers}</strong> {t("home.providers")}
        </li>
      </ul>
      <p>
        <Link to="/beheer/gebruikers">{t("nav.users")}</Link>
      </p>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Beheer – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
