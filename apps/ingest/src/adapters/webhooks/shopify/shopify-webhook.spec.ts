import { createHmac } from 'node:crypto';
import { decodeCustomerUpdated } from '@syncengage/contracts';
import { shopifyDelivery } from './shopify-events';
import { signShopifyBody, verifyShopifyHmac } from './shopify-signature';

const secret = 'hush';
// Abridged from Shopify's sample orders/create payload: note the id beyond 2^53.
const orderBody =
  '{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508","email":"jon@example.com",' +
  '"created_at":"2021-12-31T19:00:00-05:00","currency":"USD","total_price":"403.00","financial_status":"paid",' +
  '"customer":{"id":115310627314723954,"admin_graphql_api_id":"gid://shopify/Customer/115310627314723954","email":"john@example.com",' +
  '"first_name":"John","last_name":"Smith","phone":null,"tags":"vip, newsletter","state":"disabled",' +
  '"email_marketing_consent":{"state":"subscribed"},"default_address":{"country_code":"CA"}}}';
const receivedAt = new Date('2022-01-01T00:00:01Z');

describe(verifyShopifyHmac.name, () => {
  it('accepts base64 HMAC-SHA256 of the raw body, as Shopify documents it', () => {
    const header = createHmac('sha256', secret).update(orderBody, 'utf8').digest('base64');
    expect(signShopifyBody(secret, orderBody)).toBe(header);
    expect(verifyShopifyHmac(secret, Buffer.from(orderBody), header)).toEqual({ valid: true });
  });

  it.each([
    ['a tampered body', orderBody.replace('403.00', '4.00'), signShopifyBody(secret, orderBody)],
    ['another secret', orderBody, signShopifyBody('other', orderBody)],
    ['a hex digest instead of base64', orderBody, createHmac('sha256', secret).update(orderBody).digest('hex')],
  ])('refuses %s', (_, body, header) => {
    expect(verifyShopifyHmac(secret, Buffer.from(body), header)).toEqual({ valid: false, reason: 'signature does not match the body' });
  });

  it('refuses a request without the header', () => {
    expect(verifyShopifyHmac(secret, Buffer.from(orderBody), undefined)).toEqual({ valid: false, reason: 'missing x-shopify-hmac-sha256 header' });
  });
});

describe(shopifyDelivery.name, () => {
  it('turns orders/create into a purchase with exact ids, cents and the customer profile', () => {
    const parsed = shopifyDelivery('orders/create', 'wh-1', JSON.parse(orderBody), receivedAt);
    if (!parsed.ok || !('event' in parsed.delivery)) throw new Error('expected an event');
    expect(parsed.delivery.placedOrderId).toBe('820982911946154508');
    expect(decodeCustomerUpdated(parsed.delivery.event)).toMatchObject({
      customerId: '115310627314723954',
      change: 'purchase_made',
      purchase: { orderId: '820982911946154508', amountCents: 40_300, currency: 'USD', orderedAt: '2021-12-31T19:00:00-05:00' },
      profile: { email: 'john@example.com', firstName: 'John', lastName: 'Smith', country: 'CA', emailConsent: true },
      attributes: { tags: ['vip', 'newsletter'], state: 'disabled' },
    });
  });

  it('gives orders/create and orders/paid of one order the same event id, so it counts once downstream', () => {
    const created = shopifyDelivery('orders/create', 'wh-1', JSON.parse(orderBody), receivedAt);
    const paid = shopifyDelivery('orders/paid', 'wh-2', JSON.parse(orderBody), receivedAt);
    expect(created.ok && 'event' in created.delivery && created.delivery.event.eventId).toBe(paid.ok && 'event' in paid.delivery && paid.delivery.event.eventId);
  });

  it('acknowledges a guest order without an event', () => {
    const parsed = shopifyDelivery('orders/create', 'wh-3', { ...JSON.parse(orderBody), customer: null }, receivedAt);
    expect(parsed).toEqual({ ok: true, delivery: { deliveryId: 'wh-3', ignoredBecause: 'order 820982911946154508 has no customer (guest checkout)' } });
  });

  it('turns refunds/create into a refund of the successful refund transactions, for the customer found later', () => {
    const parsed = shopifyDelivery('refunds/create', 'wh-4', {
      id: 509562969, order_id: 450789469, created_at: '2022-01-02T10:00:00-05:00',
      transactions: [
        { kind: 'refund', status: 'success', amount: '41.94', currency: 'USD' },
        { kind: 'refund', status: 'failure', amount: '10.00', currency: 'USD' },
      ],
    }, receivedAt);
    if (!parsed.ok || !('eventFor' in parsed.delivery)) throw new Error('expected a refund');
    expect(parsed.delivery.refundOfOrderId).toBe('450789469');
    expect(decodeCustomerUpdated(parsed.delivery.eventFor('cust-1'))).toMatchObject({
      customerId: 'cust-1', change: 'purchase_refunded', purchase: { orderId: '450789469', amountCents: 4_194, currency: 'USD' },
    });
  });

  it('maps customers/create and customers/update to profile events', () => {
    const customer = JSON.parse(orderBody).customer;
    const created = shopifyDelivery('customers/create', 'wh-5', { ...customer, created_at: '2021-12-31T19:00:00-05:00' }, receivedAt);
    const updated = shopifyDelivery('customers/update', 'wh-6', { ...customer, updated_at: '2022-01-05T19:00:00-05:00' }, receivedAt);
    expect(created.ok && 'event' in created.delivery && created.delivery.event).toMatchObject({ change: 'customer_created', customerId: '115310627314723954' });
    expect(updated.ok && 'event' in updated.delivery && updated.delivery.event).toMatchObject({ change: 'profile_updated', occurredAt: '2022-01-05T19:00:00-05:00' });
  });

  it.each([
    ['an order without a total', 'orders/create' as const, { ...JSON.parse(orderBody), total_price: undefined }, 'total_price: Required'],
    ['an order with a non-decimal total', 'orders/paid' as const, { ...JSON.parse(orderBody), total_price: 'free' }, 'total_price: not a decimal amount, got "free"'],
    ['a refund without an order', 'refunds/create' as const, { id: 1, created_at: '2022-01-02T10:00:00Z' }, 'order_id: Required'],
  ])('names the problem of %s', (_, topic, body, problem) => {
    const parsed = shopifyDelivery(topic, 'wh-x', body, receivedAt);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toContain(problem);
  });
});
