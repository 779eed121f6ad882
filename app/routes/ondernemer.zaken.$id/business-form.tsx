import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/lib/i18n";
import { BusinessSchema } from "~/modules/profiles/schemas";
import { employeeBands, languageCodes, presenceChannels, weekdays } from "~/modules/profiles/taxonomy";
import { ErrorList, Field, FormErrors, useZodForm } from "~/ui/forms";

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
  const languageValues = new Set([fields.languages.initialValue ?? []].flat());
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
      <div className="field">
        <label htmlFor={fields.sector.id}>{t("business.sector")}</label>
        <select {...getSelectProps(fields.sector)} aria-describedby={fields.sector.errors ? fields.sector.errorId : undefined}>
          {(["retail", "tourism", "hospitality"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`sectors.${s}`)}
            </option>
          ))}
        </select>
        <ErrorList id={fields.sector.errorId} errors={fields.sector.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.naceCode.id}>{t("business.nace")}</label>
        <select {...getSelectProps(fields.naceCode)} aria-describedby={fields.naceCode.errors ? fields.naceCode.errorId : undefined}>
          <option value="">{t("business.naceNone")}</option>
          {(["retail", "tourism", "hospitality"] as const).map((s) => (
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
        </select>
        <ErrorList id={fields.naceCode.errorId} errors={fields.naceCode.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.nisCode.id}>{t("business.municipality")}</label>
        <select {...getSelectProps(fields.nisCode)} aria-describedby={fields.nisCode.errors ? fields.nisCode.errorId : undefined}>
          <option value="">{t("business.municipalityChoose")}</option>
          {options.municipalities.map((m) => (
            <option key={m.nisCode} value={m.nisCode}>
              {m.name}
            </option>
          ))}
        </select>
        <ErrorList id={fields.nisCode.errorId} errors={fields.nisCode.errors} />
      </div>
      <Field
        label={t("business.postalCode")}
        meta={fields.postalCode}
        input={{ ...getInputProps(fields.postalCode, { type: "text" }), inputMode: "numeric", autoComplete: "postal-code" }}
      />
      <Field label={t("business.street")} meta={fields.street} input={{ ...getInputProps(fields.street, { type: "text" }), autoComplete: "street-address" }} />
      <label className="choice">
        <input {...getInputProps(fields.inShoppingArea, { type: "checkbox" })} />
        <span>{t("business.inShoppingArea")}</span>
      </label>
      <div className="field">
        <label htmlFor={fields.employeeBand.id}>{t("business.employeeBand")}</label>
        <select {...getSelectProps(fields.employeeBand)}>
          <option value="">{t("business.employeeBandNone")}</option>
          {employeeBands.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t("business.languages")}</legend>
        {languageCodes.map((code) => (
          <label className="choice" key={code}>
            <input type="checkbox" name={fields.languages.name} value={code} defaultChecked={languageValues.has(code)} />
            <span>{t(`languages.${code}`)}</span>
          </label>
        ))}
        <ErrorList id={fields.languages.errorId} errors={fields.languages.errors} />
      </fieldset>
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
      <div className="field">
        <label htmlFor={fields.description.id}>{t("business.description")}</label>
        <textarea {...getTextareaProps(fields.description)} rows={4} aria-describedby={fields.description.errors ? fields.description.errorId : undefined} />
        <ErrorList id={fields.description.errorId} errors={fields.description.errors} params={{ max: 1000 }} />
      </div>
      <button type="submit" disabled={navigation.state === "submitting"}>
        {t("business.save")}
      </button>
    </Form>
  );
}
