import webpush from 'web-push';
import { PgSqlClient } from '@syncengage/db';
import { createRuntime } from '@syncengage/runtime';
import { createFreshDatabase, type FreshDatabase } from '@syncengage/testing';
import { PostgresPushSubscriptions } from '../src/adapters/postgres/postgres-push-subscriptions';
import { PostgresSendLedger } from '../src/adapters/postgres/postgres-send-ledger';
import { buildSenderRegistry } from '../src/adapters/providers/build-sender-registry';
import { WebPushSender, type WebPushSettings } from '../src/adapters/providers/web-push/web-push-sender';
import { DeliverMessage } from '../src/application/deliver-message';
import { loadNotifierConfig } from '../src/config';
import { ProviderRejected } from '../src/domain/channel-sender';
import { startNotifier, type RunningNotifier } from '../src/start-notifier';
import { aMessageRequested } from './support/message-requested';
import { openNotifierDatabase, type NotifierDatabase } from './support/notifier-database';
import { startPushService, type BrowserSubscription, type PushService } from './support/push-service';
import { RecordingPublisher } from './support/recording-publisher';

// web-push signs and encrypts; the push service on 127.0.0.1 verifies the VAPID JWT and decrypts with the
// browser's private key, so a test passes only if a real browser could read the message.

const vapid = webpush.generateVAPIDKeys();
const subject = 'mailto:retention@syncengage.test';

describe('web push with VAPID', () => {
  let database: NotifierDatabase;
  let db: PgSqlClient;
  let pushService: PushService;
  let subscriptions: PostgresPushSubscriptions;
  let settings: WebPushSettings;
  let customer = 0;
  const nextCustomer = () => `push-customer-${++customer}`;

  beforeAll(async () => {
    database = await openNotifierDatabase('notifier_push');
    db = database.db;
    pushService = await startPushService({ vapidPublicKey: vapid.publicKey, subject });
    subscriptions = new PostgresPushSubscriptions(db);
    settings = { vapidPublicKey: vapid.publicKey, vapidPrivateKey: vapid.privateKey, vapidSubject: subject, ttlSeconds: 3_600, tlsCa: pushService.ca };
  });
  afterAll(async () => {
    await pushService?.close();
    await database?.close();
  });

  async function subscribed(customerId: string, count: number): Promise<BrowserSubscription[]> {
    const browsers = Array.from({ length: count }, () => pushService.subscribe());
    for (const browser of browsers) await subscriptions.save(customerId, browser);
    return browsers;
  }

  it('sends our message to every browser of the customer, signed for the push service and readable only by each browser', async () => {
    const customerId = nextCustomer();
    const browsers = await subscribed(customerId, 2);
    const message = aMessageRequested({ channel: 'push', customerId, content: { subject: 'We miss you', text: 'Come back for 10% off' } });

    const receipt = await new WebPushSender(subscriptions, settings).send(message);

    expect(receipt).toEqual({ provider: 'web-push', providerMessageId: expect.stringContaining(`${pushService.url}/message/`) });
    expect(pushService.refused).toEqual([]);
    const arrived = pushService.received.filter((push) => browsers.some((browser) => browser.endpoint === push.endpoint));
    expect(arrived.map((push) => push.endpoint).sort()).toEqual(browsers.map((browser) => browser.endpoint).sort());
    for (const push of arrived) {
      expect(JSON.parse(push.payload)).toEqual({ messageId: message.eventId, campaignId: 'win-back-10', title: 'We miss you', body: 'Come back for 10% off' });
      expect(push.claims).toMatchObject({ aud: pushService.url, sub: subject });
      expect(push.headers).toMatchObject({ ttl: '3600', topic: message.eventId.replace(/-/g, '') });
    }
  });

  it('is refused by the push service when signed with another key, so the VAPID check is live', async () => {
    const customerId = nextCustomer();
    await subscribed(customerId, 1);
    const stranger = webpush.generateVAPIDKeys();

    const error = await new WebPushSender(subscriptions, { ...settings, ...{ vapidPublicKey: stranger.publicKey, vapidPrivateKey: stranger.privateKey } })
      .send(aMessageRequested({ channel: 'push', customerId }))
      .catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(ProviderRejected);
    expect(error).toMatchObject({ status: 403, retryable: false });
    expect(pushService.refused.at(-1)).toMatchObject({ status: 403, reason: 'k is not the application server key of this subscription' });
  });

  it('removes a subscription the push service says is gone (410) and still delivers to the others', async () => {
    const customerId = nextCustomer();
    const [revoked, kept] = await subscribed(customerId, 2);
    pushService.answer(revoked.endpoint, 410);

    await new WebPushSender(subscriptions, settings).send(aMessageRequested({ channel: 'push', customerId }));

    expect((await subscriptions.forCustomer(customerId)).map((subscription) => subscription.endpoint)).toEqual([kept.endpoint]);
    expect(pushService.received.some((push) => push.endpoint === kept.endpoint)).toBe(true);
  });

  it('reports a push service answering 503 to every browser as worth retrying', async () => {
    const customerId = nextCustomer();
    const [browser] = await subscribed(customerId, 1);
    pushService.answer(browser.endpoint, 503);

    const error = await new WebPushSender(subscriptions, settings).send(aMessageRequested({ channel: 'push', customerId })).catch((failure: unknown) => failure);

    expect(error).toMatchObject({ provider: 'web-push', status: 503, retryable: true });
    expect(await subscriptions.forCustomer(customerId)).toHaveLength(1);
  });

  it('falls back to the campaign\'s next channel when the customer has no subscription, or only gone ones', async () => {
    const config = loadNotifierConfig({ WEB_PUSH_VAPID_PUBLIC_KEY: vapid.publicKey, WEB_PUSH_VAPID_PRIVATE_KEY: vapid.privateKey, WEB_PUSH_VAPID_SUBJECT: subject });
    const registry = buildSenderRegistry({ ...config, webPush: { ...config.webPush!, tlsCa: pushService.ca } }, db);
    const deliver = new DeliverMessage(new PostgresSendLedger(db), registry, new RecordingPublisher(), () => new Date(), { retry: config.retry });
    const withoutSubscription = aMessageRequested({ channel: 'push', customerId: nextCustomer(), fallbackChannels: ['email'] });
    const goneCustomer = nextCustomer();
    const [gone] = await subscribed(goneCustomer, 1);
    pushService.answer(gone.endpoint, 404);
    const onlyGone = aMessageRequested({ channel: 'push', customerId: goneCustomer, fallbackChannels: ['email'] });

    expect(await deliver.execute(withoutSubscription, 'trace')).toMatchObject({ status: 'sent', channel: 'email', provider: 'local-outbox' });
    expect(await deliver.execute(onlyGone, 'trace')).toMatchObject({ status: 'sent', channel: 'email', provider: 'local-outbox' });
    const { rows } = await db.query<{ history: Array<{ channel: string; outcome: string; detail?: string }> }>('SELECT history FROM notifier_sends WHERE message_id = $1', [
      withoutSubscription.eventId,
    ]);
    expect(rows[0].history).toEqual([
      expect.objectContaining({ channel: 'push', outcome: 'permanent', detail: `web-push send refused before calling the provider: customer ${withoutSubscription.customerId} has no push subscription` }),
      expect.objectContaining({ channel: 'email', outcome: 'sent' }),
    ]);
    expect(await subscriptions.forCustomer(goneCustomer)).toEqual([]);
  });
});

describe('the push subscription API', () => {
  let database: FreshDatabase;
  let notifier: RunningNotifier;

  beforeAll(async () => {
    database = await createFreshDatabase('notifier_push_api');
    const config = loadNotifierConfig({ DATABASE_URL: database.url, NOTIFIER_HTTP_PORT: '0', LOG_LEVEL: 'error' });
    notifier = await startNotifier(config, await createRuntime(config.infrastructure));
  }, 60_000);
  afterAll(async () => {
    await notifier?.close();
    await database?.drop();
  });

  const call = (method: string, body: unknown) =>
    fetch(`${notifier.url}/push/subscriptions`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const browser = (endpoint: string) => ({
    endpoint,
    expirationTime: null,
    keys: { p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 3)]).toString('base64url'), auth: Buffer.alloc(16, 5).toString('base64url') },
  });

  it('stores a browser subscription for a customer and deletes it when the browser unsubscribes', async () => {
    const endpoint = 'https://push.example.net/send/abc';

    const created = await call('POST', { customerId: 'api-customer', subscription: browser(endpoint) });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ customerId: 'api-customer', endpoint });
    const db = new PgSqlClient(database.url);
    try {
      expect(await new PostgresPushSubscriptions(db).forCustomer('api-customer')).toEqual([{ endpoint, keys: browser(endpoint).keys }]);
    } finally {
      await db.close();
    }

    expect((await call('DELETE', { endpoint })).status).toBe(204);
    expect((await call('DELETE', { endpoint })).status).toBe(404);
  });

  it('answers 400 naming what is wrong with a malformed subscription', async () => {
    const response = await call('POST', { customerId: 'api-customer', subscription: { ...browser('https://push.example.net/x'), keys: { p256dh: 'abc', auth: 'def' } } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'subscription.keys.p256dh must be a base64url uncompressed P-256 public key (65 bytes)' });
    expect((await call('POST', { subscription: browser('https://push.example.net/x') })).status).toBe(400);
  });
});
