import { useTranslation } from "react-i18next";

/** The period and the submit button that close the office's GET filter forms (dashboard, audit log). */
export function PeriodFilterEnd({ idPrefix, from, until }: { idPrefix: string; from?: string; until?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-from`}>{t("office.from")}</label>
        <input id={`${idPrefix}-from`} type="date" name="from" defaultValue={from ?? ""} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-until`}>{t("office.until")}</label>
        <input id={`${idPrefix}-until`} type="date" name="until" defaultValue={until ?? ""} />
      </div>
      <div className="field">
        <button type="submit">{t("office.apply")}</button>
      </div>
    </>
  );
}
