import type { CampaignCatalog, CampaignVersionSummary } from '../../src/application/ports';
import { CampaignVersionConflict } from '../../src/domain/campaign-errors';
import type { Campaign } from '../../src/domain/campaigns';

/** The catalog port in a Map, with the Postgres adapter's rules: versions immutable, numbers handed out in order. */
export class InMemoryCampaignCatalog implements CampaignCatalog {
  private readonly stored: Array<{ campaign: Campaign; source: string; createdAt: string }> = [];

  constructor(campaigns: readonly Campaign[] = []) {
    for (const campaign of campaigns) this.stored.push({ campaign, source: 'test', createdAt: new Date(0).toISOString() });
  }

  async latest(): Promise<readonly Campaign[]> {
    const byId = new Map<string, Campaign>();
    for (const { campaign } of this.stored) if ((byId.get(campaign.id)?.version ?? 0) < campaign.version) byId.set(campaign.id, campaign);
    return [...byId.values()];
  }

  async get(id: string, version?: number): Promise<Campaign | undefined> {
    const versions = this.stored.filter((row) => row.campaign.id === id).map((row) => row.campaign);
    return version === undefined ? versions.sort((a, b) => b.version - a.version)[0] : versions.find((campaign) => campaign.version === version);
  }

  async versions(id: string): Promise<CampaignVersionSummary[]> {
    return this.stored.filter((row) => row.campaign.id === id).map((row) => ({ id, version: row.campaign.version, source: row.source, createdAt: row.createdAt }));
  }

  async addVersion(campaign: Campaign, source: string): Promise<Campaign> {
    const version = Math.max(0, ...this.stored.filter((row) => row.campaign.id === campaign.id).map((row) => row.campaign.version)) + 1;
    const stored = { ...campaign, version };
    this.stored.push({ campaign: stored, source, createdAt: new Date().toISOString() });
    return stored;
  }

  async seed(campaign: Campaign, source: string): Promise<'added' | 'unchanged'> {
    const existing = await this.get(campaign.id, campaign.version);
    if (!existing) {
      this.stored.push({ campaign, source, createdAt: new Date().toISOString() });
      return 'added';
    }
    if (JSON.stringify(existing) !== JSON.stringify(campaign)) throw new CampaignVersionConflict(campaign.id, campaign.version, source);
    return 'unchanged';
  }
}
