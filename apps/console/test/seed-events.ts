import { deriveEventId, Topics, type DecisionRecorded, type SegmentChanged, type CampaignResult, type ChurnScored, type CustomerUpdated, type EventOf, type MessageRequested, type Topic } from '@syncengage/contracts';

/**
 * A small, hand-counted history: eight customers, four scores, five messages and their results (one redelivered,
 * one reported before its request, one failed), and the orchestrator's decisions: the five sends, three customers
 * held out of winback, one skip. The expected numbers in the tests follow from it by hand.
 */
const NAMESPACE = '6f1c1d9e-5c7a-4a53-9d1f-3f2d0c6b9a11';
const id = (name: string): string => deriveEventId(NAMESPACE, name);
const DAY1 = '2026-03-02';
const DAY2 = '2026-03-03';
const at = (day: string, time: string): string => `${day}T${time}:00.000Z`;

export type SeedEvent = { [T in Topic]: { topic: T; event: EventOf<T> } }[Topic];

function purchase(customer: string, amountCents: number, when: string, order = `o-${customer}`): SeedEvent {
  const event: CustomerUpdated = {
    eventId: id(order === `o-${customer}` ? `purchase-${customer}` : `purchase-${order}`), occurredAt: when, customerId: customer, eventType: 'customer-updated', schemaVersion: 1,
    source: 'webhook', change: 'purchase_made', purchase: { orderId: order, amountCents, currency: 'GBP', orderedAt: when },
    profile: { email: `${customer}@example.com`, locale: 'en' }, attributes: {},
  };
  return { topic: Topics.CustomerUpdated, event };
}

function score(customer: string, value: number, band: ChurnScored['band'], modelVersion: string, when: string): SeedEvent {
  const event: ChurnScored = {
    eventId: id(`score-${customer}-${when}`), occurredAt: when, customerId: customer, eventType: 'churn-scored', schemaVersion: 1,
    score: value, band, modelVersion, horizonDays: 90, rfm: { recencyDays: 10, frequency: 2, monetaryTotalCents: 5000, tenureDays: 100 },
    profile: { email: `${customer}@example.com` }, trigger: 'purchase_made',
  };
  return { topic: Topics.ChurnScored, event };
}

interface MessageSpec { message: string; customer: string; campaign: string; variant: string; segment: MessageRequested['segment']; channel: 'email' | 'sms'; locale: string; discountCents: number; when: string; percent?: number }

/** 500 cents buys 10 %, 1000 cents 20 %, unless the bandit chose otherwise (`percent`). */
const percentOf = (spec: MessageSpec): number => spec.percent ?? (spec.discountCents === 500 ? 10 : spec.discountCents === 1000 ? 20 : 0);

function request(spec: MessageSpec): SeedEvent {
  const event: MessageRequested = {
    eventId: id(spec.message), occurredAt: spec.when, customerId: spec.customer, eventType: 'message-requested', schemaVersion: 1,
    campaignId: spec.campaign, campaignVersion: 1, variant: spec.variant, segment: spec.segment, channel: spec.channel, locale: spec.locale,
    recipient: spec.channel === 'email' ? { email: `${spec.customer}@example.com` } : { phone: '+15558675310' },
    content: { subject: 'We miss you', text: 'Come back' },
    ...(spec.discountCents > 0 ? { discount: { percent: percentOf(spec), code: `CODE-${spec.message}`, reservedCents: spec.discountCents } } : {}),
    reason: `${spec.segment} because of the seed; variant ${spec.variant}`,
  };
  return { topic: Topics.MessageRequested, event };
}

function segmentChange(customer: string, previousSegment: SegmentChanged['previousSegment'], segment: SegmentChanged['segment'], when: string): SeedEvent {
  const event: SegmentChanged = {
    eventId: id(`segment-${customer}-${when}`), occurredAt: when, customerId: customer, eventType: 'segment-changed', schemaVersion: 1,
    previousSegment, segment, reason: `${segment ?? 'no segment'} by the seed`,
  };
  return { topic: Topics.SegmentChanged, event };
}

type DecisionSpec = Pick<DecisionRecorded, 'customerId' | 'action' | 'reason'> & Partial<Pick<DecisionRecorded, 'campaignId' | 'variant' | 'segment'>> & { when: string };

/** A send names its message; a holdout and a skip name none. */
function decision(spec: DecisionSpec, message?: MessageSpec): SeedEvent {
  const scoredEventId = id(`scored-${spec.customerId}-${spec.when}`);
  const event: DecisionRecorded = {
    eventId: id(`decision-${spec.customerId}-${spec.when}`), causationId: scoredEventId, occurredAt: spec.when, customerId: spec.customerId,
    eventType: 'decision-recorded', schemaVersion: 1, scoredEventId, action: spec.action,
    campaignId: message?.campaign ?? spec.campaignId, campaignVersion: message || spec.campaignId ? 1 : undefined, variant: message?.variant ?? spec.variant,
    segment: message?.segment ?? spec.segment, riskBand: 'high', churnProbability: 0.8, reason: spec.reason, decidedAt: spec.when,
    ...(message ? { messageId: id(message.message), channel: message.channel, discountPercent: percentOf(message) } : {}),
  };
  return { topic: Topics.DecisionRecorded, event };
}

const sent = (message: MessageSpec): SeedEvent =>
  decision({ customerId: message.customer, action: 'send', reason: `${message.segment} because of the seed; variant ${message.variant}`, when: message.when }, message);
const heldOut = (customer: string, when: string): SeedEvent =>
  decision({ customerId: customer, action: 'holdout', campaignId: 'winback', variant: 'holdout', segment: 'At-Risk', reason: 'At-Risk; in the 10% holdout of winback', when });

type Stage = 'sent' | 'opened' | 'clicked' | 'converted' | 'failed';

function result(spec: MessageSpec, stage: Stage, when: string, extra: Partial<CampaignResult> = {}): SeedEvent {
  const reached = ['sent', 'opened', 'clicked', 'converted'].indexOf(stage);
  const event: CampaignResult = {
    eventId: id(`${spec.message}-${stage}`), occurredAt: when, customerId: spec.customer, eventType: 'campaign-result', schemaVersion: 1,
    messageId: id(spec.message), campaignId: spec.campaign, campaignVersion: 1, variant: spec.variant, channel: spec.channel, provider: 'local-outbox',
    status: stage === 'failed' ? 'failed' : 'sent', opened: reached >= 1, clicked: reached >= 2, converted: reached >= 3,
    revenueImpactCents: stage === 'converted' ? 4000 : 0, discountReservedCents: spec.discountCents, stage,
    sentAt: stage === 'failed' ? undefined : at(spec.when.slice(0, 10), '10:00'), ...extra,
  };
  return { topic: Topics.CampaignResult, event };
}

const M1: MessageSpec = { message: 'm1', customer: 'c1', campaign: 'winback', variant: 'ten', segment: 'At-Risk', channel: 'email', locale: 'en', discountCents: 500, when: at(DAY1, '09:00') };
const M2: MessageSpec = { message: 'm2', customer: 'c2', campaign: 'winback', variant: 'twenty', segment: 'At-Risk', channel: 'email', locale: 'es', discountCents: 1000, when: at(DAY1, '09:30') };
const M3: MessageSpec = { message: 'm3', customer: 'c3', campaign: 'winback', variant: 'ten', segment: 'At-Risk', channel: 'sms', locale: 'en', discountCents: 500, when: at(DAY2, '09:00') };
const M4: MessageSpec = { message: 'm4', customer: 'c4', campaign: 'vip', variant: 'early', segment: 'VIP', channel: 'email', locale: 'en', discountCents: 0, when: at(DAY2, '09:10') };
const M5: MessageSpec = { message: 'm5', customer: 'c5', campaign: 'winback', variant: 'twenty', segment: 'At-Risk', channel: 'sms', locale: 'en', discountCents: 1000, when: at(DAY2, '09:20'), percent: 15 };

const m1Converted = result(M1, 'converted', at(DAY1, '12:00'), { convertedAt: at(DAY1, '12:00') });

/** In publishing order; m3's result comes before its request and m1's conversion is delivered twice. */
export const SEED_EVENTS: readonly SeedEvent[] = [
  ...['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((customer, index) => purchase(customer, 1000 * (index + 1), at(DAY1, '08:00'))),
  score('c1', 0.15, 'low', 'model-a', at(DAY1, '08:01')),
  score('c2', 0.55, 'medium', 'model-a', at(DAY1, '08:02')),
  score('c1', 0.75, 'high', 'model-b', at(DAY2, '08:01')),
  score('c3', 0.95, 'high', 'model-b', at(DAY2, '08:02')),
  segmentChange('c1', null, 'At-Risk', at(DAY1, '08:01')),
  segmentChange('c1', 'At-Risk', 'Dormant', at(DAY2, '08:01')),
  request(M1), request(M2), request(M4), request(M5),
  result(M3, 'sent', at(DAY2, '10:00')),
  request(M3),
  result(M1, 'sent', at(DAY1, '10:00')), result(M1, 'opened', at(DAY1, '10:30')), result(M1, 'clicked', at(DAY1, '11:00')), m1Converted, m1Converted,
  result(M2, 'opened', at(DAY1, '11:00')), result(M2, 'sent', at(DAY1, '10:00')),
  result(M4, 'sent', at(DAY2, '10:00')), result(M4, 'opened', at(DAY2, '10:20')), result(M4, 'clicked', at(DAY2, '10:40')),
  result(M5, 'failed', at(DAY2, '09:21'), { failureReason: 'invalid phone number' }),
  // Decisions, and the purchases that follow them: within the 7-day attribution window, except c5's.
  sent(M1), sent(M2), sent(M3), sent(M4), sent(M5),
  heldOut('c6', at(DAY1, '09:40')), heldOut('c7', at(DAY1, '09:50')), heldOut('c8', at(DAY2, '09:30')),
  decision({ customerId: 'c1', action: 'skip', segment: 'Dormant', reason: 'contacted at 2026-03-02T09:00:00.000Z, inside the cool-down', when: at(DAY2, '08:01') }),
  purchase('c1', 4000, at(DAY1, '12:00'), 'o-c1-after'),
  purchase('c2', 3000, at('2026-03-04', '10:00'), 'o-c2-after'),
  purchase('c5', 2500, at('2026-03-12', '10:00'), 'o-c5-late'),
  purchase('c6', 2500, at(DAY2, '12:00'), 'o-c6-after'),
];

/** Distinct event ids: the redelivered conversion counts once. */
export const SEED_DISTINCT_EVENTS = new Set(SEED_EVENTS.map((seed) => seed.event.eventId)).size;
/** Purchase, scores, segment changes, message, results, the purchase after it, the send and the skip. */
export const SEED_CUSTOMER_C1_EVENTS = 1 + 2 + 2 + 1 + 4 + 1 + 2;
export { DAY1, DAY2 };
