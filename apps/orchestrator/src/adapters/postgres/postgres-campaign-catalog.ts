import type { SqlClient } from '@syncengage/db';
import type { CampaignCatalog, CampaignVersionSummary } from '../../application/ports';
import { CampaignVersionConflict } from '../../domain/campaign-errors';
import type { Campaign } from '../../domain/campaigns';

interface CampaignRow {
  definition: Campaign | string;
}

/**
 * Versions in one table, each row immutable. `latest()` is read on every decision, so it is cached for
 * `cacheMs`: another instance's new version is picked up within that time, this instance's own at once.
 */
export class PostgresCampaignCatalog implements CampaignCatalog {
  private cached?: { at: number; campaigns: readonly Campaign[] };

  constructor(private readonly db: SqlClient, private readonly cacheMs = 5_000, private readonly clock: () => number = Date.now) {}

  async latest(): Promise<readonly Campaign[]> {
    if (this.cached && this.clock() - this.cached.at < this.cacheMs) return this.cached.campaigns;
    const result = await this.db.query<CampaignRow>(
      'SELECT DISTINCT ON (campaign_id) definition FROM orchestrator_campaigns ORDER BY campaign_id, version DESC',
    );
    const campaigns = result.rows.map(toCampaign);
    this.cached = { at: this.clock(), campaigns };
    return campaigns;
  }

  async get(id: string, version?: number): Promise<Campaign | undefined> {
    const result = version === undefined
      ? await this.db.query<CampaignRow>('SELECT definition FROM orchestrator_campaigns WHERE campaign_id = $1 ORDER BY version DESC LIMIT 1', [id])
      : await this.db.query<CampaignRow>('SELECT definition FROM orchestrator_campaigns WHERE campaign_id = $1 AND version = $2', [id, version]);
    return result.rows[0] ? toCampaign(result.rows[0]) : undefined;
  }

  async versions(id: string): Promise<CampaignVersionSummary[]> {
    const result = await this.db.query<{ version: number; source: string; created_at: Date | string }>(
      'SELECT version, source, created_at FROM orchestrator_campaigns WHERE campaign_id = $1 ORDER BY version',
      [id],
    );
    return result.rows.map((row) => ({ id, version: row.version, source: row.source, createdAt: new Date(row.created_at).toISOString() }));
  }

  async addVersion(campaign: Campaign, source: string): Promise<Campaign> {
    const stored = await this.db.transaction(async (tx) => {
      // Two requests for the same campaign at once take turns, so each gets its own next number.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`orchestrator-campaign:${campaign.id}`]);
      const next = await tx.query<{ next: number }>('SELECT coalesce(max(version), 0) + 1 AS next FROM orchestrator_campaigns WHERE campaign_id = $1', [campaign.id]);
      const versioned: Campaign = { ...campaign, version: Number(next.rows[0].next) };
      await tx.query('INSERT INTO orchestrator_campaigns (campaign_id, version, definition, source) VALUES ($1, $2, $3, $4)', [
        versioned.id,
        versioned.version,
        JSON.stringify(versioned),
        source,
      ]);
      return versioned;
    });
    this.cached = undefined;
    return stored;
  }

  async seed(campaign: Campaign, source: string): Promise<'added' | 'unchanged'> {
    const inserted = await this.db.query(
      'INSERT INTO orchestrator_campaigns (campaign_id, version, definition, source) VALUES ($1, $2, $3, $4) ON CONFLICT (campaign_id, version) DO NOTHING',
      [campaign.id, campaign.version, JSON.stringify(campaign), source],
    );
    this.cached = undefined;
    if (inserted.rowCount > 0) return 'added';
    const same = await this.db.query('SELECT 1 FROM orchestrator_campaigns WHERE campaign_id = $1 AND version = $2 AND definition = $3::jsonb', [
      campaign.id,
      campaign.version,
      JSON.stringify(campaign),
    ]);
    if (same.rows.length === 0) throw new CampaignVersionConflict(campaign.id, campaign.version, source);
    return 'unchanged';
  }
}

function toCampaign(row: CampaignRow): Campaign {
  return typeof row.definition === 'string' ? (JSON.parse(row.definition) as Campaign) : row.definition;
}
