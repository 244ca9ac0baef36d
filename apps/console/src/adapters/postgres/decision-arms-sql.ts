import type { SqlClient } from '@syncengage/db';
import type { AnalyticsFilter } from '../../application/read-models';
import type { ArmCounts } from '../../domain/uplift';
import { toNumber } from './message-filter';

export interface CampaignArmCounts extends ArmCounts {
  campaignId: string;
  campaignVersion: number;
}

/**
 * Customers per arm (variant or holdout) of each campaign version, from decision-recorded: a customer counts in
 * the arm of their first send or holdout decision of that version, and as a purchaser when a purchase_made
 * follows it within `attributionDays`. Sent and held-out customers are measured by the same purchases, so the
 * holdout is a fair baseline. Only the date range, campaign and segment apply: a holdout has no channel, locale
 * or variant to filter on.
 */
export async function decisionArmCounts(db: SqlClient, filter: AnalyticsFilter, attributionDays: number): Promise<CampaignArmCounts[]> {
  const params: unknown[] = [attributionDays];
  const clauses = ["e.event_type = 'decision-recorded'", "e.stage IN ('send', 'holdout')"];
  const add = (sql: string, value: unknown): void => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.from) add('e.occurred_at >= ?::timestamptz', filter.from);
  if (filter.to) add('e.occurred_at < ?::timestamptz', filter.to);
  if (filter.campaignId) add('e.campaign_id = ?', filter.campaignId);
  if (filter.segment) add('e.segment = ?', filter.segment);
  const rows = await db.query<{ campaign_id: string; campaign_version: number; arm: string; customers: number; purchasers: number; revenue: string }>(
    `WITH arms AS (
       SELECT DISTINCT ON (e.campaign_id, e.campaign_version, e.customer_id)
              e.campaign_id, e.campaign_version, e.customer_id, e.variant AS arm, e.occurred_at AS decided_at
         FROM console_events e
        WHERE ${clauses.join(' AND ')}
        ORDER BY e.campaign_id, e.campaign_version, e.customer_id, e.occurred_at
     ), outcomes AS (
       SELECT a.campaign_id, a.campaign_version, a.arm, a.customer_id, count(p.event_id) > 0 AS purchased, coalesce(sum(p.amount_cents), 0) AS revenue
         FROM arms a
         LEFT JOIN console_events p
           ON p.customer_id = a.customer_id AND p.event_type = 'customer-updated' AND p.stage = 'purchase_made'
          AND p.occurred_at > a.decided_at AND p.occurred_at <= a.decided_at + make_interval(days => $1::int)
        GROUP BY 1, 2, 3, 4
     )
     SELECT campaign_id, campaign_version, arm, count(*)::int AS customers, count(*) FILTER (WHERE purchased)::int AS purchasers, sum(revenue) AS revenue
       FROM outcomes GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    params,
  );
  return rows.rows.map((row) => ({
    campaignId: row.campaign_id,
    campaignVersion: row.campaign_version,
    arm: row.arm,
    customers: row.customers,
    purchasers: row.purchasers,
    revenueCents: toNumber(row.revenue),
  }));
}
