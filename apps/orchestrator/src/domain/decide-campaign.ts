import type { Channel, ChurnScored, Segment } from '@syncengage/contracts';
import { campaignForSegment, type Campaign } from './campaigns';
import { chooseChannel, type ChannelPolicy } from './channel-choice';
import { blockedChannels, isInConversionCooldown, NO_HISTORY, quietHoursReleaseAt, type ContactHistory, type GuardRailPolicy } from './guard-rails';
import { discountCodeFor, expectedDiscountCostCents } from './discount-code';
import { allowedChannelsOf } from './journey-definition';
import { pickDiscount, type BanditPull, type DiscountLearning } from './discount-policy';
import { resolveLocale } from './locale';
import { renderMessage, type RenderedMessage } from './render-message';
import { segmentOf, type SegmentRules } from './segments';
import { assignVariant, HOLDOUT } from './variant-assignment';

export interface DecisionPolicy {
  segmentRules: SegmentRules;
  channelPolicy: ChannelPolicy;
  campaigns: readonly Campaign[];
  abTestingEnabled: boolean;
  holdoutPercent: number;
  /** A customer contacted less than this long ago is left alone. */
  cooldownMs: number;
  /** Frequency caps, conversion cool-down, quiet hours; none when unset. */
  guardRails?: GuardRailPolicy;
}

export interface DecisionInput {
  scored: ChurnScored;
  messageId: string;
  now: Date;
  lastContactedAt?: Date;
  /** Sends, conversion and suppressions of this customer; `lastContactedAt` wins over its own when both are given. */
  history?: ContactHistory;
  /** What the discount bandits learned, for campaigns with an optimizer; without it they keep to their bounds. */
  discountLearning?: DiscountLearning;
}

export type Decision =
  | { action: 'skip'; segment?: Segment; reason: string }
  | { action: 'holdout'; segment: Segment; campaign: Campaign; reason: string }
  | {
      action: 'send';
      segment: Segment;
      campaign: Campaign;
      variant: string;
      channel: Channel;
      locale: string;
      content: RenderedMessage;
      discount?: { percent: number; code: string; reservedCents: number };
      /** Set when a discount bandit chose the discount: its result teaches this arm. */
      discountPull?: BanditPull;
      /** Set when quiet hours hold the message: the outbox publishes it at this instant, not before. */
      releaseAt?: Date;
      /** The other possible channels, in order, for the notifier when `channel` fails for good. */
      fallbackChannels?: Channel[];
      reason: string;
    };

/** Who a message greets when we do not know their name, in their own language. */
const ANONYMOUS_GREETING_NAME: Record<string, string> = { en: 'there', es: 'cliente', fr: 'cher client' };

/** Who gets what: every outcome carries a reason a person can read back later. */
export function decideCampaign(input: DecisionInput, policy: DecisionPolicy): Decision {
  const { scored, now } = input;
  const history = input.history ?? NO_HISTORY;
  const lastContactedAt = input.lastContactedAt ?? history.lastContactedAt;
  const segmentation = segmentOf({ band: scored.band, rfm: scored.rfm }, policy.segmentRules);
  if (!segmentation.segment) return { action: 'skip', reason: segmentation.reason };
  const segment = segmentation.segment;
  const campaign = campaignForSegment(policy.campaigns, segment);
  if (!campaign) return { action: 'skip', segment, reason: `no campaign for segment ${segment}` };
  if (lastContactedAt && now.getTime() - lastContactedAt.getTime() < policy.cooldownMs) {
    return { action: 'skip', segment, reason: `contacted at ${lastContactedAt.toISOString()}, inside the cool-down` };
  }
  if (policy.guardRails && isInConversionCooldown(history, now, policy.guardRails)) {
    return { action: 'skip', segment, reason: `converted at ${history.lastConvertedAt!.toISOString()}, inside the post-conversion cool-down` };
  }
  const variants = policy.abTestingEnabled ? campaign.variants : campaign.variants.slice(0, 1);
  const holdout = policy.abTestingEnabled ? policy.holdoutPercent : 0;
  const variantName = assignVariant(scored.customerId, `${campaign.id}@${campaign.version}`, variants, holdout);
  if (variantName === HOLDOUT) {
    return { action: 'holdout', segment, campaign, reason: `${segmentation.reason}; in the ${holdout}% holdout of ${campaign.id}` };
  }
  const variant = variants.find((candidate) => candidate.name === variantName)!;
  const blocked = policy.guardRails ? blockedChannels(history, now, policy.guardRails) : {};
  const channelChoice = chooseChannel(scored.profile, scored.band, scored.rfm.monetaryTotalCents, policy.channelPolicy, blocked, allowedChannelsOf(campaign));
  if (!channelChoice.channel) return { action: 'skip', segment, reason: channelChoice.reason };
  const locale = resolveLocale(scored.profile.locale, Object.keys(variant.templates));
  const pick = pickDiscount(campaign, variant, segment, scored.band, input.discountLearning);
  const code = discountCodeFor(input.messageId, pick.percent);
  const content = renderMessage(variant.templates[locale], locale, {
    name: scored.profile.firstName ?? ANONYMOUS_GREETING_NAME[locale.split('-')[0]] ?? ANONYMOUS_GREETING_NAME.en,
    percent: pick.percent / 100,
    code,
  });
  const discount =
    pick.percent > 0
      ? { percent: pick.percent, code, reservedCents: expectedDiscountCostCents(pick.percent, scored.rfm.monetaryTotalCents, scored.rfm.frequency) }
      : undefined;
  const releaseAt = policy.guardRails ? quietHoursReleaseAt(now, scored.profile.timeZone, policy.guardRails) : undefined;
  const held = releaseAt ? `; quiet hours: held until ${releaseAt.toISOString()}` : '';
  return {
    action: 'send',
    segment,
    campaign,
    variant: variant.name,
    channel: channelChoice.channel,
    locale,
    content,
    discount,
    releaseAt,
    fallbackChannels: channelChoice.fallbackChannels,
    discountPull: pick.pull,
    reason: `${segmentation.reason}; ${campaign.id} ${variant.name}${pick.reason ? `; ${pick.reason}` : ''}; ${channelChoice.reason}; locale ${locale}${held}`,
  };
}
