import webpush from 'web-push';
import { decodeCampaignResult, Topics, type CampaignResult, type MessageRequested } from '@syncengage/contracts';
import { ensureTopics } from '@syncengage/kafka';
import { createRuntime } from '@syncengage/runtime';
import { collectMessages, createFreshDatabase, createTopics, startGroupAtTopicEnd, testKafkaBrokers, waitFor, type FreshDatabase, type MessageCollector } from '@syncengage/testing';
import { loadNotifierConfig } from '../src/config';
import { startNotifier, type RunningNotifier } from '../src/start-notifier';
import { aMessageRequested } from './support/message-requested';
import { startPushService, type PushService } from './support/push-service';
import { startRecordingServer, type RecordingServer } from './support/recording-server';
import { connectTracedProducer, type TracedProducer } from './support/traced-producer';

/**
 * message-requested for WhatsApp, web push and in-app over the real broker, into the notifier as production wires
 * it (its Nest app, PostgreSQL, the twilio SDK and web-push against local stand-ins), and campaign-result back out.
 */
describe('the new channels end to end over Kafka', () => {
  const brokers = testKafkaBrokers();
  const runId = `chan${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const vapid = webpush.generateVAPIDKeys();
  const subject = 'mailto:retention@syncengage.test';
  const whatsappTemplate = `HX${'0123456789abcdef'.repeat(2)}`;
  let database: FreshDatabase;
  let twilio: RecordingServer;
  let pushService: PushService;
  let notifier: RunningNotifier;
  let results: MessageCollector;
  let producer: TracedProducer;

  beforeAll(async () => {
    // Leaders first: on a broker just started, asking a new partition for its end offset fails until it has one.
    await createTopics(brokers, [Topics.MessageRequested, Topics.CampaignResult]);
    await ensureTopics(brokers, 3);
    await startGroupAtTopicEnd(brokers, `${runId}-notifier`, Topics.MessageRequested);
    database = await createFreshDatabase(`${runId}_notifier`);
    twilio = await startRecordingServer(() => ({ status: 201, body: { sid: 'SMfeedfacefeedfacefeedfacefeedface', status: 'queued' } }));
    pushService = await startPushService({ vapidPublicKey: vapid.publicKey, subject });
    const config = loadNotifierConfig({
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_GROUP_ID: `${runId}-notifier`,
      DATABASE_URL: database.url,
      NOTIFIER_HTTP_PORT: '0',
      LOG_LEVEL: 'error',
      TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
      TWILIO_AUTH_TOKEN: 'test-auth-token',
      TWILIO_FROM_PHONE: '+15017122661',
      TWILIO_BASE_URL: twilio.url,
      TWILIO_WHATSAPP_FROM: '+14155238886',
      NOTIFIER_WHATSAPP_TEMPLATES: `win-back-10:*=${whatsappTemplate}`,
      WEB_PUSH_VAPID_PUBLIC_KEY: vapid.publicKey,
      WEB_PUSH_VAPID_PRIVATE_KEY: vapid.privateKey,
      WEB_PUSH_VAPID_SUBJECT: subject,
    });
    results = await collectMessages(brokers, Topics.CampaignResult, { fromBeginning: false });
    // The push service's certificate is self-signed: trusted here, as production trusts the public CAs.
    notifier = await startNotifier({ ...config, webPush: { ...config.webPush!, tlsCa: pushService.ca } }, await createRuntime(config.infrastructure));
    producer = await connectTracedProducer(brokers, runId);
  }, 90_000);

  afterAll(async () => {
    await producer?.disconnect();
    await results?.stop();
    await notifier?.close();
    await Promise.all([twilio?.close(), pushService?.close()]);
    await database?.drop();
  }, 30_000);

  const publish = (message: MessageRequested) => producer.publish(Topics.MessageRequested, message);
  const resultFor = (message: MessageRequested): CampaignResult | undefined =>
    results.messages.map((record) => decodeCampaignResult(JSON.parse(record.value))).find((result) => result.messageId === message.eventId);

  it('delivers WhatsApp through Twilio, push to the customer\'s browser and in-app to the inbox, each with a sent campaign-result', async () => {
    const browser = pushService.subscribe();
    const subscribed = await fetch(`${notifier.url}/push/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: `${runId}-push`, subscription: browser }),
    });
    expect(subscribed.status).toBe(201);
    const whatsapp = aMessageRequested({ channel: 'whatsapp', customerId: `${runId}-whatsapp`, recipient: { phone: '+15558675310' }, content: { text: `whatsapp ${runId}` } });
    const push = aMessageRequested({ channel: 'push', customerId: `${runId}-push`, recipient: {}, content: { subject: 'We miss you', text: `push ${runId}` } });
    const inApp = aMessageRequested({ channel: 'in_app', customerId: `${runId}-inbox`, recipient: {}, content: { text: `in-app ${runId}` } });

    await Promise.all([publish(whatsapp), publish(push), publish(inApp)]);
    const [whatsappResult, pushResult, inAppResult] = await waitFor(
      () => resultFor(whatsapp) && resultFor(push) && resultFor(inApp) && [resultFor(whatsapp)!, resultFor(push)!, resultFor(inApp)!],
      { description: 'a campaign-result for each of the three messages', timeoutMs: 60_000 },
    );

    expect(whatsappResult).toMatchObject({ status: 'sent', channel: 'whatsapp', provider: 'twilio', providerMessageId: 'SMfeedfacefeedfacefeedfacefeedface' });
    expect(pushResult).toMatchObject({ status: 'sent', channel: 'push', provider: 'web-push' });
    expect(inAppResult).toMatchObject({ status: 'sent', channel: 'in_app', provider: 'in-app', providerMessageId: inApp.eventId });

    const form = Object.fromEntries(new URLSearchParams(twilio.requests.find((request) => request.body.includes('whatsapp%3A%2B15558675310'))!.body));
    expect(form).toMatchObject({ To: 'whatsapp:+15558675310', From: 'whatsapp:+14155238886', ContentSid: whatsappTemplate });
    expect(JSON.parse(form.ContentVariables)).toEqual({ '1': `whatsapp ${runId}` });
    const delivered = pushService.received.find((received) => received.endpoint === browser.endpoint);
    expect(JSON.parse(delivered!.payload)).toMatchObject({ messageId: push.eventId, body: `push ${runId}` });
    const inbox = (await (await fetch(`${notifier.url}/inbox/${runId}-inbox`)).json()) as { unread: number; messages: Array<{ messageId: string; body: string }> };
    expect(inbox).toMatchObject({ unread: 1, messages: [{ messageId: inApp.eventId, body: `in-app ${runId}` }] });
  }, 90_000);
});
