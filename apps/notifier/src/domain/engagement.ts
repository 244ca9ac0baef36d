import type { Channel, DeliveryStatus, ResultStage, Suppression } from '@syncengage/contracts';

/** What is known about one sent message, cumulatively: each step keeps the time it first happened. */
export interface Engagement {
  messageId: string;
  customerId: string;
  campaignId: string;
  campaignVersion: number;
  variant: string;
  channel: Channel;
  provider: string;
  providerMessageId?: string;
  /** The email address or phone number it went to: how an inbound "STOP" finds its customer. */
  recipient?: string;
  status: DeliveryStatus;
  stage: ResultStage;
  discountReservedCents: number;
  failureReason?: string;
  sentAt?: string;
  deliveredAt?: string;
  openedAt?: string;
  clickedAt?: string;
  convertedAt?: string;
  clickCount: number;
  revenueCents: number;
  convertedOrderId?: string;
}

export type EngagementFactDetail =
  | { kind: 'delivered' | 'opened' | 'clicked' }
  | { kind: 'bounced' | 'failed'; reason: string; suppression?: Suppression }
  | { kind: 'unsubscribed'; suppression: Suppression }
  | { kind: 'resubscribed'; suppression: Suppression }
  | { kind: 'converted'; orderId: string; revenueCents: number };

/** One thing a provider, a redirect or a purchase told us about a message; `factId` makes it count once. */
export type EngagementFact = {
  /** Globally unique and stable across redeliveries: `sendgrid:<sg_event_id>`, `order:<orderId>`, ... */
  factId: string;
  messageId: string;
  /** ISO-8601, when it happened at the source. */
  at: string;
} & EngagementFactDetail;

export interface EngagementChange {
  engagement: Engagement;
  /** Unset when the fact adds nothing worth reporting (a second open, a click after the first). */
  report?: { stage: ResultStage; suppression?: Suppression; repeatable: boolean };
}

/**
 * Applies one fact. Steps that happen once (delivered, opened, clicked, converted, bounced) report only the
 * first time; subscription changes report every time, since a customer may stop and start again.
 */
export function applyFact(current: Engagement, fact: EngagementFact): EngagementChange {
  switch (fact.kind) {
    case 'delivered':
      if (current.deliveredAt) return { engagement: current };
      return reported({ ...current, deliveredAt: fact.at }, 'delivered');
    case 'opened':
      if (current.openedAt) return { engagement: current };
      return reported({ ...current, openedAt: fact.at }, 'opened');
    case 'clicked': {
      const counted = { ...current, clickCount: current.clickCount + 1 };
      if (current.clickedAt) return { engagement: counted };
      // A click proves the message was opened, even when the open pixel was blocked.
      return reported({ ...counted, clickedAt: fact.at, openedAt: current.openedAt ?? fact.at }, 'clicked');
    }
    case 'bounced':
    case 'failed':
      if (current.status === 'failed') return { engagement: current };
      return reported({ ...current, status: 'failed', failureReason: fact.reason.slice(0, 500) }, fact.kind, fact.suppression);
    case 'unsubscribed':
      return reported(current, 'unsubscribed', fact.suppression, true);
    case 'resubscribed':
      return reported(current, current.stage, { ...fact.suppression, lifted: true }, true);
    case 'converted':
      if (current.convertedAt) return { engagement: current };
      return reported({ ...current, convertedAt: fact.at, revenueCents: fact.revenueCents, convertedOrderId: fact.orderId }, 'converted');
  }
}

function reported(engagement: Engagement, stage: ResultStage, suppression?: Suppression, repeatable = false): EngagementChange {
  return { engagement: { ...engagement, stage }, report: { stage, suppression, repeatable } };
}
