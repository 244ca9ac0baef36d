import type { Segment } from '@syncengage/contracts';

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
}

export function campaignForSegment(campaigns: readonly Campaign[], segment: Segment): Campaign | undefined {
  return campaigns
    .filter((campaign) => campaign.segment === segment && campaign.enabled !== false)
    .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || a.id.localeCompare(b.id))[0];
}
