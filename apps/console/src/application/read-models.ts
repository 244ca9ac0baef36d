import type { AbVerdict } from '../domain/ab-verdict';
import type { FunnelCounts, FunnelStep } from '../domain/funnel';
import type { ArmOutcome, UpliftVsHoldout } from '../domain/uplift';
import type { Interval } from '../domain/wilson-interval';
import type { TopicHealth } from './ports';

/** Every query takes the same slice: messages requested in [from, to), narrowed by any of the dimensions. */
export interface AnalyticsFilter {
  from?: string;
  to?: string;
  campaignId?: string;
  segment?: string;
  variant?: string;
  channel?: string;
  locale?: string;
}

export const funnelDimensions = ['campaign', 'segment', 'variant', 'channel', 'locale'] as const;
export type FunnelDimension = (typeof funnelDimensions)[number];

export interface Money {
  attributedRevenueCents: number;
  discountCostCents: number;
  netProfitCents: number;
}

export interface FunnelReport extends Money {
  counts: FunnelCounts;
  steps: FunnelStep[];
  timeToConvert: { medianSeconds: number | null; meanSeconds: number | null; conversions: number };
  uplift: FunnelUplift;
  breakdown?: Array<{ key: string | null; counts: FunnelCounts } & Money>;
}

/**
 * Customers sent something by the campaign versions that have a holdout, pooled, against their holdouts: purchases
 * within the attribution window after each customer's decision (decision-recorded).
 */
export type FunnelUplift =
  | { available: false; reason: string }
  | { available: true; attributionDays: number; treated: ArmOutcome; holdout: ArmOutcome; upliftVsHoldout: UpliftVsHoldout };

/** The discount percents of the messages a variant requested (no discount counts as 0 %). */
export interface DiscountSpread {
  meanPercent: number;
  minPercent: number;
  maxPercent: number;
}

export interface AbVariantResult {
  variant: string;
  sent: number;
  converted: number;
  conversion: Interval;
  revenueCents: number;
  discountCostCents: number;
  discount: DiscountSpread | null;
  /** The variant's customers by decision-recorded and their purchases; null when no decision names the variant. */
  customers: ArmOutcome | null;
  upliftVsHoldout: UpliftVsHoldout | null;
}

export interface AbTestResult {
  campaignId: string;
  campaignVersion: number;
  variants: AbVariantResult[];
  verdict: AbVerdict;
  /** The version's holdout (decided, never sent anything); null when it had none. */
  holdout: ArmOutcome | null;
  attributionDays: number;
}

export interface BudgetDay {
  day: string;
  messages: number;
  reservedCents: number;
  spentCents: number;
  capCents: number;
}

export interface ChurnDistribution {
  customers: number;
  /** Customers by their latest score: 0–0.1 … 0.9–1. */
  deciles: number[];
  bands: Record<string, number>;
  /** Each customer's latest band per week. */
  bandsOverTime: Array<{ period: string; low: number; medium: number; high: number }>;
  /** Band changes between consecutive scores of one customer. */
  bandTransitions: Array<{ from: string; to: string; count: number }>;
  /** Customers messaged per segment per week. */
  segmentsOverTime: Array<{ period: string; segment: string; customers: number }>;
  /** Segment changes (segment-changed events) between segments; "none" is outside every segment. */
  segmentTransitions: Array<{ from: string; to: string; count: number }>;
}

export interface ModelVersionUsage {
  modelVersion: string;
  customers: number;
  scores: number;
  shareOfCustomers: number;
  meanScore: number;
  firstScoredAt: string;
  lastScoredAt: string;
}

export interface CampaignSummary {
  campaignId: string;
  campaignVersion: number;
  variants: Array<{ variant: string; discountPercent: number | null; messages: number }>;
  segments: string[];
  channels: string[];
  locales: string[];
  messages: number;
  sent: number;
  converted: number;
  revenueCents: number;
  firstMessageAt: string;
  lastMessageAt: string;
  /** The orchestrator's full definition, when CONSOLE_ORCHESTRATOR_URL is set. */
  definitionUrl: string | null;
}

export interface CampaignDetail extends CampaignSummary {
  funnel: FunnelReport;
  recentReasons: Array<{ customerId: string; reason: string; requestedAt: string }>;
}

export interface CustomerMessage {
  messageId: string;
  requestedAt: string;
  campaignId: string;
  campaignVersion: number;
  variant: string;
  segment: string | null;
  channel: string;
  locale: string | null;
  reason: string | null;
  stage: string | null;
  opened: boolean;
  clicked: boolean;
  converted: boolean;
  revenueCents: number;
}

/** One orchestrator decision about the customer (decision-recorded), sent or not. */
export interface CustomerDecision {
  decidedAt: string;
  action: 'send' | 'holdout' | 'skip';
  campaignId: string | null;
  campaignVersion: number | null;
  variant: string | null;
  segment: string | null;
  channel: string | null;
  discountPercent: number | null;
  messageId: string | null;
  reason: string;
}

export interface CustomerView {
  customerId: string;
  events: Array<{ eventId: string; type: string; occurredAt: string; stage: string | null; detail: string | null }>;
  scores: Array<{ occurredAt: string; score: number; band: string; modelVersion: string }>;
  segmentHistory: Array<{ at: string; segment: string }>;
  messages: CustomerMessage[];
  /** Every decision, oldest first: sends, holdouts and skips with their reasons. */
  decisions: CustomerDecision[];
}

export interface PipelineHealth {
  source: 'kafka' | 'in-process';
  topics: TopicHealth[];
  recordedEvents: Record<string, number>;
  sendFailures: Array<{ channel: string; reason: string; count: number }>;
  failedMessages: number;
}
