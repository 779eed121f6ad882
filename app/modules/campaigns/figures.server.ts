import { sql } from "drizzle-orm";
import { cents, db, queryRows } from "~db/client";

/*
 * A municipality's figures for its staff: aggregates only, never one engagement's details. Each is
 * one SQL aggregate over the businesses located in the municipality.
 */

export interface MunicipalFigures {
  nisCode: string;
  businesses: number;
  /** Average of each business's latest quickscan score (0–100), null without scans. */
  averageMaturity: number | null;
  /** Average of latest minus first score over businesses scanned at least twice. */
  averageMaturityGain: number | null;
  engagementsByState: Record<string, number>;
  retailersWithCompletedEngagement: number;
  /** Voucher money spent on these businesses' engagements (redeemed in the ledger), and still reserved for them. */
  voucherRedeemedCents: number;
  voucherReservedCents: number;
  participation: { editionId: string; title: string; approved: number; pending: number; featured: number; removed: number }[];
}

export async function getMunicipalFigures(nisCodes: string[]): Promise<MunicipalFigures[]> {
  if (nisCodes.length === 0) return [];
  const codes = sql.join(nisCodes.map((c) => sql`${c}`), sql`, `);

  const maturity = await queryRows<{ nis_code: string; businesses: number; average: number | null; gain: number | null }>(
    db,
    sql`with scans as (
          select b.nis_code, b.id,
                 (array_agg(q.overall_score order by q.created_at desc))[1] as latest,
                 (array_agg(q.overall_score order by q.created_at asc))[1] as first,
                 count(q.id) as n
          from businesses b left join quickscans q on q.business_id = b.id
          where b.nis_code in (${codes})
          group by b.nis_code, b.id)
        select nis_code, count(*)::int as businesses,
               round(avg(latest)::numeric, 1)::float8 as average,
               round(avg(latest - first) filter (where n >= 2)::numeric, 1)::float8 as gain
        from scans group by nis_code`,
  );
  const engagementRows = await queryRows<{ nis_code: string; state: string; n: number; businesses: number }>(
    db,
    sql`select b.nis_code, e.state::text as state, count(*)::int as n, count(distinct b.id)::int as businesses
        from engagements e join businesses b on b.id = e.business_id
        where b.nis_code in (${codes}) group by b.nis_code, e.state`,
  );
  const money = await queryRows<{ nis_code: string; redeemed: string | number; outstanding: string | number }>(
    db,
    sql`select b.nis_code,
               coalesce(sum(l.amount_cents) filter (where l.kind = 'redeem'), 0)::bigint as redeemed,
               coalesce(sum(case l.kind when 'reserve' then l.amount_cents else -l.amount_cents end), 0)::bigint as outstanding
        from budget_ledger l join vouchers v on v.id = l.voucher_id join businesses b on b.id = v.business_id
        where b.nis_code in (${codes}) group by b.nis_code`,
  );
  const participation = await queryRows<{ nis_code: string; edition_id: string; title: string; approved: number; pending: number; featured: number; removed: number }>(
    db,
    sql`select b.nis_code, e.id as edition_id, e.title,
               count(*) filter (where p.status = 'approved')::int as approved,
               count(*) filter (where p.status = 'pending')::int as pending,
               count(*) filter (where p.status = 'approved' and p.featured)::int as featured,
               count(*) filter (where p.status = 'removed')::int as removed
        from campaign_participants p
        join campaign_editions e on e.id = p.edition_id
        join businesses b on b.id = p.business_id
        where b.nis_code in (${codes})
        group by b.nis_code, e.id, e.title, e.starts_on order by e.starts_on desc`,
  );

  return nisCodes.map((nisCode) => {
    const m = maturity.find((r) => r.nis_code === nisCode);
    const states = engagementRows.filter((r) => r.nis_code === nisCode);
    const cash = money.find((r) => r.nis_code === nisCode);
    return {
      nisCode,
      businesses: m?.businesses ?? 0,
      averageMaturity: m?.average ?? null,
      averageMaturityGain: m?.gain ?? null,
      engagementsByState: Object.fromEntries(states.map((r) => [r.state, r.n])),
      retailersWithCompletedEngagement: states.find((r) => r.state === "completed")?.businesses ?? 0,
      voucherRedeemedCents: cents(cash?.redeemed),
      voucherReservedCents: cents(cash?.outstanding),
      participation: participation
        .filter((r) => r.nis_code === nisCode)
        .map((r) => ({ editionId: r.edition_id, title: r.title, approved: r.approved, pending: r.pending, featured: r.featured, removed: r.removed })),
    };
  });
}
