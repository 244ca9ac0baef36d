import { randomUUID } from 'node:crypto';
import { decodeCampaignResult, Topics, type CampaignResult, type CustomerUpdated, type MessageRequested } from '@syncengage/contracts';
import { PgSqlClient } from '@syncengage/db';
import { ensureTopics } from '@syncengage/kafka';
import { createRuntime } from '@syncengage/runtime';
import { collectMessages, createFreshDatabase, startGroupAtTopicEnd, waitFor, type FreshDatabase, type MessageCollector } from '@syncengage/testing';
import { loadNotifierConfig } from '../src/config';
import { startNotifier, type RunningNotifier } from '../src/start-notifier';
import { aMessageRequested } from './support/message-requested';
import { startRecordingServer, type RecordingServer } from './support/recording-server';
import { connectTracedProducer, type TracedProducer } from './support/traced-producer';
import { sendgridHeaders, sendgridKeyPair } from './webhooks-harness';

/**
 * The whole feedback loop over the test broker and PostgreSQL: a message requested on Kafka is sent through
 * @sendgrid/mail with its links rewritten, SendGrid's signed open comes back, the customer follows the
 * tracked link, and a purchase on customer-updated converts the message with its revenue.
 */
describe('the engagement feedback loop over Kafka', () => {
  const brokers = (process.env.SYNCENGAGE_TEST_KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  const runId = `engage${Date.now().toString(36)}`;
  const customerId = `${runId}-customer`;
  const linkBase = 'https://go.shop.example';
  const sendgridKey = sendgridKeyPair();
  let database: FreshDatabase;
  let sendgrid: RecordingServer;
  let notifier: RunningNotifier;
  let producer: TracedProducer;
  let collector: MessageCollector;

  beforeAll(async () => {
    if (brokers.length === 0) throw new Error('SYNCENGAGE_TEST_KAFKA_BROKERS is not set: run through the jest global setup');
    await ensureTopics(brokers, 3);
    // A new group would read the shared broker's topics from the beginning: other suites' leftovers first.
    // Just-created topics may not have their leaders known yet: try again until they do.
    for (const topic of [Topics.MessageRequested, Topics.CustomerUpdated]) {
      await waitFor(() => startGroupAtTopicEnd(brokers, `${runId}-notifier`, topic).then(() => true, () => false), {
        description: `the notifier group at the end of ${topic}`,
        timeoutMs: 30_000,
      });
    }
    database = await createFreshDatabase(`${runId}_notifier`);
    sendgrid = await startRecordingServer(() => ({ status: 202, headers: { 'X-Message-Id': `sg-${randomUUID()}` } }));
    const config = loadNotifierConfig({
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_GROUP_ID: `${runId}-notifier`,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'error',
      NOTIFIER_HTTP_PORT: '0',
      SENDGRID_API_KEY: 'SG.test-key',
      SENDGRID_FROM_EMAIL: 'retention@syncengage.test',
      SENDGRID_BASE_URL: sendgrid.url,
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridKey.verificationKey,
      NOTIFIER_PUBLIC_URL: linkBase,
      NOTIFIER_LINK_SECRET: 'engagement-test-link-secret-0123456789',
      NOTIFIER_ATTRIBUTION_WINDOW_HOURS: '72',
    });
    notifier = await startNotifier(config, await createRuntime(config.infrastructure));
    // From the end: the shared broker holds other suites' results, poison messages among them.
    collector = await collectMessages(brokers, Topics.CampaignResult, { groupId: `${runId}-results`, fromBeginning: false });
    producer = await connectTracedProducer(brokers, runId);
  }, 90_000);

  afterAll(async () => {
    await producer?.disconnect();
    await collector?.stop();
    await notifier?.close();
    await sendgrid?.close();
    await database?.drop();
  }, 30_000);

  const resultsFor = (messageId: string): CampaignResult[] =>
    collector.messages.map((record) => JSON.parse(record.value) as unknown).map(decodeCampaignResult).filter((result) => result.messageId === messageId);
  const waitForStage = (messageId: string, stage: string) =>
    waitFor(() => resultsFor(messageId).find((result) => result.stage === stage), { description: `a ${stage} campaign-result for ${messageId}`, timeoutMs: 30_000 });

  async function requestMessage(message: MessageRequested): Promise<string> {
    await producer.publish(Topics.MessageRequested, message);
    const request = await waitFor(() => sendgrid.requests.find((sent) => sent.body.includes(message.eventId)), { description: 'the mail at SendGrid', timeoutMs: 30_000 });
    await waitForStage(message.eventId, 'sent');
    return request.body;
  }

  const postEvents = (events: object[]) => {
    const body = JSON.stringify(events);
    return fetch(`${notifier.url}/webhooks/sendgrid`, { method: 'POST', headers: sendgridHeaders(sendgridKey.privateKey, body), body });
  };
  // SendGrid stamps events in whole seconds; rounding up keeps an open after whatever came before it.
  const opened = (messageId: string, notBeforeSeconds = 0) => ({
    email: 'customer@example.com',
    event: 'open',
    sg_event_id: `open-${messageId}`,
    timestamp: Math.max(Math.ceil(Date.now() / 1000), notBeforeSeconds),
    message_id: messageId,
  });
  const purchase = (orderId: string, amountCents: number): CustomerUpdated => ({
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    customerId,
    eventType: 'customer-updated',
    schemaVersion: 1,
    source: 'webhook',
    change: 'purchase_made',
    // Ordered after the (rounded-up) open and the click, whatever the clock's resolution.
    purchase: { orderId, amountCents, currency: 'USD', orderedAt: new Date(Date.now() + 2_000).toISOString() },
    profile: {},
    attributes: {},
  });
  const publishPurchase = (update: CustomerUpdated) => producer.publish(Topics.CustomerUpdated, update);

  it('reports sent, opened, clicked and converted with revenue; replays and a second credit of one order add nothing', async () => {
    const first = aMessageRequested({
      customerId,
      content: {
        subject: 'We miss you',
        text: 'Come back for 10% off: https://shop.example/sale?code=SAVE10',
        html: '<p><a href="https://shop.example/sale?code=SAVE10">Come back</a> for 10% off</p>',
      },
    });

    const sentMail = await requestMessage(first);

    // Sent with the link rewritten to the redirect, in both bodies; the original is nowhere in the mail.
    const tracked = [...sentMail.matchAll(/https:\/\/go\.shop\.example\/r\/([A-Za-z0-9_-]+)/g)].map((match) => match[1]);
    expect(tracked).toHaveLength(2);
    expect(new Set(tracked).size).toBe(1);
    expect(sentMail).not.toContain('shop.example/sale');
    expect(resultsFor(first.eventId)[0]).toMatchObject({ stage: 'sent', status: 'sent', provider: 'sendgrid', sentAt: expect.any(String) });

    const firstOpen = opened(first.eventId);
    expect((await postEvents([firstOpen])).status).toBe(200);
    await waitForStage(first.eventId, 'opened');

    const redirect = await fetch(`${notifier.url}/r/${tracked[0]}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://shop.example/sale?code=SAVE10');
    await waitForStage(first.eventId, 'clicked');
    // SendGrid's own click tracking may report the same click: counted, but `clicked` is not news any more.
    const sendgridClick = { event: 'click', sg_event_id: `click-${first.eventId}`, timestamp: Math.ceil(Date.now() / 1000), url: 'https://shop.example/sale?code=SAVE10', message_id: first.eventId };
    expect(await (await postEvents([sendgridClick])).json()).toMatchObject({ recorded: 1 });

    await publishPurchase(purchase(`${runId}-order-1`, 12_900));
    const converted = await waitForStage(first.eventId, 'converted');
    expect(converted).toMatchObject({
      customerId,
      campaignId: 'win-back-10',
      variant: 'VariantA',
      channel: 'email',
      opened: true,
      clicked: true,
      converted: true,
      revenueImpactCents: 12_900,
      convertedAt: expect.any(String),
    });

    // The replayed open changes nothing, and the first order, replayed after a second message was opened,
    // is still credited once: the second message is converted only by the second order, the marker we wait for.
    expect(await (await postEvents([opened(first.eventId)])).json()).toMatchObject({ duplicates: 1, recorded: 0 });
    const second = aMessageRequested({ customerId, content: { subject: 'New arrivals', text: 'New arrivals are in' } });
    await requestMessage(second);
    // A second after the first open at least: two opens in one second would stamp alike, and last touch needs an order.
    expect((await postEvents([opened(second.eventId, firstOpen.timestamp + 1)])).status).toBe(200);
    await waitForStage(second.eventId, 'opened');
    await publishPurchase(purchase(`${runId}-order-1`, 12_900));
    await publishPurchase(purchase(`${runId}-order-2`, 4_500));
    const secondConverted = await waitForStage(second.eventId, 'converted');

    expect(secondConverted.revenueImpactCents).toBe(4_500);
    expect(resultsFor(first.eventId).map((result) => result.stage)).toEqual(['sent', 'opened', 'clicked', 'converted']);
    const db = new PgSqlClient(database.url);
    try {
      const { rows } = await db.query<{ click_count: number }>('SELECT click_count FROM notifier_engagement WHERE message_id = $1', [first.eventId]);
      expect(rows).toEqual([{ click_count: 2 }]);
    } finally {
      await db.close();
    }
    expect(resultsFor(second.eventId).map((result) => result.stage)).toEqual(['sent', 'opened', 'converted']);
  }, 120_000);
});
