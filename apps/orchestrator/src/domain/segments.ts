import type { RiskBand, RfmSummary, Segment } from '@syncengage/contracts';

export interface SegmentRules {
  /** Lifetime spend that makes a customer a VIP. */
  vipMinSpendCents: number;
  /** Days without an order after which a customer is Dormant rather than At-Risk. */
  dormantMinRecencyDays: number;
  /** Customers younger than this (days since their first order) are New. */
  newMaxTenureDays: number;
}

export interface SegmentInput {
  band: RiskBand;
  rfm: RfmSummary;
}

export type Segmentation = { segment: Segment; reason: string } | { segment: undefined; reason: string };

/**
 * Priority order matters: a long-silent customer is Dormant whatever they once spent; a slipping customer is
 * At-Risk before VIP, because winning them back is the point; New only applies to those not already slipping.
 */
export function segmentOf(input: SegmentInput, rules: SegmentRules): Segmentation {
  const { rfm, band } = input;
  if (rfm.recencyDays >= rules.dormantMinRecencyDays) {
    return { segment: 'Dormant', reason: `no order for ${rfm.recencyDays} days (>= ${rules.dormantMinRecencyDays})` };
  }
  if (band === 'high') return { segment: 'At-Risk', reason: 'churn risk band is high' };
  if (rfm.monetaryTotalCents >= rules.vipMinSpendCents) {
    return { segment: 'VIP', reason: `lifetime spend ${rfm.monetaryTotalCents}c >= ${rules.vipMinSpendCents}c` };
  }
  if (rfm.tenureDays < rules.newMaxTenureDays) {
    return { segment: 'New', reason: `first order ${rfm.tenureDays} days ago (< ${rules.newMaxTenureDays})` };
  }
  return { segment: undefined, reason: `active customer, ${band} risk: no campaign applies` };
}
