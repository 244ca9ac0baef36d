import type { SqlClient } from '@syncengage/db';
import type { AnalyticsFilter, CampaignSummary } from '../../application/read-models';
import { messageFilter, toIso, toNumber } from './message-filter';

type CampaignRow = {
  campaign_id: string; campaign_version: number; segments: string[]; channels: string[]; locales: string[];
  messages: number; sent: number; converted: number; revenue: string; first_at: Date; last_at: Date;
};

/** Campaigns as the events know them: every (campaignId, version) that requested a message, with its variants. */
export class PostgresCampaignQueries {
  constructor(private readonly db: SqlClient, private readonly orchestratorUrl: string | undefined) {}

  async list(filter: AnalyticsFilter): Promise<CampaignSummary[]> {
    const { where, params } = messageFilter(filter);
    const campaigns = await this.db.query<CampaignRow>(
      `SELECT m.campaign_id, m.campaign_version,
              array_remove(array_agg(DISTINCT m.segment), NULL) AS segments, array_agg(DISTINCT m.channel) AS channels,
              array_remove(array_agg(DISTINCT m.locale), NULL) AS locales, count(*)::int AS messages,
              count(*) FILTER (WHERE m.is_sent)::int AS sent, count(*) FILTER (WHERE m.is_converted)::int AS converted,
              coalesce(sum(m.revenue_cents) FILTER (WHERE m.is_converted), 0) AS revenue,
              min(m.requested_at) AS first_at, max(m.requested_at) AS last_at
         FROM console_messages m ${where}
        GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
    const variants = await this.db.query<{ campaign_id: string; campaign_version: number; variant: string; percent: number | null; messages: number }>(
      `SELECT m.campaign_id, m.campaign_version, m.variant, max(m.discount_percent) AS percent, count(*)::int AS messages
         FROM console_messages m ${where} GROUP BY 1, 2, 3 ORDER BY 3`,
      params,
    );
    return campaigns.rows.map((row) => ({
      campaignId: row.campaign_id,
      campaignVersion: row.campaign_version,
      variants: variants.rows
        .filter((v) => v.campaign_id === row.campaign_id && v.campaign_version === row.campaign_version)
        .map((v) => ({ variant: v.variant, discountPercent: v.percent === null ? null : Number(v.percent), messages: v.messages })),
      segments: [...row.segments].sort(),
      channels: [...row.channels].sort(),
      locales: [...row.locales].sort(),
      messages: row.messages,
      sent: row.sent,
      converted: row.converted,
      revenueCents: toNumber(row.revenue),
      firstMessageAt: toIso(row.first_at),
      lastMessageAt: toIso(row.last_at),
      definitionUrl: this.orchestratorUrl ? `${this.orchestratorUrl}/campaigns/${encodeURIComponent(row.campaign_id)}?version=${row.campaign_version}` : null,
    }));
  }

  async recentReasons(campaignId: string, campaignVersion: number, limit: number): Promise<Array<{ customerId: string; reason: string; requestedAt: string }>> {
    const rows = await this.db.query<{ customer_id: string; reason: string; requested_at: Date }>(
      `SELECT customer_id, reason, requested_at FROM console_messages
        WHERE campaign_id = $1 AND campaign_version = $2 AND reason IS NOT NULL ORDER BY requested_at DESC LIMIT $3`,
      [campaignId, campaignVersion, limit],
    );
    return rows.rows.map((row) => ({ customerId: row.customer_id, reason: row.reason, requestedAt: toIso(row.requested_at) }));
  }
}
