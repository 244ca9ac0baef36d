import type { SqlClient } from '@syncengage/db';
import { abVerdict } from '../../domain/ab-verdict';
import { funnelSteps, type FunnelCounts } from '../../domain/funnel';
import { wilsonInterval } from '../../domain/wilson-interval';
import type { AbTestResult, AnalyticsFilter, BudgetDay, FunnelDimension, FunnelReport, Money } from '../../application/read-models';
import { messageFilter, toNumber } from './message-filter';

const DIMENSION_COLUMN: Record<FunnelDimension, string> = {
  campaign: 'm.campaign_id',
  segment: 'm.segment',
  variant: 'm.variant',
  channel: 'm.channel',
  locale: 'm.locale',
};

// Revenue and discount count only for converted messages: a discount costs money when it is redeemed.
const AGGREGATES = `
  count(*) FILTER (WHERE m.is_requested)::int AS requested,
  count(*) FILTER (WHERE m.is_sent)::int AS sent,
  count(*) FILTER (WHERE m.is_opened)::int AS opened,
  count(*) FILTER (WHERE m.is_clicked)::int AS clicked,
  count(*) FILTER (WHERE m.is_converted)::int AS converted,
  coalesce(sum(m.revenue_cents) FILTER (WHERE m.is_converted), 0) AS revenue,
  coalesce(sum(m.discount_reserved_cents) FILTER (WHERE m.is_converted), 0) AS discount`;

type AggregateRow = { requested: number; sent: number; opened: number; clicked: number; converted: number; revenue: string; discount: string };

export const HOLDOUT_UNAVAILABLE =
  'holdout customers are decided in the orchestrator but no event names them, so their purchases cannot be told apart from anyone else\'s';

export class PostgresFunnelQueries {
  constructor(private readonly db: SqlClient, private readonly budget: { dailyBudgetCents: number; timeZone: string }) {}

  async funnel(filter: AnalyticsFilter, groupBy?: FunnelDimension): Promise<FunnelReport> {
    const { where, params } = messageFilter(filter);
    const totals = await this.db.query<AggregateRow & { median_s: number | null; mean_s: number | null; timed: number }>(
      `SELECT ${AGGREGATES},
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.converted_at - m.sent_at)) FILTER (WHERE m.is_converted AND m.sent_at IS NOT NULL AND m.converted_at IS NOT NULL) AS median_s,
              avg(extract(epoch FROM m.converted_at - m.sent_at)) FILTER (WHERE m.is_converted AND m.sent_at IS NOT NULL AND m.converted_at IS NOT NULL) AS mean_s,
              count(*) FILTER (WHERE m.is_converted AND m.sent_at IS NOT NULL AND m.converted_at IS NOT NULL)::int AS timed
         FROM console_messages m ${where}`,
      params,
    );
    const row = totals.rows[0];
    const counts = countsOf(row);
    const report: FunnelReport = {
      counts,
      steps: funnelSteps(counts),
      ...moneyOf(row),
      timeToConvert: { medianSeconds: nullableNumber(row.median_s), meanSeconds: nullableNumber(row.mean_s), conversions: row.timed },
      uplift: { available: false, reason: HOLDOUT_UNAVAILABLE },
    };
    if (groupBy) {
      const grouped = await this.db.query<AggregateRow & { key: string | null }>(
        `SELECT ${DIMENSION_COLUMN[groupBy]} AS key, ${AGGREGATES} FROM console_messages m ${where} GROUP BY 1 ORDER BY 1`,
        params,
      );
      report.breakdown = grouped.rows.map((group) => ({ key: group.key, counts: countsOf(group), ...moneyOf(group) }));
    }
    return report;
  }

  async abTests(filter: AnalyticsFilter): Promise<AbTestResult[]> {
    const { where, params } = messageFilter(filter);
    const rows = await this.db.query<{ campaign_id: string; campaign_version: number; variant: string; sent: number; converted: number; revenue: string; discount: string; percent: number | null }>(
      `SELECT m.campaign_id, m.campaign_version, m.variant,
              count(*) FILTER (WHERE m.is_sent)::int AS sent,
              count(*) FILTER (WHERE m.is_converted)::int AS converted,
              coalesce(sum(m.revenue_cents) FILTER (WHERE m.is_converted), 0) AS revenue,
              coalesce(sum(m.discount_reserved_cents) FILTER (WHERE m.is_converted), 0) AS discount,
              max(m.discount_percent) AS percent
         FROM console_messages m ${where}
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      params,
    );
    const tests = new Map<string, AbTestResult>();
    for (const row of rows.rows) {
      const id = `${row.campaign_id}@${row.campaign_version}`;
      const test = tests.get(id) ?? { campaignId: row.campaign_id, campaignVersion: row.campaign_version, variants: [], verdict: abVerdict([]) };
      test.variants.push({
        variant: row.variant,
        sent: row.sent,
        converted: row.converted,
        conversion: wilsonInterval({ successes: row.converted, trials: row.sent }),
        revenueCents: toNumber(row.revenue),
        discountCostCents: toNumber(row.discount),
        discountPercent: nullableNumber(row.percent),
      });
      tests.set(id, test);
    }
    for (const test of tests.values()) {
      test.verdict = abVerdict(test.variants.map((v) => ({ variant: v.variant, successes: v.converted, trials: v.sent })));
    }
    return [...tests.values()];
  }

  async budgetByDay(filter: AnalyticsFilter): Promise<BudgetDay[]> {
    const { where, params } = messageFilter(filter, 2);
    const rows = await this.db.query<{ day: string; messages: number; reserved: string; spent: string }>(
      `SELECT to_char((m.requested_at AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS day, count(*)::int AS messages,
              coalesce(sum(m.discount_reserved_cents), 0) AS reserved,
              coalesce(sum(m.discount_reserved_cents) FILTER (WHERE m.is_converted), 0) AS spent
         FROM console_messages m ${where}
        GROUP BY 1 ORDER BY 1`,
      [this.budget.timeZone, ...params],
    );
    return rows.rows.map((row) => ({
      day: row.day,
      messages: row.messages,
      reservedCents: toNumber(row.reserved),
      spentCents: toNumber(row.spent),
      capCents: this.budget.dailyBudgetCents,
    }));
  }
}

function countsOf(row: AggregateRow): FunnelCounts {
  return { requested: row.requested, sent: row.sent, opened: row.opened, clicked: row.clicked, converted: row.converted };
}

function moneyOf(row: AggregateRow): Money {
  const attributedRevenueCents = toNumber(row.revenue);
  const discountCostCents = toNumber(row.discount);
  return { attributedRevenueCents, discountCostCents, netProfitCents: attributedRevenueCents - discountCostCents };
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
