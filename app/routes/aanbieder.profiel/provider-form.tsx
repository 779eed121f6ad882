import { getFormProps, getInputProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProviderSchema } from "~/modules/profiles/schemas";
import { languageCodes, serviceCodes, vatStatuses } from "~/modules/profiles/taxonomy";
import { CheckboxGroup, ErrorList, Field, FormErrors, SelectField, TextareaField, useZodForm } from "~/ui/forms";

export function ProviderForm({
  municipalities,
  lastResult,
  defaultValue,
}: {
  municipalities: { nisCode: string; name: string }[];
  lastResult: Parameters<typeof useZodForm>[2];
  defaultValue?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("provider", ProviderSchema, lastResult, defaultValue);
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("provider.companyName")} meta={fields.companyName} input={getInputProps(fields.companyName, { type: "text" })} />
      <Field
        label={t("business.enterpriseNumber")}
        hint={t("business.enterpriseNumberHint")}
        meta={fields.enterpriseNumber}
        input={{ ...getInputProps(fields.enterpriseNumber, { type: "text" }), inputMode: "numeric" }}
      />
      <Field label={t("provider.foundedOn")} meta={fields.foundedOn} input={getInputProps(fields.foundedOn, { type: "date" })} />
      <SelectField label={t("provider.kind")} meta={fields.kind}>
        {(["ict", "marketing", "both"] as const).map((k) => (
          <option key={k} value={k}>
            {t(`kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxGroup legend={t("provider.services")} meta={fields.services} options={serviceCodes.map((s) => ({ value: s, label: t(`services.${s}`) }))} grid />
      <CheckboxGroup
        legend={t("provider.sectors")}
        meta={fields.sectors}
        options={(["retail", "tourism", "hospitality"] as const).map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
      />
      <SelectField label={t("provider.baseMunicipality")} meta={fields.baseNisCode}>
        <option value="">{t("business.municipalityChoose")}</option>
        {municipalities.map((m) => (
          <option key={m.nisCode} value={m.nisCode}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <Field label={t("provider.radiusKm")} meta={fields.radiusKm} input={{ ...getInputProps(fields.radiusKm, { type: "number" }), min: 0, max: 150 }} />
      <CheckboxGroup
        legend={t("provider.serviceMunicipalities")}
        meta={fields.serviceNisCodes}
        options={municipalities.map((m) => ({ value: m.nisCode, label: m.name }))}
        grid
      />
      <CheckboxGroup legend={t("provider.languages")} meta={fields.languages} options={languageCodes.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
      <Field label={t("provider.hourlyRate")} meta={fields.hourlyRate} input={{ ...getInputProps(fields.hourlyRate, { type: "text" }), inputMode: "decimal" }} />
      <Field label={t("provider.capacity")} meta={fields.capacity} input={{ ...getInputProps(fields.capacity, { type: "number" }), min: 1, max: 20 }} />
      <TextareaField label={t("provider.bio")} meta={fields.bio} rows={5} max={2000} />
      <TextareaField label={t("provider.portfolioLinks")} meta={fields.portfolioLinks} rows={3} />
      <Field label={t("provider.iban")} meta={fields.iban} input={{ ...getInputProps(fields.iban, { type: "text" }), autoComplete: "off" }} />
      <fieldset aria-describedby={fields.vatStatus.errors?.length ? fields.vatStatus.errorId : undefined}>
        <legend>{t("provider.vatStatus")}</legend>
        {vatStatuses.map((status) => (
          <label className="choice" key={status}>
            <input {...getInputProps(fields.vatStatus, { type: "radio", value: status })} />
            <span>{t(`provider.vatStatuses.${status}`)}</span>
          </label>
        ))}
        <ErrorList id={fields.vatStatus.errorId} errors={fields.vatStatus.errors} />
      </fieldset>
      <Field label={t("provider.vatNumber")} hint={t("provider.vatNumberHint")} meta={fields.vatNumber} input={getInputProps(fields.vatNumber, { type: "text" })} />
      <Field label={t("provider.street")} meta={fields.street} input={{ ...getInputProps(fields.street, { type: "text" }), autoComplete: "street-address" }} />
      <Field label={t("provider.postalCode")} meta={fields.postalCode} input={{ ...getInputProps(fields.postalCode, { type: "text" }), inputMode: "numeric", autoComplete: "postal-code" }} />
      <Field label={t("provider.phone")} meta={fields.phone} input={{ ...getInputProps(fields.phone, { type: "tel" }), autoComplete: "tel" }} />
      <TextareaField label={t("provider.conflicts")} meta={fields.conflictEnterpriseNumbers} rows={2} />
      <div className="field">
        <label className="choice">
          <input {...getInputProps(fields.conflictDeclaration, { type: "checkbox" })} />
          <span>{t("provider.conflictDeclaration")}</span>
        </label>
        <ErrorList id={fields.conflictDeclaration.errorId} errors={fields.conflictDeclaration.errors} />
      </div>
      <div className="field">
        <label className="choice">
          <input {...getInputProps(fields.billingMandate, { type: "checkbox" })} />
          <span>{t("provider.billingMandate")}</span>
        </label>
        <ErrorList id={fields.billingMandate.errorId} errors={fields.billingMandate.errors} />
      </div>
      <button type="submit" disabled={navigation.state === "submitting"}>
        {t("provider.save")}
      </button>
    </Form>
  );
}
