import { InvalidCampaignDefinition, parseCampaignDefinition } from '../domain/campaign-definition';
import type { Campaign } from '../domain/campaigns';
import type { CampaignCatalog } from './ports';

export interface SeedReport {
  added: string[];
  unchanged: string[];
}

/** Growth teams' campaigns: shipped files seeded at start-up, new versions through the REST API. */
export class ManageCampaigns {
  constructor(private readonly catalog: CampaignCatalog) {}

  async seed(files: ReadonlyArray<{ file: string; campaign: Campaign }>): Promise<SeedReport> {
    const report: SeedReport = { added: [], unchanged: [] };
    for (const { file, campaign } of files) {
      const outcome = await this.catalog.seed(campaign, file);
      report[outcome].push(`${campaign.id}@${campaign.version}`);
    }
    return report;
  }

  /**
   * Validates a definition and stores it as the campaign's next version (the first for a new id). The body's
   * own `version`, if any, is ignored: numbers are handed out here so two editors cannot both write version 3.
   */
  async createVersion(id: string, body: unknown): Promise<Campaign> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InvalidCampaignDefinition('the request body', ['(root): must be a JSON object']);
    const fields = body as Record<string, unknown>;
    if (fields.id !== undefined && fields.id !== id) {
      throw new InvalidCampaignDefinition('the request body', [`id: "${String(fields.id)}" does not match "${id}" in the path`]);
    }
    const campaign = parseCampaignDefinition({ ...fields, id, version: 1 }, 'the request body');
    return this.catalog.addVersion(campaign, 'api');
  }

  latest(): Promise<readonly Campaign[]> {
    return this.catalog.latest();
  }

  get(id: string, version?: number): Promise<Campaign | undefined> {
    return this.catalog.get(id, version);
  }

  versions(id: string) {
    return this.catalog.versions(id);
  }
}
