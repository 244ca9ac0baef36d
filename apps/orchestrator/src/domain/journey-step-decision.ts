import type { CustomerProfile, RfmSummary, RiskBand, Segment } from '@syncengage/contracts';
import type { Campaign } from './campaigns';
import { chooseChannel, type ChannelPolicy } from './channel-choice';
import type { Decision } from './decide-campaign';
import { discountCodeFor, expectedDiscountCostCents } from './discount-code';
import { blockedChannels, isInConversionCooldown, quietHoursReleaseAt, type ContactHistory, type GuardRailPolicy } from './guard-rails';
import { allowedChannelsOf } from './journey-definition';
import type { JourneySend } from './journey';
import { resolveLocale } from './locale';
import { renderMessage } from './render-message';

/** What a journey remembers of its customer: the latest churn-scored, minus what a follow-up does not need. */
export interface JourneyCustomer {
  profile: CustomerProfile;
  band: RiskBand;
  rfm: RfmSummary;
}

export interface JourneyStepInput {
  send: JourneySend;
  campaign: Campaign;
  segment: Segment;
  variant: string;
  customer: JourneyCustomer;
  instanceId: string;
  now: Date;
  history: ContactHistory;
}

const ANONYMOUS_GREETING_NAME: Record<string, string> = { en: 'there', es: 'cliente', fr: 'cher client' };

/**
 * A follow-up under the same guard rails as a first message (suppressions, frequency caps, quiet hours, the
 * conversion cool-down) but not the contact cool-down: the journey's own waits are its cadence.
 */
export function decideJourneyStep(input: JourneyStepInput, channelPolicy: ChannelPolicy, guardRails?: GuardRailPolicy): Decision {
  const { send, campaign, segment, customer, now, history } = input;
  const where = `journey ${campaign.id}@${campaign.version} step ${send.step.id} (follow-up ${send.ordinal}, instance ${input.instanceId})`;
  if (guardRails && isInConversionCooldown(history, now, guardRails)) {
    return { action: 'skip', segment, reason: `${where}: converted at ${history.lastConvertedAt!.toISOString()}, inside the post-conversion cool-down` };
  }
  const blocked = guardRails ? blockedChannels(history, now, guardRails) : {};
  const choice = chooseChannel(customer.profile, customer.band, customer.rfm.monetaryTotalCents, channelPolicy, blocked, allowedChannelsOf(campaign));
  if (!choice.channel) return { action: 'skip', segment, reason: `${where}: ${choice.reason}` };
  const locale = resolveLocale(customer.profile.locale, Object.keys(send.step.templates));
  const percent = send.step.discountPercent ?? 0;
  const code = discountCodeFor(send.messageId, percent);
  const content = renderMessage(send.step.templates[locale], locale, {
    name: customer.profile.firstName ?? ANONYMOUS_GREETING_NAME[locale.split('-')[0]] ?? ANONYMOUS_GREETING_NAME.en,
    percent: percent / 100,
    code,
  });
  const discount = percent > 0 ? { percent, code, reservedCents: expectedDiscountCostCents(percent, customer.rfm.monetaryTotalCents, customer.rfm.frequency) } : undefined;
  const releaseAt = guardRails ? quietHoursReleaseAt(now, customer.profile.timeZone, guardRails) : undefined;
  const held = releaseAt ? `; quiet hours: held until ${releaseAt.toISOString()}` : '';
  return {
    action: 'send',
    segment,
    campaign,
    variant: input.variant,
    channel: choice.channel,
    locale,
    content,
    discount,
    releaseAt,
    fallbackChannels: choice.fallbackChannels,
    reason: `${where}; ${choice.reason}; locale ${locale}${held}`,
  };
}
