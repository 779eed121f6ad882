import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { invariantResponse } from "~/lib/responses";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { getOwnHelpRequest, updateHelpRequest } from "~/modules/marketplace/index.server";
import { HelpRequestSchema } from "~/modules/marketplace/rules";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { HelpRequestForm } from "~/ui/help-request-form";

/** /ondernemer/hulpvragen/<id>/bewerken: a draft is the retailer's to change until it is published. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const found = await getOwnHelpRequest(user.id, params.id ?? "");
  invariantResponse(found);
  const here = `/ondernemer/hulpvragen/${found.request.id}`;
  // Once published, providers have read it: it is no longer a draft to change.
  if (found.request.status !== "draft") throw await redirectWithToast(here, { key: "requests.notDraft", kind: "info" });
  const { request: draft } = found;
  return json({
    id: draft.id,
    businessName: found.businessName,
    requestedProvider: found.requestedProviderName,
    defaultValue: {
      businessId: draft.businessId,
      title: draft.title,
      description: draft.description,
      services: draft.services,
      budgetBand: draft.budgetBand,
      desiredStart: draft.desiredStart ?? undefined,
      languages: draft.languages,
      requestedProviderId: draft.requestedProviderId ?? undefined,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const id = params.id ?? "";
  invariantResponse(await getOwnHelpRequest(user.id, id));
  const submission = parseSubmission(await readFormData(request), HelpRequestSchema);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await updateHelpRequest(user.id, id, submission.value);
  if (!result.ok) return json(submission.reply({ formErrors: ["requests.notDraft"] }), { status: 409 });
  return redirectWithToast(`/ondernemer/hulpvragen/${id}`, { key: "requests.updated" });
}

export default function EditHelpRequestPage() {
  const { t } = useTranslation();
  const { id, businessName, defaultValue, requestedProvider } = useLoaderData<typeof loader>();
  return (
    <div className="narrow-wide">
      <p>
        <Link to={`/ondernemer/hulpvragen/${id}`}>← {t("requests.backToDraft")}</Link>
      </p>
      <PageHeader title={t("requests.editTitle", { business: businessName })}>{t("requests.editIntro")}</PageHeader>
      <HelpRequestForm lastResult={useActionData<typeof action>()} defaultValue={defaultValue} requestedProvider={requestedProvider} submitLabel={t("requests.saveChanges")} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Hulpvraag bewerken – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
