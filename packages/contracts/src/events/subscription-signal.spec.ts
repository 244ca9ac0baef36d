import { InvalidEvent } from '../invalid-event';
import { decodeSubscriptionSignal, type SubscriptionSignal } from './subscription-signal';

const signal: SubscriptionSignal = {
  provider: 'stripe',
  change: 'invoice_payment_failed',
  subscriptionId: 'sub_1MowQVLkdIwHu7ixeRlqHVzs',
  invoiceId: 'in_1MtHbELkdIwHu7ixl4OzzPMv',
  amountCents: 1_500,
  currency: 'USD',
  changedAt: '2025-03-01T10:00:00Z',
};

describe('decodeSubscriptionSignal', () => {
  it('accepts a failed invoice payment of a subscription', () => {
    expect(decodeSubscriptionSignal(signal)).toEqual(signal);
  });

  it('names the bad fields of a change it does not know and a negative amount', () => {
    let caught: unknown;
    try {
      decodeSubscriptionSignal({ ...signal, change: 'paused', amountCents: -1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEvent);
    expect((caught as InvalidEvent).message).toMatch(/change/);
    expect((caught as InvalidEvent).message).toMatch(/amountCents/);
  });
});
