import { getFormProps, getInputProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/lib/i18n";
import { BusinessSchema } from "~/modules/profiles/schemas";
import { employeeBands, languageCodes, presenceChannels, weekdays } from "~/modules/profiles/taxonomy";
import { CheckboxGroup, Field, FormErrors, SelectField, TextareaField, useZodForm } from "~/ui/forms";

const sectors = ["retail", "tourism", "hospitality"] as const;

type Options = {
  municipalities: { nisCode: string; name: string }[];
  naceCodes: { code: string; codeDotted: string; sector: string; labelNl: string; labelEn: string }[];
};

export function BusinessForm({
  options,
  locale,
  lastResult,
  defaultValue,
}: {
  options: Options;
  locale: Locale;
  lastResult: Parameters<typeof useZodForm>[2];
  defaultValue?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useZodForm("business", BusinessSchema, lastResult, defaultValue);
  const hours = fields.hours.getFieldset();
  const presence = fields.presence.getFieldset();
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("business.name")} meta={fields.name} input={getInputProps(fields.name, { type: "text" })} />
      <Field
        label={t("business.enterpriseNumber")}
        hint={t("business.enterpriseNumberHint")}
        meta={fields.enterpriseNumber}
        input={{ ...getInputProps(fields.enterpriseNumber, { type: "text" }), inputMode: "numeric" }}
      />
      <SelectField label={t("business.sector")} meta={fields.sector}>
        {sectors.map((s) => (
          <option key={s} value={s}>
            {t(`sectors.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("business.nace")} meta={fields.naceCode}>
        <option value="">{t("business.naceNone")}</option>
        {sectors.map((s) => (
          <optgroup key={s} label={t(`sectors.${s}`)}>
            {options.naceCodes
              .filter((n) => n.sector === s)
              .map((n) => (
                <option key={n.code} value={n.code}>
                  {n.codeDotted} {locale === "nl" ? n.labelNl : n.labelEn}
                </option>
              ))}
          </optgroup>
        ))}
      </SelectField>
      <SelectField label={t("business.municipality")} meta={fields.nisCode}>
        <option value="">{t("business.municipalityChoose")}</option>
        {options.municipalities.map((m) => (
          <option key={m.nisCode} value={m.nisCode}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("business.postalCode")}
        meta={fields.postalCode}
        input={{ ...getInputProps(fields.postalCode, { type: "text" }), inputMode: "numeric", autoComplete: "postal-code" }}
      />
      <Field label={t("business.street")} meta={fields.street} input={{ ...getInputProps(fields.street, { type: "text" }), autoComplete: "street-address" }} />
      <Field label={t("business.phone")} hint={t("business.phoneHint")} meta={fields.phone} input={{ ...getInputProps(fields.phone, { type: "tel" }), autoComplete: "tel" }} />
      <Field label={t("business.iban")} hint={t("business.ibanHint")} meta={fields.iban} input={{ ...getInputProps(fields.iban, { type: "text" }), autoComplete: "off" }} />
      <label className="choice">
        <input {...getInputProps(fields.inShoppingArea, { type: "checkbox" })} />
        <span>{t("business.inShoppingArea")}</span>
      </label>
      <SelectField label={t("business.employeeBand")} meta={fields.employeeBand}>
        <option value="">{t("business.employeeBandNone")}</option>
        {employeeBands.map((b) => (
          <option key={b} value={b}>
            {b}
          </option>
        ))}
      </SelectField>
      <CheckboxGroup legend={t("business.languages")} meta={fields.languages} options={languageCodes.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
      <fieldset>
        <legend>{t("business.openingHours")}</legend>
        <p className="hint">{t("business.openingHoursHint")}</p>
        {weekdays.map((day) => (
          <Field key={day} label={t(`weekdays.${day}`)} meta={hours[day]} input={getInputProps(hours[day], { type: "text" })} />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("business.presence")}</legend>
        {presenceChannels.map((channel) => {
          const entry = presence[channel.code].getFieldset();
          return (
            <div key={channel.code} className="presence-row">
              <label className="choice">
                <input {...getInputProps(entry.active, { type: "checkbox" })} />
                <span>{t(`presence.${channel.code}`)}</span>
              </label>
              {channel.url ? (
                <Field
                  label={t("business.presenceUrl", { channel: t(`presence.${channel.code}`) })}
                  meta={entry.url}
                  input={{ ...getInputProps(entry.url, { type: "url" }), placeholder: "https://" }}
                />
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <TextareaField label={t("business.description")} meta={fields.description} max={1000} />
      <button type="submit" disabled={navigation.state === "submitting"}>
        {t("business.save")}
      </button>
    </Form>
  );
}
