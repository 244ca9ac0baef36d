import type { SqlClient } from '@syncengage/db';
import type { PromotionLog, PromotionRecord } from '../../application/ports';

/** A claim not completed within this long was left by a crash, and may be taken over. */
const STALE_CLAIM = '5 minutes';

export class PostgresPromotionLog implements PromotionLog {
  constructor(private readonly db: SqlClient) {}

  async claim(campaignId: string, fromVersion: number, winner: string, reason: string): Promise<boolean> {
    const claimed = await this.db.query(
      `INSERT INTO orchestrator_promotions (campaign_id, from_version, winner, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (campaign_id, from_version) DO UPDATE SET winner = EXCLUDED.winner, reason = EXCLUDED.reason, claimed_at = now()
        WHERE orchestrator_promotions.to_version IS NULL AND orchestrator_promotions.claimed_at < now() - interval '${STALE_CLAIM}'
       RETURNING campaign_id`,
      [campaignId, fromVersion, winner, reason],
    );
    return claimed.rows.length > 0;
  }

  async complete(campaignId: string, fromVersion: number, toVersion: number): Promise<void> {
    await this.db.query('UPDATE orchestrator_promotions SET to_version = $3, promoted_at = now() WHERE campaign_id = $1 AND from_version = $2', [campaignId, fromVersion, toVersion]);
  }

  async release(campaignId: string, fromVersion: number): Promise<void> {
    await this.db.query('DELETE FROM orchestrator_promotions WHERE campaign_id = $1 AND from_version = $2 AND to_version IS NULL', [campaignId, fromVersion]);
  }

  async list(campaignId: string): Promise<PromotionRecord[]> {
    const result = await this.db.query<{ from_version: number; to_version: number | null; winner: string; reason: string; promoted_at: Date | string | null; claimed_at: Date | string }>(
      'SELECT from_version, to_version, winner, reason, promoted_at, claimed_at FROM orchestrator_promotions WHERE campaign_id = $1 ORDER BY from_version',
      [campaignId],
    );
    return result.rows.map((row) => ({
      campaignId,
      fromVersion: row.from_version,
      toVersion: row.to_version,
      winner: row.winner,
      reason: row.reason,
      promotedAt: new Date(row.promoted_at ?? row.claimed_at).toISOString(),
    }));
  }
}
