import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { asEngagementState, listEngagementsOf } from "~/modules/engagements/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { EngagementList } from "~/ui/engagement-list";

/** `?fase=<state>` narrows the list to one phase: the office's work queue of disputes is `?fase=disputed`. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["retailer", "provider", "admin"]);
  const state = asEngagementState(new URL(request.url).searchParams.get("fase"));
  return json({ engagements: await listEngagementsOf(user, state), state, role: user.role as "retailer" | "provider" | "admin" });
}

export default function EngagementsPage() {
  const { t } = useTranslation();
  const { engagements, state, role } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={state ? t("workspace.titleInState", { state: t(`engagements.states.${state}`) }) : t("workspace.title")} />
      {engagements.length === 0 ? <p>{t("workspace.none")}</p> : null}
      <EngagementList engagements={engagements} role={role} headingLevel={2} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Trajecten – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
