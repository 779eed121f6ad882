import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/format";
import type { Locale } from "~/lib/i18n";

export interface Outcomes {
  starterShare: number | null;
  averageMaturityGain: number | null;
  medianDaysToAward: number | null;
  medianDaysToComplete: number | null;
}

/** The programme's outcomes as label and text, for the dashboard and the impact report alike. */
export function useOutcomeFigures(outcomes: Outcomes, locale: Locale) {
  const { t } = useTranslation();
  const or = (value: number | null, text: (v: string) => string) => (value == null ? t("office.noData") : text(formatNumber(value, locale)));
  return [
    { label: t("office.starterShare"), value: or(outcomes.starterShare == null ? null : Math.round(outcomes.starterShare * 100), (v) => `${v} %`) },
    { label: t("office.maturityGain"), value: or(outcomes.averageMaturityGain, (v) => t("office.points", { value: v })) },
    { label: t("office.daysToAward"), value: or(outcomes.medianDaysToAward, (v) => t("office.days", { value: v })) },
    { label: t("office.daysToComplete"), value: or(outcomes.medianDaysToComplete, (v) => t("office.days", { value: v })) },
  ];
}
