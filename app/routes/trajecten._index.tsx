import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { listEngagementsOf } from "~/modules/engagements/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["retailer", "provider", "admin"]);
  return json({ engagements: await listEngagementsOf(user) });
}

export default function EngagementsPage() {
  const { t } = useTranslation();
  const { engagements } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("workspace.title")} />
      {engagements.length === 0 ? <p>{t("workspace.none")}</p> : null}
      <ul className="cards">
        {engagements.map((e) => (
          <li key={e.id} className="card">
            <h2>
              <Link to={`/trajecten/${e.id}`}>{e.title}</Link>
            </h2>
            <p>
              {e.businessName} · {e.providerName}
            </p>
            <p>
              <strong>{t(`engagements.states.${e.state}`)}</strong>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Trajecten – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
