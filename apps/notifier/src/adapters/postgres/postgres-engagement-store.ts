import type { CampaignResult, Channel, DeliveryStatus, ResultStage } from '@syncengage/contracts';
import type { SqlClient } from '@syncengage/db';
import type { EngagedMessage } from '../../domain/attribution';
import type { Engagement, EngagementFact } from '../../domain/engagement';
import type { AppliedFact, EngagementStore } from '../../application/ports';

interface EngagementRow {
  message_id: string;
  customer_id: string;
  campaign_id: string;
  campaign_version: number;
  variant: string;
  channel: Channel;
  provider: string;
  provider_message_id: string | null;
  recipient: string | null;
  status: DeliveryStatus;
  stage: ResultStage;
  discount_reserved_cents: number;
  failure_reason: string | null;
  sent_at: Date | string | null;
  delivered_at: Date | string | null;
  opened_at: Date | string | null;
  clicked_at: Date | string | null;
  converted_at: Date | string | null;
  click_count: number;
  revenue_cents: number | string;
  converted_order_id: string | null;
}

const COLUMNS = `message_id, customer_id, campaign_id, campaign_version, variant, channel, provider, provider_message_id, recipient, status, stage,
  discount_reserved_cents, failure_reason, sent_at, delivered_at, opened_at, clicked_at, converted_at, click_count, revenue_cents, converted_order_id`;

export class PostgresEngagementStore implements EngagementStore {
  constructor(private readonly db: SqlClient) {}

  async open(engagement: Engagement): Promise<void> {
    await this.db.query(
      `INSERT INTO notifier_engagement (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
       ON CONFLICT (message_id) DO NOTHING`,
      toParams(engagement),
    );
  }

  async apply(fact: EngagementFact, decide: (current: Engagement) => { engagement: Engagement; result?: CampaignResult }): Promise<AppliedFact> {
    return this.db.transaction(async (tx) => {
      const found = await tx.query<EngagementRow>(`SELECT ${COLUMNS} FROM notifier_engagement WHERE message_id = $1 FOR UPDATE`, [fact.messageId]);
      if (found.rows.length === 0) return { state: 'unknown-message' };
      const current = fromRow(found.rows[0]);
      const seen = await tx.query<{ result: CampaignResult | string | null; published_at: Date | null }>(
        'SELECT result, published_at FROM notifier_engagement_facts WHERE fact_id = $1',
        [fact.factId],
      );
      if (seen.rows.length > 0) {
        const { result, published_at: publishedAt } = seen.rows[0];
        const pending = publishedAt || !result ? undefined : typeof result === 'string' ? (JSON.parse(result) as CampaignResult) : result;
        return { state: 'duplicate', engagement: current, pending };
      }
      const decision = decide(current);
      await tx.query(
        `INSERT INTO notifier_engagement_facts (fact_id, message_id, kind, occurred_at, result, published_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, CASE WHEN $5::jsonb IS NULL THEN now() END)`,
        [fact.factId, fact.messageId, fact.kind, fact.at, decision.result ? JSON.stringify(decision.result) : null],
      );
      const [, ...changes] = toParams(decision.engagement);
      await tx.query(
        `UPDATE notifier_engagement SET customer_id = $2, campaign_id = $3, campaign_version = $4, variant = $5, channel = $6, provider = $7,
           provider_message_id = $8, recipient = $9, status = $10, stage = $11, discount_reserved_cents = $12, failure_reason = $13, sent_at = $14,
           delivered_at = $15, opened_at = $16, clicked_at = $17, converted_at = $18, click_count = $19, revenue_cents = $20, converted_order_id = $21,
           updated_at = now()
         WHERE message_id = $1`,
        [fact.messageId, ...changes],
      );
      return { state: 'applied', engagement: decision.engagement, pending: decision.result };
    });
  }

  async markPublished(factId: string): Promise<void> {
    await this.db.query('UPDATE notifier_engagement_facts SET published_at = now() WHERE fact_id = $1 AND published_at IS NULL', [factId]);
  }

  async messageIdForProviderMessage(providerMessageId: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ message_id: string }>('SELECT message_id FROM notifier_engagement WHERE provider_message_id = $1 LIMIT 1', [
      providerMessageId,
    ]);
    return rows[0]?.message_id;
  }

  async latestMessageTo(recipient: string, channels: readonly Channel[]): Promise<string | undefined> {
    const { rows } = await this.db.query<{ message_id: string }>(
      `SELECT message_id FROM notifier_engagement WHERE recipient = $1 AND channel = ANY($2::text[]) AND status = 'sent'
        ORDER BY sent_at DESC NULLS LAST LIMIT 1`,
      [recipient, [...channels]],
    );
    return rows[0]?.message_id;
  }

  async engagedBetween(customerId: string, from: Date, to: Date): Promise<EngagedMessage[]> {
    // GREATEST skips NULLs: a message only opened is engaged at its open.
    const { rows } = await this.db.query<{ message_id: string; engaged_at: Date | string }>(
      `SELECT message_id, GREATEST(opened_at, clicked_at) AS engaged_at FROM notifier_engagement
        WHERE customer_id = $1 AND GREATEST(opened_at, clicked_at) BETWEEN $2 AND $3`,
      [customerId, from.toISOString(), to.toISOString()],
    );
    return rows.map((row) => ({ messageId: row.message_id, engagedAt: iso(row.engaged_at)! }));
  }
}

function toParams(engagement: Engagement): unknown[] {
  return [
    engagement.messageId,
    engagement.customerId,
    engagement.campaignId,
    engagement.campaignVersion,
    engagement.variant,
    engagement.channel,
    engagement.provider,
    engagement.providerMessageId ?? null,
    engagement.recipient ?? null,
    engagement.status,
    engagement.stage,
    engagement.discountReservedCents,
    engagement.failureReason ?? null,
    engagement.sentAt ?? null,
    engagement.deliveredAt ?? null,
    engagement.openedAt ?? null,
    engagement.clickedAt ?? null,
    engagement.convertedAt ?? null,
    engagement.clickCount,
    engagement.revenueCents,
    engagement.convertedOrderId ?? null,
  ];
}

function fromRow(row: EngagementRow): Engagement {
  return {
    messageId: row.message_id,
    customerId: row.customer_id,
    campaignId: row.campaign_id,
    campaignVersion: row.campaign_version,
    variant: row.variant,
    channel: row.channel,
    provider: row.provider,
    providerMessageId: row.provider_message_id ?? undefined,
    recipient: row.recipient ?? undefined,
    status: row.status,
    stage: row.stage,
    discountReservedCents: row.discount_reserved_cents,
    failureReason: row.failure_reason ?? undefined,
    sentAt: iso(row.sent_at),
    deliveredAt: iso(row.delivered_at),
    openedAt: iso(row.opened_at),
    clickedAt: iso(row.clicked_at),
    convertedAt: iso(row.converted_at),
    clickCount: row.click_count,
    revenueCents: Number(row.revenue_cents),
    convertedOrderId: row.converted_order_id ?? undefined,
  };
}

function iso(value: Date | string | null): string | undefined {
  if (value === null) return undefined;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
