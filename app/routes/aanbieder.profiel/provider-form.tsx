import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProviderSchema } from "~/modules/profiles/schemas";
import { languageCodes, serviceCodes } from "~/modules/profiles/taxonomy";
import { ErrorList, Field, FormErrors, useZodForm } from "~/ui/forms";

/** A group of checkboxes sharing one name: Conform reads them as a list. */
function CheckboxGroup({
  legend,
  field,
  options,
  grid = false,
}: {
  legend: string;
  field: FieldMetadata<string[] | undefined, Record<string, unknown>, string[]>;
  options: { value: string; label: string }[];
  grid?: boolean;
}) {
  const checked = new Set([field.initialValue ?? []].flat());
  return (
    <fieldset aria-describedby={field.errors ? field.errorId : undefined}>
      <legend>{legend}</legend>
      <div className={grid ? "checkbox-grid" : undefined}>
        {options.map((o) => (
          <label className="choice" key={o.value}>
            <input type="checkbox" name={field.name} value={o.value} defaultChecked={checked.has(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

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
      <div className="field">
        <label htmlFor={fields.kind.id}>{t("provider.kind")}</label>
        <select {...getSelectProps(fields.kind)}>
          {(["ict", "marketing", "both"] as const).map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
        <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
      </div>
      <CheckboxGroup legend={t("provider.services")} field={fields.services} options={serviceCodes.map((s) => ({ value: s, label: t(`services.${s}`) }))} grid />
      <CheckboxGroup
        legend={t("provider.sectors")}
        field={fields.sectors}
        options={(["retail", "tourism", "hospitality"] as const).map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
      />
      <div className="field">
        <label htmlFor={fields.baseNisCode.id}>{t("provider.baseMunicipality")}</label>
        <select {...getSelectProps(fields.baseNisCode)}>
          <option value="">{t("business.municipalityChoose")}</option>
          {municipalities.map((m) => (
            <option key={m.nisCode} value={m.nisCode}>
              {m.name}
            </option>
          ))}
        </select>
        <ErrorList id={fields.baseNisCode.errorId} errors={fields.baseNisCode.errors} />
      </div>
      <Field label={t("provider.radiusKm")} meta={fields.radiusKm} input={{ ...getInputProps(fields.radiusKm, { type: "number" }), min: 0, max: 150 }} />
      <CheckboxGroup
        legend={t("provider.serviceMunicipalities")}
        field={fields.serviceNisCodes}
        options={municipalities.map((m) => ({ value: m.nisCode, label: m.name }))}
        grid
      />
      <CheckboxGroup legend={t("provider.languages")} field={fields.languages} options={languageCodes.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
      <Field label={t("provider.hourlyRate")} meta={fields.hourlyRate} input={{ ...getInputProps(fields.hourlyRate, { type: "text" }), inputMode: "decimal" }} />
      <Field label={t("provider.capacity")} meta={fields.capacity} input={{ ...getInputProps(fields.capacity, { type: "number" }), min: 1, max: 20 }} />
      <div className="field">
        <label htmlFor={fields.bio.id}>{t("provider.bio")}</label>
        <textarea {...getTextareaProps(fields.bio)} rows={5} />
        <ErrorList id={fields.bio.errorId} errors={fields.bio.errors} params={{ max: 2000 }} />
      </div>
      <div className="field">
        <label htmlFor={fields.portfolioLinks.id}>{t("provider.portfolioLinks")}</label>
        <textarea {...getTextareaProps(fields.portfolioLinks)} rows={3} />
        <ErrorList id={fields.portfolioLinks.errorId} errors={fields.portfolioLinks.errors} />
      </div>
      <Field label={t("provider.iban")} meta={fields.iban} input={{ ...getInputProps(fields.iban, { type: "text" }), autoComplete: "off" }} />
      <Field label={t("provider.vatNumber")} meta={fields.vatNumber} input={getInputProps(fields.vatNumber, { type: "text" })} />
      <div className="field">
        <label className="choice">
          <input {...getInputProps(fields.conflictDeclaration, { type: "checkbox" })} />
          <span>{t("provider.conflictDeclaration")}</span>
        </label>
        <ErrorList id={fields.conflictDeclaration.errorId} errors={fields.conflictDeclaration.errors} />
      </div>
      <button type="submit" disabled={navigation.state === "submitting"}>
        {t("provider.save")}
      </button>
    </Form>
  );
}
