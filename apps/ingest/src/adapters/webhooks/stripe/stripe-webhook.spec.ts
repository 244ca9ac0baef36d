import Stripe from 'stripe';
import { decodeCustomerUpdated, decodeSubscriptionSignal } from '@syncengage/contracts';
import { stripeDelivery } from './stripe-events';
import { verifyStripeSignature } from './stripe-signature';

const secret = 'whsec_test_secret';
const stripe = new Stripe('sk_test_not_used');
const timestamp = 1_735_689_600;
const now = new Date(timestamp * 1000 + 5_000);

function stripeEvent(type: string, object: Record<string, unknown>) {
  return { id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy', object: 'event', api_version: '2024-06-20', created: timestamp, type, livemode: false, data: { object } };
}
const subscription = { id: 'sub_1MowQVLkdIwHu7ixeRlqHVzs', object: 'subscription', customer: 'cus_NffrFeUfNV2Hib', status: 'past_due', cancel_at_period_end: false };
const invoice = {
  id: 'in_1MtHbELkdIwHu7ixl4OzzPMv', object: 'invoice', customer: 'cus_NffrFeUfNV2Hib', currency: 'usd', amount_paid: 1_500, amount_due: 1_500,
  subscription: 'sub_1MowQVLkdIwHu7ixeRlqHVzs', status_transitions: { paid_at: timestamp - 60 },
};

describe(verifyStripeSignature.name, () => {
  const payload = JSON.stringify(stripeEvent('invoice.paid', invoice));
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

  it('accepts the header the official SDK generates, as Stripe documents it', () => {
    expect(verifyStripeSignature(secret, Buffer.from(payload), header, now, 300)).toEqual({ valid: true });
  });

  it('accepts a header with a rolled secret\'s second v1 and a v0 beside it', () => {
    const [t, v1] = header.split(',');
    expect(verifyStripeSignature(secret, Buffer.from(payload), `${t},v1=${'0'.repeat(64)},${v1},v0=abc`, now, 300)).toEqual({ valid: true });
  });

  it.each([
    ['a tampered body', payload.replace('1500', '15'), header],
    ['another secret', payload, stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other', timestamp })],
    ['a re-dated timestamp', payload, header.replace(`t=${timestamp}`, `t=${timestamp + 1}`)],
  ])('refuses %s, as the SDK does', (_, body, signature) => {
    expect(verifyStripeSignature(secret, Buffer.from(body), signature, now, 300)).toEqual({ valid: false, reason: 'no v1 signature matches the body' });
    expect(() => stripe.webhooks.constructEvent(body, signature, secret, Number.MAX_SAFE_INTEGER)).toThrow();
  });

  it('refuses a correctly signed event replayed after the tolerance', () => {
    expect(verifyStripeSignature(secret, Buffer.from(payload), header, new Date(now.getTime() + 300_000), 300)).toEqual({
      valid: false,
      reason: expect.stringMatching(/more than the 300 s tolerated/),
    });
  });

  it.each([[undefined], ['v1=abc'], [`t=${timestamp}`]])('refuses the malformed header %p', (value) => {
    expect(verifyStripeSignature(secret, Buffer.from(payload), value, now, 300).valid).toBe(false);
  });
});

describe(stripeDelivery.name, () => {
  it.each([
    ['customer.subscription.created', 'created'],
    ['customer.subscription.updated', 'updated'],
    ['customer.subscription.deleted', 'deleted'],
  ])('turns %s into a profile update carrying a subscription signal', (type, change) => {
    const parsed = stripeDelivery(stripeEvent(type, subscription));
    if (!parsed.ok || !('event' in parsed.delivery)) throw new Error('expected an event');
    const event = decodeCustomerUpdated(parsed.delivery.event);
    expect(event).toMatchObject({ customerId: 'cus_NffrFeUfNV2Hib', source: 'stripe', change: 'profile_updated', occurredAt: '2025-01-01T00:00:00.000Z' });
    expect(decodeSubscriptionSignal(event.attributes.subscription)).toEqual({
      provider: 'stripe', change, subscriptionId: 'sub_1MowQVLkdIwHu7ixeRlqHVzs', status: 'past_due', cancelAtPeriodEnd: false, changedAt: '2025-01-01T00:00:00.000Z',
    });
  });

  it('turns invoice.paid into a purchase of the amount paid', () => {
    const parsed = stripeDelivery(stripeEvent('invoice.paid', invoice));
    if (!parsed.ok || !('event' in parsed.delivery)) throw new Error('expected an event');
    expect(decodeCustomerUpdated(parsed.delivery.event)).toMatchObject({
      change: 'purchase_made',
      purchase: { orderId: 'in_1MtHbELkdIwHu7ixl4OzzPMv', amountCents: 1_500, currency: 'USD', orderedAt: '2024-12-31T23:59:00.000Z' },
      attributes: { subscription: { change: 'invoice_paid', subscriptionId: 'sub_1MowQVLkdIwHu7ixeRlqHVzs' } },
    });
  });

  it('turns invoice.payment_failed into a profile update with the amount due, and finds the subscription where newer API versions put it', () => {
    const newer = { ...invoice, subscription: undefined, amount_paid: 0, parent: { subscription_details: { subscription: 'sub_new' } } };
    const parsed = stripeDelivery(stripeEvent('invoice.payment_failed', newer));
    if (!parsed.ok || !('event' in parsed.delivery)) throw new Error('expected an event');
    expect(parsed.delivery.event).toMatchObject({ change: 'profile_updated', attributes: { subscription: { change: 'invoice_payment_failed', amountCents: 1_500, subscriptionId: 'sub_new' } } });
  });

  it('acknowledges event types it does not map and events without a customer', () => {
    expect(stripeDelivery(stripeEvent('charge.succeeded', { id: 'ch_1' }))).toEqual({ ok: true, delivery: { deliveryId: 'evt_1NG8Du2eZvKYlo2CUI79vXWy', ignoredBecause: 'charge.succeeded is not mapped to an event' } });
    expect(stripeDelivery(stripeEvent('invoice.paid', { ...invoice, customer: null }))).toMatchObject({ ok: true, delivery: { ignoredBecause: expect.stringContaining('has no customer') } });
  });

  it('names the bad fields of a malformed event', () => {
    expect(stripeDelivery({ id: 'evt_1', object: 'event', type: 'invoice.paid' })).toEqual({ ok: false, problems: expect.arrayContaining([expect.stringMatching(/^created: /), expect.stringMatching(/^data: /)]) });
    expect(stripeDelivery(stripeEvent('invoice.paid', { ...invoice, amount_paid: '15' }))).toEqual({ ok: false, problems: ['data.object.amount_paid: Expected number, received string'] });
  });
});
