import { analyseExperiment, type ExperimentAnalysis, type ExperimentUnit } from '../domain/experiment-analysis';
import { experimentSettingsOf, type ExperimentSettings } from '../domain/experiment-settings';
import type { Campaign } from '../domain/campaigns';
import type { CampaignCatalog, ExperimentEvidence, ExperimentStore, PromotionLog, PromotionRecord } from './ports';

export interface VersionResults {
  version: number;
  variants: Array<{ name: string; weight: number }>;
  settings: Required<ExperimentSettings>;
  analysis: ExperimentAnalysis;
}

export interface CampaignResults {
  campaignId: string;
  latestVersion: number;
  autoPromote: boolean;
  versions: VersionResults[];
  promotions: PromotionRecord[];
}

const DAY_MS = 86_400_000;

/** A/B results of every version of a campaign that has had customers, plus what automatic promotion did. */
export class ExperimentResults {
  constructor(
    private readonly catalog: CampaignCatalog,
    private readonly experiments: ExperimentStore,
    private readonly promotions: PromotionLog,
    private readonly now: () => Date,
  ) {}

  async forCampaign(campaignId: string): Promise<CampaignResults | undefined> {
    const summaries = await this.catalog.versions(campaignId);
    if (summaries.length === 0) return undefined;
    const versions: VersionResults[] = [];
    let latest: Campaign | undefined;
    for (const summary of summaries) {
      const campaign = (await this.catalog.get(campaignId, summary.version))!;
      latest = campaign;
      const results = await this.forVersion(campaign);
      if (results.analysis.arms.some((arm) => arm.customers > 0) || summary === summaries[summaries.length - 1]) versions.push(results);
    }
    return { campaignId, latestVersion: latest!.version, autoPromote: latest!.autoPromote === true, versions, promotions: await this.promotions.list(campaignId) };
  }

  async forVersion(campaign: Campaign): Promise<VersionResults> {
    const settings = experimentSettingsOf(campaign.experiment);
    const evidence = await this.experiments.evidence(campaign.id, campaign.version, settings);
    const units = evidence.map((row) => toUnit(row, settings.attributionDays));
    return {
      version: campaign.version,
      variants: campaign.variants.map((variant) => ({ name: variant.name, weight: variant.weight })),
      settings,
      analysis: analyseExperiment(units, campaign.variants.map((variant) => variant.name), settings, this.now()),
    };
  }
}

/**
 * One customer's outcome. Converted: the notifier tracked a conversion or a purchase was seen, whichever came
 * first, inside the attribution window. Revenue: the larger of the two sources, not their sum — a tracked
 * conversion and the purchase that ingest reports are usually the same money.
 */
export function toUnit(evidence: ExperimentEvidence, attributionDays: number): ExperimentUnit {
  const windowEnd = evidence.decidedAt.getTime() + attributionDays * DAY_MS;
  const tracked = evidence.trackedConvertedAt && evidence.trackedConvertedAt.getTime() <= windowEnd ? evidence.trackedConvertedAt : undefined;
  const candidates = [tracked, evidence.firstPurchaseAt].filter((at): at is Date => at !== undefined);
  const convertedAt = candidates.length > 0 ? new Date(Math.min(...candidates.map((at) => at.getTime()))) : undefined;
  return {
    arm: evidence.arm,
    decidedAt: evidence.decidedAt,
    sent: evidence.sent,
    opened: evidence.opened,
    clicked: evidence.clicked,
    convertedAt,
    revenueCents: Math.max(tracked ? evidence.trackedRevenueCents : 0, evidence.attributedPurchaseCents),
    ltvCents: Math.max(evidence.ltvCents, tracked ? evidence.trackedRevenueCents : 0),
  };
}
