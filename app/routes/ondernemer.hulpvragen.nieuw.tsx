import { getFormProps, getInputProps } from "@conform-to/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseSubmission, readFormData } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireRole } from "~/modules/auth/index.server";
import { createHelpRequest, requestableProvider, suggestedServices } from "~/modules/marketplace/index.server";
import { budgetBands, HelpRequestSchema } from "~/modules/marketplace/rules";
import { languageCodes, serviceCodes } from "~/modules/profiles/taxonomy";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { CheckboxGroup, Field, FormErrors, PageHeader, SelectField, TextareaField, useZodForm } from "~/ui/forms";
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
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("help-request", HelpRequestSchema, lastResult, defaultValue);
  return (
    <div className="narrow-wide">
      <PageHeader title={t("requests.newTitle", { business: businessName })}>{t("requests.intro")}</PageHeader>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.businessId, { type: "hidden" })} />
        {requestedProvider ? (
          <>
            <input {...getInputProps(fields.requestedProviderId, { type: "hidden" })} />
            <p className="notice">{t("requests.askedProvider", { provider: requestedProvider })}</p>
          </>
        ) : null}
        <Field label={t("requests.fieldTitle")} meta={fields.title} input={getInputProps(fields.title, { type: "text" })} />
        <TextareaField label={t("requests.description")} meta={fields.description} rows={5} max={3000} />
        <CheckboxGroup legend={t("requests.services")} meta={fields.services} options={serviceCodes.map((s) => ({ value: s, label: t(`services.${s}`) }))} grid />
        <SelectField label={t("requests.budgetBand")} meta={fields.budgetBand}>
          {budgetBands.map((b) => (
            <option key={b.code} value={b.code}>
              {t(`requests.bands.${b.code}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t("requests.desiredStart")} meta={fields.desiredStart} input={getInputProps(fields.desiredStart, { type: "date" })} />
        <CheckboxGroup legend={t("requests.languages")} meta={fields.languages} options={languageCodes.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("requests.save")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Hulp vragen – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
