import { deliveryDeadLetterSchema, deadLetterTopicOf, Topics, type MessageRequested } from '@syncengage/contracts';
import type { PgSqlClient } from '@syncengage/db';
import { KafkaDeliveryDeadLetters } from '../src/adapters/kafka/delivery-dead-letters';
import { PostgresSendLedger } from '../src/adapters/postgres/postgres-send-ledger';
import { buildSenderRegistry } from '../src/adapters/providers/build-sender-registry';
import { DeliverMessage } from '../src/application/deliver-message';
import { loadNotifierConfig } from '../src/config';
import { aMessageRequested } from './support/message-requested';
import { openNotifierDatabase, type NotifierDatabase } from './support/notifier-database';
import { RecordingPublisher } from './support/recording-publisher';
import { startRecordingServer, type RecordedRequest, type RecordingServer, type ScriptedResponse } from './support/recording-server';

// The real senders (official SDKs), the real PostgreSQL ledger and the provider stand-ins on 127.0.0.1; only
// Kafka is replaced, by a publisher that keeps what it was given.

const accountSid = 'AC0123456789abcdef0123456789abcdef';
const messageIdOf = (request: RecordedRequest): string | undefined =>
  (JSON.parse(request.body || '{}') as { personalizations?: Array<{ custom_args?: { message_id?: string } }> }).personalizations?.[0]?.custom_args?.message_id;

describe('delivery guarantees against providers that answer 429 and 503', () => {
  let database: NotifierDatabase;
  let db: PgSqlClient;
  let sendgrid: RecordingServer;
  let twilio: RecordingServer;

  beforeAll(async () => {
    database = await openNotifierDatabase('notifier_delivery');
    db = database.db;
    sendgrid = await startRecordingServer(() => ({ status: 202 }));
    twilio = await startRecordingServer(() => ({ status: 201, body: { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' } }));
  });
  afterAll(async () => {
    await Promise.all([sendgrid?.close(), twilio?.close()]);
    await database?.close();
  });
  beforeEach(() => {
    sendgrid.requests.length = 0;
    twilio.requests.length = 0;
  });

  function notifier(env: Record<string, string> = {}) {
    const config = loadNotifierConfig({
      SENDGRID_API_KEY: 'SG.test-key',
      SENDGRID_FROM_EMAIL: 'retention@syncengage.test',
      SENDGRID_BASE_URL: sendgrid.url,
      ENABLE_SMS: 'true',
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: 'test-auth-token',
      TWILIO_FROM_PHONE: '+15017122661',
      TWILIO_BASE_URL: twilio.url,
      NOTIFIER_RETRY_INITIAL_DELAY_MS: '20',
      NOTIFIER_RETRY_MAX_DELAY_MS: '2000',
      ...env,
    });
    const publisher = new RecordingPublisher();
    const deliver = new DeliverMessage(new PostgresSendLedger(db), buildSenderRegistry(config, db), publisher, () => new Date(), {
      retry: config.retry,
      replay: config.replay,
      deadLetters: new KafkaDeliveryDeadLetters(publisher, 'notifier-test', () => new Date()),
    });
    return { deliver, publisher };
  }

  async function ledgerRow(message: MessageRequested) {
    const { rows } = await db.query<{ status: string; attempts: number; history: Array<{ outcome: string; status?: number }> }>(
      'SELECT status, attempts, history FROM notifier_sends WHERE message_id = $1',
      [message.eventId],
    );
    return rows[0];
  }

  it('waits out a 429’s Retry-After, then sends once', async () => {
    let answered429At = 0;
    sendgrid.respondWith((): ScriptedResponse => {
      if (answered429At === 0) {
        answered429At = Date.now();
        return { status: 429, headers: { 'Retry-After': '1' }, body: { errors: [{ message: 'too many requests' }] } };
      }
      return { status: 202, headers: { 'X-Message-Id': 'sg-after-429' } };
    });
    const { deliver, publisher } = notifier();
    const message = aMessageRequested();

    const result = await deliver.execute(message, 'trace');

    expect(result).toMatchObject({ status: 'sent', provider: 'sendgrid', providerMessageId: 'sg-after-429' });
    expect(sendgrid.requests).toHaveLength(2);
    expect(Date.now() - answered429At).toBeGreaterThanOrEqual(1_000);
    expect(publisher.results()).toHaveLength(1);
    expect(await ledgerRow(message)).toMatchObject({ status: 'sent', attempts: 2, history: [{ outcome: 'retryable', status: 429 }, { outcome: 'sent' }] });
  });

  it('retries 503s, and after the last one dead-letters the message with its history and reports it failed', async () => {
    twilio.respondWith(() => ({ status: 503, body: { code: 20503, message: 'Service Unavailable', status: 503 } }));
    const { deliver, publisher } = notifier({ NOTIFIER_SEND_MAX_ATTEMPTS: '3' });
    const message = aMessageRequested({ channel: 'sms', recipient: { phone: '+15558675310' } });

    const result = await deliver.execute(message, 'trace');

    expect(result).toMatchObject({ status: 'failed', provider: 'twilio', failureReason: expect.stringMatching(/^gave up after 3 attempts: twilio rejected the message with 503/) });
    expect(twilio.requests).toHaveLength(3);
    const [letter] = publisher.on(deadLetterTopicOf(Topics.MessageRequested));
    const parsed = deliveryDeadLetterSchema.parse(letter);
    expect(parsed).toMatchObject({ originalTopic: Topics.MessageRequested, key: message.customerId, errorCode: 'DELIVERY_FAILED', attempts: 3 });
    expect(parsed.history.map((attempt) => [attempt.outcome, attempt.status])).toEqual([
      ['retryable', 503],
      ['retryable', 503],
      ['retryable', 503],
    ]);
    expect(JSON.parse(Buffer.from(parsed.valueBase64, 'base64').toString('utf8'))).toMatchObject({ eventId: message.eventId });

    // Redelivered by Kafka: nothing is sent again and the same failed result is republished.
    twilio.respondWith(() => ({ status: 201, body: { sid: 'SM0123456789abcdef0123456789abcdef' } }));
    expect(await deliver.execute(message, 'trace')).toMatchObject({ eventId: result.eventId, status: 'failed' });
    expect(twilio.requests).toHaveLength(3);
  });

  it('does not retry a permanent failure, and falls back to SMS when the campaign allows it', async () => {
    sendgrid.respondWith(() => ({ status: 400, body: { errors: [{ message: 'The to email does not contain a valid address.', field: 'personalizations.0.to' }] } }));
    const { deliver } = notifier();
    const message = aMessageRequested({ fallbackChannels: ['sms'] });

    const result = await deliver.execute(message, 'trace');

    expect(sendgrid.requests).toHaveLength(1);
    expect(twilio.requests).toHaveLength(1);
    expect(result).toMatchObject({ status: 'sent', channel: 'sms', provider: 'twilio' });
    expect(await ledgerRow(message)).toMatchObject({ status: 'sent', history: [{ outcome: 'permanent', status: 400 }, { outcome: 'sent' }] });
  });

  it('paces a burst under the provider’s limit, so the provider never answers 429', async () => {
    const limitPerSecond = 10;
    const seen: number[] = [];
    const overLimit: ScriptedResponse = { status: 429, headers: { 'Retry-After': '1' }, body: { errors: [{ message: 'rate limited' }] } };
    // The provider's rule: more than `limitPerSecond` requests in any one-second window gets 429.
    const limited = (): ScriptedResponse => {
      const now = Date.now();
      seen.push(now);
      return seen.filter((at) => at > now - 1_000).length > limitPerSecond ? overLimit : { status: 202 };
    };
    sendgrid.respondWith(limited);
    const { deliver } = notifier({ SENDGRID_RATE_PER_SECOND: '8' });
    const burst = Array.from({ length: 16 }, () => aMessageRequested());

    const results = await Promise.all(burst.map((message) => deliver.execute(message, 'trace')));

    expect(results.every((result) => result.status === 'sent')).toBe(true);
    expect(sendgrid.requests).toHaveLength(16);
    expect(new Set(sendgrid.requests.map(messageIdOf)).size).toBe(16);

    // Unpaced, the same burst trips the limit at once: the server above is live.
    seen.length = 0;
    sendgrid.requests.length = 0;
    const unpaced = notifier({ SENDGRID_RATE_PER_SECOND: '0', NOTIFIER_SEND_MAX_ATTEMPTS: '1' });
    const outcomes = await Promise.all(Array.from({ length: 16 }, () => unpaced.deliver.execute(aMessageRequested(), 'trace')));
    expect(outcomes.filter((result) => result.status === 'failed').length).toBeGreaterThan(0);
  }, 20_000);
});
