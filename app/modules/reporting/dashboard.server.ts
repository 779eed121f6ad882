import { sql, type SQL } from "drizzle-orm";
import { cents, db, queryRows } from "~db/client";

/*
 * The programme office's figures, each one SQL aggregate (budgets per programme come from the
 * vouchers module's ledger figures). Filters: a programme (the engagements
 * its vouchers fund) and a period (when the engagement was awarded, the voucher requested, the
 * ledger line written, the request published). The request funnel is not tied to a programme:
 * a request only meets one when it is awarded.
 */

export interface DashboardFilter {
  programmeId?: string;
  /** Inclusive days, YYYY-MM-DD, in Belgian time. */
  from?: string;
  until?: string;
}

const day = (column: SQL) => sql`(${column} at time zone 'Europe/Brussels')::date`;
function period(column: SQL, f: DashboardFilter) {
  return sql.join(
    [sql`true`, ...(f.from ? [sql`${day(column)} >= ${f.from}::date`] : []), ...(f.until ? [sql`${day(column)} <= ${f.until}::date`] : [])],
    sql` and `,
  );
}
/** Engagements in the filter: awarded in the period and, with a programme, funded by it. */
const engagementScope = (f: DashboardFilter) =>
  sql`${period(sql`e.created_at`, f)}${f.programmeId ? sql` and exists (select 1 from vouchers v where v.engagement_id = e.id and v.programme_id = ${f.programmeId})` : sql``}`;

/** The office's figures; `starterMaxAgeYears` is the age limit in force (a setting), passed in. */
export async function getDashboardFigures(f: DashboardFilter, starterMaxAgeYears: number) {
  const ledgerDays = await queryRows<{ day: string; kind: string; cents: string | number }>(
    db,
    sql`select to_char(${day(sql`created_at`)}, 'YYYY-MM-DD') as day, kind::text as kind, sum(amount_cents)::bigint as cents
        from budget_ledger l
        where ${period(sql`l.created_at`, f)}${f.programmeId ? sql` and l.programme_id = ${f.programmeId}` : sql``}
        group by 1, 2 order by 1`,
  );
  // Burn-up: running totals of money spent (redeemed) and committed (reserved, less releases).
  let spentCents = 0;
  let committedCents = 0;
  const burnUp: { day: string; spentCents: number; committedCents: number }[] = [];
  for (const row of ledgerDays) {
    if (row.kind === "redeem") spentCents += cents(row.cents);
    else committedCents += row.kind === "reserve" ? cents(row.cents) : -cents(row.cents);
    const point = { day: row.day, spentCents, committedCents };
    if (burnUp.at(-1)?.day === row.day) burnUp[burnUp.length - 1] = point;
    else burnUp.push(point);
  }

  const vouchersByStatus = await queryRows<{ status: string; count: number; cents: string | number }>(
    db,
    sql`select status::text as status, count(*)::int as count, coalesce(sum(amount_cents), 0)::bigint as cents
        from vouchers v where ${period(sql`v.created_at`, f)}${f.programmeId ? sql` and v.programme_id = ${f.programmeId}` : sql``}
        group by 1 order by 1`,
  );

  const [funnel] = await queryRows<{ published: number; with_bids: number; awarded: number; started: number; completed: number }>(
    db,
    sql`select count(*)::int as published,
               count(*) filter (where exists (select 1 from bids b where b.help_request_id = r.id))::int as with_bids,
               count(e.id)::int as awarded,
               count(e.id) filter (where e.state not in ('awaiting_voucher', 'awaiting_contribution', 'cancelled'))::int as started,
               count(e.id) filter (where e.state = 'completed')::int as completed
        from help_requests r left join engagements e on e.help_request_id = r.id
        where r.published_at is not null and ${period(sql`r.published_at`, f)}`,
  );

  const byArea = await queryRows<{ sector: string; arrondissement: string; nis_code: string; municipality: string; engagements: number; completed: number; redeemed: string | number }>(
    db,
    sql`select b.sector::text as sector, m.arrondissement, m.nis_code, m.name_nl as municipality, count(*)::int as engagements,
               count(*) filter (where e.state = 'completed')::int as completed,
               coalesce(sum((select sum(l.amount_cents) from budget_ledger l join vouchers v on v.id = l.voucher_id
                             where v.engagement_id = e.id and l.kind = 'redeem')), 0)::bigint as redeemed
        from engagements e join businesses b on b.id = e.business_id join municipalities m on m.nis_code = b.nis_code
        where ${engagementScope(f)}
        group by 1, 2, 3, 4`,
  );
  const sumBy = (key: "sector" | "arrondissement" | "nis_code") => {
    const groups = new Map<string, { key: string; label: string; engagements: number; completed: number; redeemedCents: number }>();
    for (const r of byArea) {
      const g = groups.get(r[key]) ?? { key: r[key], label: key === "nis_code" ? r.municipality : r[key], engagements: 0, completed: 0, redeemedCents: 0 };
      g.engagements += r.engagements;
      g.completed += r.completed;
      g.redeemedCents += cents(r.redeemed);
      groups.set(r[key], g);
    }
    return [...groups.values()].sort((a, b) => b.engagements - a.engagements || a.label.localeCompare(b.label));
  };

  const [outcomes] = await queryRows<{ total: number; starters: number; gain: number | null; days_to_award: number | null; days_to_complete: number | null }>(
    db,
    sql`with scoped as (
          select e.*, p.founded_on, r.published_at from engagements e
          join providers p on p.id = e.provider_id join help_requests r on r.id = e.help_request_id
          where ${engagementScope(f)}),
        gains as (
          select (array_agg(q.overall_score order by q.created_at desc))[1] - (array_agg(q.overall_score order by q.created_at))[1] as gain
          from quickscans q where q.business_id in (select business_id from scoped where state = 'completed')
          group by q.business_id having count(*) >= 2)
        select (select count(*) from scoped)::int as total,
               -- A starter at the time of the award, by the age limit in force.
               (select count(*) from scoped where founded_on > (created_at - make_interval(years => ${starterMaxAgeYears}))::date)::int as starters,
               (select round(avg(gain)::numeric, 1)::float8 from gains) as gain,
               (select round((percentile_cont(0.5) within group (order by extract(epoch from created_at - published_at) / 86400))::numeric, 1)::float8 from scoped) as days_to_award,
               (select round((percentile_cont(0.5) within group (order by extract(epoch from completed_at - created_at) / 86400))::numeric, 1)::float8
                from scoped where completed_at is not null) as days_to_complete`,
  );

  return {
    burnUp,
    vouchersByStatus: vouchersByStatus.map((v) => ({ ...v, cents: cents(v.cents) })),
    funnel: { published: funnel.published, withBids: funnel.with_bids, awarded: funnel.awarded, started: funnel.started, completed: funnel.completed },
    bySector: sumBy("sector"),
    byArrondissement: sumBy("arrondissement"),
    byMunicipality: sumBy("nis_code"),
    outcomes: {
      engagements: outcomes.total,
      starterEngagements: outcomes.starters,
      starterShare: outcomes.total ? outcomes.starters / outcomes.total : null,
      averageMaturityGain: outcomes.gain,
      medianDaysToAward: outcomes.days_to_award,
      medianDaysToComplete: outcomes.days_to_complete,
    },
  };
}
export type DashboardFigures = Awaited<ReturnType<typeof getDashboardFigures>>;

/** What waits for the office, for the dashboard's work queues. */
export async function getWorkQueues() {
  const [row] = await queryRows<{ vetting: number; vouchers: number; relatedParty: number; payments: number; disputes: number; paymentProblems: number }>(
    db,
    sql`select (select count(*) from providers where status = 'pending')::int as vetting,
               (select count(*) from vouchers where status = 'requested')::int as vouchers,
               (select count(*) from vouchers where status = 'requested' and related_party <> '[]'::jsonb)::int as "relatedParty",
               (select count(*) from engagements where state = 'awaiting_contribution')::int as payments,
               (select count(*) from engagements where state = 'disputed')::int as disputes,
               (select count(*) from stripe_events where problem is not null and resolved_at is null)::int as "paymentProblems"`,
  );
  return row;
}
