import type { TFunction } from "i18next";
import { formatMoney } from "~/lib/format";
import type { Locale } from "~/lib/i18n";

/*
 * The audit log in the words officers read elsewhere: kinds of record, states and changed fields.
 * The codes stay in the CSV export's own columns and in the action filter.
 */

/** Where each kind of record's states are put in words. */
const stateNamespaces: Record<string, string> = {
  engagement: "engagements.states",
  help_request: "requests.status",
  voucher: "voucher.status",
  provider: "providerStatus",
  campaign_participant: "campaigns.status",
  milestone: "workspace.milestoneStatus",
  payment: "exportLabels.paymentStatus",
};

export function entityInWords(t: TFunction, entityType: string) {
  return t(`audit.entities.${entityType}`, { defaultValue: entityType });
}

export function stateInWords(t: TFunction, entityType: string, state: string | null) {
  if (!state) return "–";
  const namespace = stateNamespaces[entityType];
  return namespace ? t(`${namespace}.${state}`, { defaultValue: state }) : state;
}

function valueInWords(t: TFunction, locale: Locale, key: string, value: unknown): string {
  if (value == null || value === "") return "–";
  if (typeof value === "number" && /Cents$/.test(key)) return formatMoney(value, locale);
  if (typeof value === "boolean") return t(value ? "audit.yes" : "audit.no");
  if (Array.isArray(value)) return value.map((v) => valueInWords(t, locale, key, v)).join(", ");
  if (typeof value === "object") return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${fieldInWords(t, k)} ${valueInWords(t, locale, k, v)}`).join(", ");
  return String(value);
}

function fieldInWords(t: TFunction, field: string) {
  return t(`audit.fields.${field}`, { defaultValue: t(`settings.${field}`, { defaultValue: field }) });
}

/** "Bedrag: € 975,00", "Uitnodigingen per hulpvraag: 5 → 7": one line per detail. */
export function detailsInWords(t: TFunction, locale: Locale, data: Record<string, unknown> | null) {
  return Object.entries(data ?? {}).map(([key, value]) => {
    const change = value && typeof value === "object" && !Array.isArray(value) && "to" in value ? (value as { from?: unknown; to: unknown }) : null;
    const shown = change ? `${valueInWords(t, locale, key, change.from)} → ${valueInWords(t, locale, key, change.to)}` : valueInWords(t, locale, key, value);
    return `${fieldInWords(t, key)}: ${shown}`;
  });
}
