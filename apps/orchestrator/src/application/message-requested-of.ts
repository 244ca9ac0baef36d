import { MESSAGE_REQUESTED_SCHEMA_VERSION, type CustomerProfile, type MessageRequested } from '@syncengage/contracts';
import type { Decision } from '../domain/decide-campaign';

/** What a sent decision was about: a churn score, or a journey step (`causationId` then is the step's cause id). */
export interface MessageCause {
  causationId: string;
  customerId: string;
  profile: Pick<CustomerProfile, 'email' | 'phone'>;
}

/** The message-requested a sent decision publishes, whether a score or a journey's follow-up caused it. */
export function messageRequestedOf(cause: MessageCause, messageId: string, decision: Extract<Decision, { action: 'send' }>, decidedAt: Date): MessageRequested {
  return {
    eventId: messageId,
    causationId: cause.causationId,
    eventType: 'message-requested',
    schemaVersion: MESSAGE_REQUESTED_SCHEMA_VERSION,
    occurredAt: decidedAt.toISOString(),
    customerId: cause.customerId,
    campaignId: decision.campaign.id,
    campaignVersion: decision.campaign.version,
    variant: decision.variant,
    segment: decision.segment,
    channel: decision.channel,
    locale: decision.locale,
    recipient: { email: cause.profile.email, phone: cause.profile.phone },
    content: { subject: decision.content.subject, text: decision.content.text },
    discount: decision.discount,
    fallbackChannels: decision.fallbackChannels?.length ? decision.fallbackChannels : undefined,
    reason: decision.reason,
  };
}
