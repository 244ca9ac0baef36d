import type { Segment } from '@syncengage/contracts';
import type { DiscountOptimizerDefinition } from './discount-policy';
import type { ExperimentSettings, PromotionNote } from './experiment-settings';

export interface MessageTemplate {
  subject: string;
  /** ICU MessageFormat; variables: name, percent (0..1), code. */
  text: string;
}

export interface CampaignVariant {
  name: string;
  weight: number;
  /** 0 means no discount (VIP: exclusives, not blanket discounts). */
  discountPercent: number;
  templates: Record<string, MessageTemplate>;
  /** This variant's own discount bandit; overrides the campaign's. `discountPercent` is then only the fallback. */
  discountOptimizer?: DiscountOptimizerDefinition;
}

/**
 * One version of a growth team's campaign. Versions are immutable once stored: a change is a new version, and
 * every decision records id and version, so a result always traces back to the definition that produced it.
 */
export interface Campaign {
  id: string;
  version: number;
  segment: Segment;
  description?: string;
  /** Paused campaigns are kept (results still trace to them) but decide nothing. */
  enabled?: boolean;
  /** Higher wins when several enabled campaigns target one segment; ties go to the smaller id. */
  priority?: number;
  variants: CampaignVariant[];
  /** A discount bandit for every variant without its own. */
  discountOptimizer?: DiscountOptimizerDefinition;
  /** Publish a version that sends everyone to the winner once the sequential test finds one. */
  autoPromote?: boolean;
  experiment?: ExperimentSettings;
  /** Set on a version written by automatic promotion: which version's test it ends and why. */
  promotedFrom?: PromotionNote;
}

export function campaignForSegment(campaigns: readonly Campaign[], segment: Segment): Campaign | undefined {
  return campaigns
    .filter((campaign) => campaign.segment === segment && campaign.enabled !== false)
    .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || a.id.localeCompare(b.id))[0];
}
