import type { Campaign } from '../domain/campaigns';
import type { ExperimentResults } from './experiment-results';
import type { CampaignCatalog, PromotionLog } from './ports';

export type PromotionOutcome =
  | { promoted: true; fromVersion: number; toVersion: number; winner: string; reason: string }
  | { promoted: false; reason: string };

/**
 * Ends a campaign's A/B test when it set `autoPromote` and the sequential test found a winner: the next version
 * sends every customer to the winner (the holdout stays, so uplift keeps being measured), records why in
 * `promotedFrom`, and does not promote again.
 */
export class PromoteWinner {
  constructor(
    private readonly catalog: CampaignCatalog,
    private readonly results: ExperimentResults,
    private readonly promotions: PromotionLog,
    private readonly now: () => Date,
  ) {}

  async evaluateAll(): Promise<PromotionOutcome[]> {
    const campaigns = await this.catalog.latest();
    const outcomes: PromotionOutcome[] = [];
    for (const campaign of campaigns.filter((candidate) => candidate.autoPromote === true)) outcomes.push(await this.evaluate(campaign.id));
    return outcomes;
  }

  async evaluate(campaignId: string): Promise<PromotionOutcome> {
    const latest = await this.catalog.get(campaignId);
    if (!latest) return { promoted: false, reason: `no campaign ${campaignId}` };
    if (latest.autoPromote !== true) return { promoted: false, reason: `${campaignId}@${latest.version} does not set autoPromote` };
    if (latest.variants.length < 2) return { promoted: false, reason: `${campaignId}@${latest.version} has one variant: nothing to choose` };
    const { analysis } = await this.results.forVersion(latest);
    if (!analysis.winner) return { promoted: false, reason: `${campaignId}@${latest.version}: no winner yet` };
    const { arm: winner, reason } = analysis.winner;
    if (!(await this.promotions.claim(campaignId, latest.version, winner, reason))) return { promoted: false, reason: `${campaignId}@${latest.version} is promoted already` };
    try {
      const stored = await this.catalog.addVersion(promotedVersion(latest, winner, reason, this.now()), 'auto-promotion');
      await this.promotions.complete(campaignId, latest.version, stored.version);
      return { promoted: true, fromVersion: latest.version, toVersion: stored.version, winner, reason };
    } catch (error) {
      await this.promotions.release(campaignId, latest.version);
      throw error;
    }
  }
}

function promotedVersion(campaign: Campaign, winner: string, reason: string, now: Date): Campaign {
  const variant = campaign.variants.find((candidate) => candidate.name === winner)!;
  return {
    ...campaign,
    variants: [{ ...variant, weight: 1 }],
    autoPromote: false,
    promotedFrom: { fromVersion: campaign.version, winner, reason, promotedAt: now.toISOString() },
  };
}
