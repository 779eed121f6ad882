import { sql, type SQL } from "drizzle-orm";
import { db, queryRows } from "~db/client";
import { csvEuros, toExcelCsv, type CsvCell } from "~/lib/csv";
import { belgianDateTime } from "~/lib/dates";
import { translator } from "~/lib/i18n";
import { recordAudit } from "./audit.server";

/*
 * The office's spreadsheets, one query each, with Dutch column names. Every export is audited:
 * personal data leaving the platform is itself a recorded event.
 */

interface ExportDefinition {
  header: string[];
  query: SQL;
  /** Turns a row (columns in header order, money in cents) into cells. */
  cells: (row: Record<string, unknown>) => CsvCell[];
}

const euro = (v: unknown) => (v == null ? "" : csvEuros(Number(v)));
const text = (v: unknown) => (v == null ? "" : String(v));
/** A moment as Belgians read it: the Brussels date and time. */
const stamp = (v: unknown) => (v == null ? "" : belgianDateTime(new Date(v as string)).replace("T", " "));
/** Codes in words, as the office reads them elsewhere (the spreadsheet is read by people, not programs). */
const nl = translator("nl");
const label = (namespace: string) => (v: unknown) => (v == null || v === "" ? "" : nl(`${namespace}.${String(v)}`, { defaultValue: String(v) }));
const sector = label("sectors");
const providerKind = label("kinds");

const definitions = {
  businesses: {
    header: ["Naam", "Ondernemingsnummer", "Sector", "NACE-code", "Gemeente", "Postcode", "Aangemaakt op"],
    query: sql`select b.name, b.enterprise_number, b.sector::text, b.nace_code, m.name_nl, b.postal_code, b.created_at
               from businesses b join municipalities m on m.nis_code = b.nis_code order by b.created_at`,
    cells: (r) => [r.name, r.enterprise_number, sector(r.sector), r.nace_code, r.name_nl, r.postal_code, stamp(r.created_at)] as CsvCell[],
  },
  providers: {
    header: ["Bedrijf", "Ondernemingsnummer", "Soort", "Status", "Gemeente", "Uurtarief (EUR)", "Opgericht op", "Aangemaakt op"],
    query: sql`select p.company_name, p.enterprise_number, p.kind::text, p.status::text, m.name_nl, p.hourly_rate_cents, p.founded_on, p.created_at
               from providers p join municipalities m on m.nis_code = p.base_nis_code order by p.created_at`,
    cells: (r) => [r.company_name, r.enterprise_number, providerKind(r.kind), label("providerStatus")(r.status), r.name_nl, euro(r.hourly_rate_cents), text(r.founded_on), stamp(r.created_at)] as CsvCell[],
  },
  requests: {
    header: ["Titel", "Zaak", "Gemeente", "Status", "Budget", "Gepubliceerd op", "Voorstellen tot", "Aantal voorstellen"],
    query: sql`select r.title, b.name, m.name_nl, r.status::text, r.budget_band, r.published_at, r.bid_deadline,
                      (select count(*) from bids x where x.help_request_id = r.id)::int as bids
               from help_requests r join businesses b on b.id = r.business_id join municipalities m on m.nis_code = b.nis_code order by r.created_at`,
    cells: (r) => [r.title, r.name, r.name_nl, label("requests.status")(r.status), label("requests.bands")(r.budget_band), stamp(r.published_at), stamp(r.bid_deadline), r.bids] as CsvCell[],
  },
  engagements: {
    header: ["Traject", "Zaak", "Aanbieder", "Gemeente", "Fase", "Prijs excl. btw (EUR)", "Toegekend op", "Afgerond op"],
    query: sql`select e.id, b.name, p.company_name, m.name_nl, e.state::text, e.price_cents, e.created_at, e.completed_at
               from engagements e join businesses b on b.id = e.business_id join providers p on p.id = e.provider_id
               join municipalities m on m.nis_code = b.nis_code order by e.created_at`,
    cells: (r) => [r.id, r.name, r.company_name, r.name_nl, label("engagements.states")(r.state), euro(r.price_cents), stamp(r.created_at), stamp(r.completed_at)] as CsvCell[],
  },
  vouchers: {
    header: ["Voucher", "Programma", "Zaak", "Status", "Bedrag (EUR)", "Eigen bijdrage (EUR)", "Gestructureerde mededeling", "Aangevraagd op", "Beslist op", "Betaald op"],
    query: sql`select v.id, g.name as programme, b.name, v.status::text, v.amount_cents, v.own_share_cents, v.payment_reference, v.created_at, v.decided_at, v.paid_at
               from vouchers v join programmes g on g.id = v.programme_id join businesses b on b.id = v.business_id order by v.created_at`,
    cells: (r) => [r.id, r.programme, r.name, label("voucher.status")(r.status), euro(r.amount_cents), euro(r.own_share_cents), r.payment_reference, stamp(r.created_at), stamp(r.decided_at), stamp(r.paid_at)] as CsvCell[],
  },
  payments: {
    header: ["Voucher", "Zaak", "Wijze", "Status", "Bedrag (EUR)", "Gestructureerde mededeling", "Betaald op"],
    // Own shares: paid online (a Stripe payment row) or by bank transfer (confirmed by the office).
    query: sql`select v.id, b.name, case when p.id is null then 'transfer' else 'online' end as method,
                      coalesce(p.status::text, case when v.paid_at is null then 'open' else 'paid' end) as status,
                      coalesce(p.amount_cents, v.own_share_cents) as amount_cents, v.payment_reference, v.paid_at
               from vouchers v join businesses b on b.id = v.business_id left join payments p on p.voucher_id = v.id
               where v.status <> 'requested' and v.status <> 'rejected' order by v.created_at`,
    cells: (r) => [r.id, r.name, label("exportLabels.method")(r.method), label("exportLabels.paymentStatus")(r.status), euro(r.amount_cents), r.payment_reference, stamp(r.paid_at)] as CsvCell[],
  },
  payouts: {
    header: ["Aanbieder", "Traject", "Soort", "Bedrag (EUR)", "Batch", "Uitbetaald op"],
    query: sql`select p.company_name, l.engagement_id, l.kind, l.amount_cents, l.batch_id, pb.paid_at
               from payout_lines l join providers p on p.id = l.provider_id left join payout_batches pb on pb.id = l.batch_id order by l.created_at`,
    cells: (r) => [r.company_name, r.engagement_id, label("exportLabels.payoutKind")(r.kind), euro(r.amount_cents), r.batch_id, stamp(r.paid_at)] as CsvCell[],
  },
} satisfies Record<string, ExportDefinition>;

export type ExportKind = keyof typeof definitions;
export const exportKinds = Object.keys(definitions) as ExportKind[];
/** Own keys only: `__proto__` and `constructor` are in every object, and are no export. */
export const isExportKind = (v: string): v is ExportKind => Object.hasOwn(definitions, v);

/** One export as a Belgian Excel CSV, recorded in the audit log with its row count. */
export async function exportCsv(adminId: string, kind: ExportKind) {
  const definition: ExportDefinition = definitions[kind];
  const rows = await queryRows<Record<string, unknown>>(db, definition.query);
  await recordAudit(db, { actorId: adminId, action: "export.csv", entityType: "export", entityId: kind, data: { rows: rows.length } });
  return toExcelCsv(definition.header, rows.map(definition.cells));
}
