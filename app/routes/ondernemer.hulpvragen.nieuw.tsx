import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { createHelpRequest, requestableProvider, suggestedServices } from "~/modules/marketplace/index.server";
import { HelpRequestSchema } from "~/modules/marketplace/rules";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/forms";
import { HelpRequestForm } from "~/ui/help-request-form";
import { invariantResponse } from "~/lib/responses";

/** /ondernemer/hulpvragen/nieuw?zaak=<business id>: the services come prefilled from the latest quickscan. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const search = new URL(request.url).searchParams;
  const businessId = search.get("zaak") ?? "";
  const suggestion = /^[0-9a-f-]{36}$/.test(businessId) ? await suggestedServices(user.id, businessId) : null;
  invariantResponse(suggestion);
  // Asked from a provider's page ("Vraag een voorstel"): that provider is invited as well.
  const providerId = search.get("aanbieder") ?? "";
  const requested = /^[0-9a-f-]{36}$/.test(providerId) ? await requestableProvider(providerId) : null;
  return json({
    businessName: suggestion.business.name,
    requestedProvider: requested?.companyName ?? null,
    defaultValue: { businessId, services: suggestion.services, languages: suggestion.business.languages, budgetBand: "1000_2500", requestedProviderId: requested?.id },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "retailer");
  const submission = parseSubmission(await readFormData(request), HelpRequestSchema);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const id = await createHelpRequest(user.id, submission.value);
  invariantResponse(id);
  return redirectWithToast(`/ondernemer/hulpvragen/${id}`, { key: "requests.saved" });
}

export default function NewHelpRequestPage() {
  const { t } = useTranslation();
  const { businessName, defaultValue, requestedProvider } = useLoaderData<typeof loader>();
  return (
    <div className="narrow-wide">
      <PageHeader title={t("requests.newTitle", { business: businessName })}>{t("requests.intro")}</PageHeader>
      <HelpRequestForm lastResult={useActionData<typeof action>()} defaultValue={defaultValue} requestedProvider={requestedProvider} submitLabel={t("requests.save")} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Hulp vragen – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
