import type { SqlClient } from '@syncengage/db';
import { HOLDOUT_VARIANT } from '@syncengage/contracts';
import { abVerdict } from '../../domain/ab-verdict';
import { funnelSteps, type FunnelCounts } from '../../domain/funnel';
import { compareWithHoldout, pooledAgainstHoldout } from '../../domain/uplift';
import { wilsonInterval } from '../../domain/wilson-interval';
import type { AbTestResult, AnalyticsFilter, BudgetDay, FunnelDimension, FunnelReport, FunnelUplift, Money } from '../../application/read-models';
import { decisionArmCounts, type CampaignArmCounts } from './decision-arms-sql';
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

export const HOLDOUT_UNAVAILABLE = 'no customer was held out in this range (decision-recorded names the holdout of each campaign version)';

export class PostgresFunnelQueries {
  constructor(private readonly db: SqlClient, private readonly budget: { dailyBudgetCents: number; timeZone: string; attributionDays: number }) {}

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
      uplift: await this.uplift(filter),
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

  /** Per campaign version: each variant's messages (conversion, discounts) and its customers against the holdout's. */
  async abTests(filter: AnalyticsFilter): Promise<AbTestResult[]> {
    const { where, params } = messageFilter(filter);
    // A message without a discount offered 0 %: the mean is over every message the variant requested.
    const rows = await this.db.query<{
      campaign_id: string; campaign_version: number; variant: string; sent: number; converted: number; revenue: string; discount: string;
      mean_percent: number | null; min_percent: number | null; max_percent: number | null;
    }>(
      `SELECT m.campaign_id, m.campaign_version, m.variant,
              count(*) FILTER (WHERE m.is_sent)::int AS sent,
              count(*) FILTER (WHERE m.is_converted)::int AS converted,
              coalesce(sum(m.revenue_cents) FILTER (WHERE m.is_converted), 0) AS revenue,
              coalesce(sum(m.discount_reserved_cents) FILTER (WHERE m.is_converted), 0) AS discount,
              avg(coalesce(m.discount_percent, 0)) FILTER (WHERE m.is_requested) AS mean_percent,
              min(coalesce(m.discount_percent, 0)) FILTER (WHERE m.is_requested) AS min_percent,
              max(coalesce(m.discount_percent, 0)) FILTER (WHERE m.is_requested) AS max_percent
         FROM console_messages m ${where}
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      params,
    );
    const arms = armsByVersion(await decisionArmCounts(this.db, filter, this.budget.attributionDays));
    const tests = new Map<string, AbTestResult>();
    for (const row of rows.rows) {
      const id = `${row.campaign_id}@${row.campaign_version}`;
      const compared = compareWithHoldout(arms.get(id) ?? [], HOLDOUT_VARIANT);
      const test = tests.get(id) ?? {
        campaignId: row.campaign_id,
        campaignVersion: row.campaign_version,
        variants: [],
        verdict: abVerdict([]),
        holdout: compared.holdout,
        attributionDays: this.budget.attributionDays,
      };
      const { upliftVsHoldout = null, ...customers } = compared.arms.find((arm) => arm.arm === row.variant) ?? {};
      test.variants.push({
        variant: row.variant,
        sent: row.sent,
        converted: row.converted,
        conversion: wilsonInterval({ successes: row.converted, trials: row.sent }),
        revenueCents: toNumber(row.revenue),
        discountCostCents: toNumber(row.discount),
        discount:
          row.mean_percent === null
            ? null
            : { meanPercent: Number(row.mean_percent), minPercent: Number(row.min_percent), maxPercent: Number(row.max_percent) },
        customers: 'arm' in customers ? customers : null,
        upliftVsHoldout,
      });
      tests.set(id, test);
    }
    for (const test of tests.values()) {
      test.verdict = abVerdict(test.variants.map((v) => ({ variant: v.variant, successes: v.converted, trials: v.sent })));
    }
    return [...tests.values()];
  }

  private async uplift(filter: AnalyticsFilter): Promise<FunnelUplift> {
    const arms = armsByVersion(await decisionArmCounts(this.db, filter, this.budget.attributionDays));
    const pooled = pooledAgainstHoldout([...arms.values()], HOLDOUT_VARIANT);
    return pooled ? { available: true, attributionDays: this.budget.attributionDays, ...pooled } : { available: false, reason: HOLDOUT_UNAVAILABLE };
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

function armsByVersion(counts: readonly CampaignArmCounts[]): Map<string, CampaignArmCounts[]> {
  const byVersion = new Map<string, CampaignArmCounts[]>();
  for (const arm of counts) {
    const id = `${arm.campaignId}@${arm.campaignVersion}`;
    byVersion.set(id, [...(byVersion.get(id) ?? []), arm]);
  }
  return byVersion;
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
