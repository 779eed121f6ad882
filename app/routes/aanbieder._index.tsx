import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { getProviderOfUser } from "~/modules/profiles/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  return json({ provider: await getProviderOfUser(user.id) });
}

export default function ProviderHome() {
  const { t } = useTranslation();
  const { provider } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("dashboards.providerTitle")}>{t("dashboards.providerIntro")}</PageHeader>
      <h2>{t("dashboards.yourCompany")}</h2>
      {provider ? (
        <div className="card">
          <h3>{provider.companyName}</h3>
          <p>
            {t("dashboards.status")}: {t(`providerStatus.${provider.status}`)}
          </p>
        </div>
      ) : (
        <p>{t("dashboards.noCompany")}</p>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Mijn aanbod – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
