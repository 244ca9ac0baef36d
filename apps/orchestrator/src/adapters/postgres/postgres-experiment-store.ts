import type { CampaignResult, Purchase } from '@syncengage/contracts';
import type { SqlClient } from '@syncengage/db';
import type { ExperimentEvidence, ExperimentStore } from '../../application/ports';

interface EvidenceRow {
  customer_id: string;
  arm: string;
  decided_at: Date | string;
  sent: boolean;
  opened: boolean;
  clicked: boolean;
  tracked_converted_at: Date | string | null;
  tracked_revenue_cents: string | number;
  first_purchase_at: Date | string | null;
  attributed_purchase_cents: string | number;
  ltv_cents: string | number;
}

/** Sent and held-out customers are those with a decision that named an arm: the ledger already records both. */
const IN_EXPERIMENT = "action IN ('send', 'holdout') AND campaign_id IS NOT NULL";

export class PostgresExperimentStore implements ExperimentStore {
  constructor(private readonly db: SqlClient) {}

  async recordOutcome(result: CampaignResult): Promise<void> {
    const convertedAt = result.converted ? (result.convertedAt ?? result.occurredAt) : null;
    // Stages arrive in any order and more than once: flags only switch on, amounts only grow.
    await this.db.query(
      `INSERT INTO orchestrator_experiment_outcomes
         (message_id, campaign_id, campaign_version, variant, customer_id, sent, opened, clicked, converted, converted_at, revenue_cents, last_event_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (message_id) DO UPDATE SET
         sent = orchestrator_experiment_outcomes.sent OR EXCLUDED.sent,
         opened = orchestrator_experiment_outcomes.opened OR EXCLUDED.opened,
         clicked = orchestrator_experiment_outcomes.clicked OR EXCLUDED.clicked,
         converted = orchestrator_experiment_outcomes.converted OR EXCLUDED.converted,
         converted_at = LEAST(orchestrator_experiment_outcomes.converted_at, EXCLUDED.converted_at),
         revenue_cents = GREATEST(orchestrator_experiment_outcomes.revenue_cents, EXCLUDED.revenue_cents),
         last_event_at = GREATEST(orchestrator_experiment_outcomes.last_event_at, EXCLUDED.last_event_at)`,
      [
        result.messageId,
        result.campaignId,
        result.campaignVersion,
        result.variant,
        result.customerId,
        result.status === 'sent',
        result.opened,
        result.clicked,
        result.converted,
        convertedAt,
        result.converted ? result.revenueImpactCents : 0,
        result.occurredAt,
      ],
    );
  }

  async recordPurchase(customerId: string, change: 'purchase_made' | 'purchase_refunded', purchase: Purchase): Promise<boolean> {
    const kept = await this.db.query(
      `INSERT INTO orchestrator_experiment_purchases (customer_id, order_id, change, amount_cents, ordered_at)
       SELECT $1, $2, $3, $4, $5
        WHERE EXISTS (SELECT 1 FROM orchestrator_decisions WHERE customer_id = $1 AND ${IN_EXPERIMENT} AND decided_at <= $5)
       ON CONFLICT (customer_id, order_id, change) DO NOTHING`,
      [customerId, purchase.orderId, change, purchase.amountCents, purchase.orderedAt],
    );
    return kept.rowCount > 0;
  }

  async evidence(campaignId: string, version: number, windows: { attributionDays: number; ltvDays: number }): Promise<ExperimentEvidence[]> {
    // A customer decided twice in one version stays in one arm (assignment is deterministic): they count once,
    // from their first decision, with every message they were sent.
    const result = await this.db.query<EvidenceRow>(
      `WITH exposures AS (
         SELECT customer_id, min(variant) AS arm, min(decided_at) AS decided_at, array_agg(message_id) AS message_ids
           FROM orchestrator_decisions
          WHERE campaign_id = $1 AND campaign_version = $2 AND ${IN_EXPERIMENT}
          GROUP BY customer_id
       )
       SELECT e.customer_id, e.arm, e.decided_at,
              coalesce(t.sent, false) AS sent, coalesce(t.opened, false) AS opened, coalesce(t.clicked, false) AS clicked,
              t.converted_at AS tracked_converted_at, coalesce(t.revenue_cents, 0) AS tracked_revenue_cents,
              p.first_purchase_at, coalesce(p.attributed_cents, 0) AS attributed_purchase_cents, coalesce(p.ltv_cents, 0) AS ltv_cents
         FROM exposures e
         LEFT JOIN LATERAL (
           SELECT bool_or(o.sent) AS sent, bool_or(o.opened) AS opened, bool_or(o.clicked) AS clicked,
                  min(o.converted_at) AS converted_at, sum(o.revenue_cents) AS revenue_cents
             FROM orchestrator_experiment_outcomes o WHERE o.message_id = ANY(e.message_ids)
         ) t ON true
         LEFT JOIN LATERAL (
           SELECT min(p.ordered_at) FILTER (WHERE p.change = 'purchase_made' AND p.ordered_at <= e.decided_at + make_interval(days => $3)) AS first_purchase_at,
                  sum(CASE p.change WHEN 'purchase_made' THEN p.amount_cents ELSE -p.amount_cents END)
                    FILTER (WHERE p.ordered_at <= e.decided_at + make_interval(days => $3)) AS attributed_cents,
                  sum(CASE p.change WHEN 'purchase_made' THEN p.amount_cents ELSE -p.amount_cents END) AS ltv_cents
             FROM orchestrator_experiment_purchases p
            WHERE p.customer_id = e.customer_id AND p.ordered_at >= e.decided_at AND p.ordered_at <= e.decided_at + make_interval(days => $4)
         ) p ON true
        ORDER BY e.decided_at`,
      [campaignId, version, windows.attributionDays, windows.ltvDays],
    );
    return result.rows.map((row) => ({
      customerId: row.customer_id,
      arm: row.arm,
      decidedAt: new Date(row.decided_at),
      sent: row.sent,
      opened: row.opened,
      clicked: row.clicked,
      trackedConvertedAt: row.tracked_converted_at ? new Date(row.tracked_converted_at) : undefined,
      trackedRevenueCents: Number(row.tracked_revenue_cents),
      firstPurchaseAt: row.first_purchase_at ? new Date(row.first_purchase_at) : undefined,
      attributedPurchaseCents: Math.max(0, Number(row.attributed_purchase_cents)),
      ltvCents: Number(row.ltv_cents),
    }));
  }
}
