import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { Signature } from '@hubspot/api-client/lib/src/utils/signature';
import { EventHeaders } from '@syncengage/contracts';
import { createRuntime } from '@syncengage/runtime';
import { createFreshDatabase, testKafkaBrokers, waitFor, type FreshDatabase } from '@syncengage/testing';
import type { RunningService } from '@syncengage/runtime';
import { loadIngestConfig } from '../src/config';
import { startIngest } from '../src/start-ingest';
import { signBody } from '../src/domain/webhook-signature';
import { startIngestService, type RunningIngest } from './support/ingest-service';

const secrets = { generic: 'generic-secret', hubspot: 'hubspot-client-secret', shopify: 'shopify-secret', stripe: 'whsec_stripe' };
const publicUrl = 'https://ingest.example.com';

/** Every webhook of the real service over HTTP, publishing to the real broker, remembering in real PostgreSQL. */
describe('vendor and generic webhooks, verified before anything reaches Kafka', () => {
  const runId = `wh${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const brokers = testKafkaBrokers();
  let ingest: RunningIngest;
  const ofThisRun = () => ingest.updates.messages.filter((message) => message.headers[EventHeaders.TraceId] === runId);

  beforeAll(async () => {
    ingest = await startIngestService(brokers, 'ingest_webhooks', {
      WEBHOOK_SIGNING_SECRET: secrets.generic, HUBSPOT_CLIENT_SECRET: secrets.hubspot, SHOPIFY_WEBHOOK_SECRET: secrets.shopify,
      STRIPE_WEBHOOK_SECRET: secrets.stripe, INGEST_PUBLIC_URL: publicUrl,
    });
  }, 60_000);

  afterAll(async () => {
    await ingest?.close();
  });

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${ingest.service.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', [EventHeaders.TraceId]: runId, ...headers } });
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  describe('generic', () => {
    const body = (customer: string) => JSON.stringify({ customer_id: `${runId}-${customer}`, event: 'purchase_made', data: { order_id: 'o-1', amount: 12.5 } });
    const signed = (raw: string, at = nowSeconds()) => ({ 'x-syncengage-timestamp': String(at), 'x-syncengage-signature': signBody(secrets.generic, raw, at) });

    it('publishes a signed webhook once, and answers an exact replay with the same event id without publishing', async () => {
      const raw = body('generic-ok');
      const headers = signed(raw);
      const first = await post('/webhook/customer-updated', raw, headers);
      expect(first.status).toBe(202);
      const replay = await post('/webhook/customer-updated', raw, headers);
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual({ ...((await first.json()) as object), duplicate: true });
    });

    it.each([
      ['unsigned', () => ({}), 401, /missing x-syncengage-timestamp/],
      ['signed for another body', () => signed(body('other')), 401, /signature does not match/],
      ['replayed after the tolerance', () => signed(body('generic-stale'), nowSeconds() - 600), 401, /tolerated/],
    ])('refuses a webhook %s', async (_, headers, status, reason) => {
      const response = await post('/webhook/customer-updated', body('generic-stale'), headers());
      expect(response.status).toBe(status);
      expect(JSON.stringify(await response.json())).toMatch(reason);
    });

    it('refuses a signed but malformed body with 400 naming the field', async () => {
      const raw = JSON.stringify({ customer_id: `${runId}-generic-bad`, event: 'purchase_made', data: { order_id: 'o', amount: 'lots' } });
      const response = await post('/webhook/customer-updated', raw, signed(raw));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ message: ['data.amount: Expected number, received string'] });
    });
  });

  describe('HubSpot', () => {
    const contactId = 900_000_000 + Math.floor(Math.random() * 1e8);
    const raw = JSON.stringify([
      { eventId: contactId, subscriptionId: 1, portalId: 62515, occurredAt: Date.now(), subscriptionType: 'contact.creation', attemptNumber: 0, objectId: contactId, changeSource: 'CRM', appId: 1 },
      { eventId: contactId + 1, subscriptionId: 2, portalId: 62515, occurredAt: Date.now(), subscriptionType: 'contact.propertyChange', attemptNumber: 0, objectId: contactId, propertyName: 'firstname', propertyValue: 'Ana', changeSource: 'CRM', appId: 1 },
    ]);
    const signed = (body: string, timestamp = Date.now()) => ({
      'x-hubspot-request-timestamp': String(timestamp),
      'x-hubspot-signature-v3': Signature.getSignature('POST', 'v3', { signature: '', clientSecret: secrets.hubspot, url: `${publicUrl}/webhook/hubspot`, requestBody: body, timestamp }),
    });

    it('publishes a signed batch, one event per contact change, and skips it when HubSpot retries', async () => {
      const first = await post('/webhook/hubspot', raw, signed(raw));
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ published: [expect.any(String), expect.any(String)], duplicates: [] });
      const retry = await post('/webhook/hubspot', raw, signed(raw));
      expect(await retry.json()).toMatchObject({ published: [], duplicates: [`62515:${contactId}`, `62515:${contactId + 1}`] });
    });

    it('refuses a tampered batch with 401 and a malformed one with 400', async () => {
      const tampered = await post('/webhook/hubspot', raw.replace('Ana', 'Eve'), signed(raw));
      expect(tampered.status).toBe(401);
      const malformed = JSON.stringify([{ eventId: 1, objectId: 2 }]);
      const response = await post('/webhook/hubspot', malformed, signed(malformed));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ message: expect.arrayContaining(['0.portalId: Required', '0.occurredAt: Required']) });
    });
  });

  describe('Shopify', () => {
    const customerId = String(7_000_000_000_000 + Math.floor(Math.random() * 1e9));
    const orderId = String(5_000_000_000_000 + Math.floor(Math.random() * 1e9));
    const order = JSON.stringify({ id: Number(orderId), created_at: '2025-03-01T10:00:00-05:00', currency: 'EUR', total_price: '99.90', customer: { id: Number(customerId), email: 'jo@example.com' } });
    const refund = JSON.stringify({ id: 1, order_id: Number(orderId), created_at: '2025-03-02T10:00:00-05:00', transactions: [{ kind: 'refund', status: 'success', amount: '9.90', currency: 'EUR' }] });
    const headers = (topic: string, webhookId: string, body: string) => ({
      'x-shopify-topic': topic, 'x-shopify-webhook-id': `${runId}-${webhookId}`, 'x-shopify-hmac-sha256': createHmac('sha256', secrets.shopify).update(body).digest('base64'),
    });

    it('publishes an order, then its refund for the same customer, and skips a redelivered webhook', async () => {
      expect((await post('/webhook/shopify', order, headers('orders/create', 'order', order))).status).toBe(200);
      const refunded = await post('/webhook/shopify', refund, headers('refunds/create', 'refund', refund));
      expect(await refunded.json()).toMatchObject({ published: [expect.any(String)] });
      const again = await post('/webhook/shopify', order, headers('orders/create', 'order', order));
      expect(await again.json()).toMatchObject({ published: [], duplicates: [`${runId}-order`] });
      await waitFor(() => ofThisRun().filter((message) => message.key === customerId).length === 2, { description: 'the order and the refund on Kafka' });
      const [purchase, refundEvent] = ofThisRun().filter((message) => message.key === customerId).map((message) => JSON.parse(message.value));
      expect(purchase).toMatchObject({ change: 'purchase_made', purchase: { orderId, amountCents: 9_990 } });
      expect(refundEvent).toMatchObject({ change: 'purchase_refunded', purchase: { orderId, amountCents: 990 } });
    });

    it('refuses a tampered order with 401 and one without a webhook id with 400', async () => {
      const tampered = await post('/webhook/shopify', order.replace('99.90', '0.99'), headers('orders/create', 'tampered', order));
      expect(tampered.status).toBe(401);
      const { 'x-shopify-webhook-id': _, ...withoutId } = headers('orders/create', 'x', order);
      const response = await post('/webhook/shopify', order, withoutId);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ message: ['missing x-shopify-webhook-id header'] });
    });
  });

  describe('Stripe', () => {
    const stripe = new Stripe('sk_test_not_used');
    const payload = JSON.stringify({
      id: `evt_${runId}`, object: 'event', created: nowSeconds(), type: 'invoice.payment_failed',
      data: { object: { id: `in_${runId}`, object: 'invoice', customer: `cus_${runId}`, currency: 'usd', amount_paid: 0, amount_due: 2_000, subscription: 'sub_1' } },
    });

    it('publishes a signed event once and skips Stripe\'s retry', async () => {
      const first = await post('/webhook/stripe', payload, { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: secrets.stripe }) });
      expect(await first.json()).toMatchObject({ published: [expect.any(String)] });
      const retry = await post('/webhook/stripe', payload, { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: secrets.stripe }) });
      expect(await retry.json()).toMatchObject({ published: [], duplicates: [`evt_${runId}`] });
    });

    it('refuses a stale signature with 401 and an event of the wrong shape with 400', async () => {
      const stale = await post('/webhook/stripe', payload, { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: secrets.stripe, timestamp: nowSeconds() - 3600 }) });
      expect(stale.status).toBe(401);
      const wrong = JSON.stringify({ id: 'evt_x', object: 'event', type: 'invoice.paid', created: nowSeconds(), data: { object: { id: 'in_x', customer: 'cus_x' } } });
      const response = await post('/webhook/stripe', wrong, { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload: wrong, secret: secrets.stripe }) });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ message: expect.arrayContaining(['data.object.currency: Required']) });
    });
  });

  it('published exactly the accepted events, one per change, and nothing for any refused or replayed webhook', async () => {
    const expected = 1 /* generic */ + 2 /* hubspot */ + 2 /* shopify */ + 1; /* stripe */
    await waitFor(() => ofThisRun().length >= expected, { description: `${expected} customer-updated events of this run` });
    // A refused request is answered before publishing; one more round trip lets any stray publish arrive.
    const sentinel = JSON.stringify({ customer_id: `${runId}-sentinel`, event: 'customer_created' });
    const at = nowSeconds();
    await post('/webhook/customer-updated', sentinel, { 'x-syncengage-timestamp': String(at), 'x-syncengage-signature': signBody(secrets.generic, sentinel, at) });
    await waitFor(() => ofThisRun().some((message) => message.key === `${runId}-sentinel`), { description: 'the sentinel event' });
    const sources = ofThisRun().map((message) => JSON.parse(message.value).source).sort();
    expect(sources).toEqual(['hubspot', 'hubspot', 'shopify', 'shopify', 'stripe', 'webhook', 'webhook']);
  });
});

describe('per-source rate limits', () => {
  let database: FreshDatabase;
  let service: RunningService;

  beforeAll(async () => {
    // The in-process bus: this is about the HTTP edge only.
    database = await createFreshDatabase('ingest_rate_limit');
    const config = loadIngestConfig({ DATABASE_URL: database.url, INGEST_HTTP_PORT: '0', LOG_LEVEL: 'error', WEBHOOK_RATE_LIMIT_PER_MINUTE: '2' });
    service = await startIngest(config, await createRuntime(config.infrastructure));
  }, 30_000);

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it('answers 429 with Retry-After past the per-minute budget of one source, leaving the other sources alone', async () => {
    const send = (path: string) => fetch(`${service.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customer_id: 'c', event: 'customer_created' }) });
    expect((await send('/webhook/customer-updated')).status).toBe(202);
    expect((await send('/webhook/customer-updated')).status).toBe(202);
    const limited = await send('/webhook/customer-updated');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Stripe has its own budget; unconfigured, it answers 404 rather than 429.
    expect((await send('/webhook/stripe')).status).toBe(404);
  });
});
