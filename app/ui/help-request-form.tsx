import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { budgetBands, HelpRequestSchema } from "~/modules/marketplace/rules";
import { languageCodes, serviceCodes } from "~/modules/profiles/taxonomy";
import { CheckboxGroup, Field, FormErrors, SelectField, TextareaField, useZodForm } from "./forms";

/**
 * A help request's form, for a new request and for a draft being edited: the same fields, checks and
 * messages. `requestedProvider` names the provider asked for from their page (kept as a hidden field).
 */
export function HelpRequestForm({
  lastResult,
  defaultValue,
  requestedProvider,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: Record<string, unknown>;
  requestedProvider: string | null;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("help-request", HelpRequestSchema, lastResult, defaultValue);
  return (
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
        {submitLabel}
      </button>
    </Form>
  );
}
