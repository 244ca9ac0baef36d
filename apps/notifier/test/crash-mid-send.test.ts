import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Topics, type MessageRequested } from '@syncengage/contracts';
import { ensureTopics } from '@syncengage/kafka';
import { collectMessages, createFreshDatabase, startGroupAtTopicEnd, waitFor, type FreshDatabase, type MessageCollector } from '@syncengage/testing';
import { aMessageRequested } from './support/message-requested';
import { HANG, startRecordingServer, type RecordedRequest, type RecordingServer } from './support/recording-server';
import { connectTracedProducer, type TracedProducer } from './support/traced-producer';

/**
 * The notifier as production runs it (node dist/main.js over Kafka and PostgreSQL) is killed with SIGKILL while
 * both providers hold its first request, then started again. Kafka redelivers both messages; the send ledger
 * says each was in flight, and the replay policy decides: the SMS (at-most-once) is not sent again, the email
 * (at-least-once) is, carrying the same message id.
 */
const MAIN = resolve(__dirname, '../dist/main.js');

describe('a notifier killed mid-send and restarted', () => {
  const brokers = (process.env.SYNCENGAGE_TEST_KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  const runId = `crash${Date.now().toString(36)}`;
  let database: FreshDatabase;
  let sendgrid: RecordingServer;
  let twilio: RecordingServer;
  let producer: TracedProducer;
  let results: MessageCollector;
  const children: ChildProcess[] = [];

  const sms = aMessageRequested({ channel: 'sms', customerId: `${runId}-sms`, recipient: { phone: '+15558675310' } });
  const email = aMessageRequested({ channel: 'email', customerId: `${runId}-email` });
  const hungOnce = new Set<string>();
  /** Holds the first request that carries one of our message ids; answers everything else. */
  const holdFirst = (id: string | undefined) => (id && !hungOnce.has(id) ? (hungOnce.add(id), true) : false);
  const smsRequests = () => twilio.requests.filter((request) => new URLSearchParams(request.body).get('To') === '+15558675310' && request.body.includes(encodeURIComponent(sms.content.text).slice(0, 8)));
  const emailRequests = () => sendgrid.requests.filter((request) => request.body.includes(email.eventId));

  beforeAll(async () => {
    if (brokers.length === 0) throw new Error('SYNCENGAGE_TEST_KAFKA_BROKERS is not set: run through the jest global setup');
    await ensureTopics(brokers, 3);
    // The broker is shared with other suites: start this group at the end of the topic, so whatever they left
    // on message-requested (messages to providers long gone, retried for seconds) cannot queue ahead of ours.
    await startGroupAtTopicEnd(brokers, `${runId}-notifier`, Topics.MessageRequested);
    database = await createFreshDatabase(`${runId}_notifier`);
    twilio = await startRecordingServer((request: RecordedRequest) =>
      holdFirst(request.body.includes('To=%2B15558675310') ? sms.eventId : undefined) ? HANG : { status: 201, body: { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' } },
    );
    sendgrid = await startRecordingServer((request: RecordedRequest) => (holdFirst(request.body.includes(email.eventId) ? email.eventId : undefined) ? HANG : { status: 202 }));
    // From the end: the shared broker holds other suites' results, poison messages among them.
    results = await collectMessages(brokers, Topics.CampaignResult, { groupId: `${runId}-results`, fromBeginning: false });
    producer = await connectTracedProducer(brokers, runId);
  }, 60_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await producer?.disconnect();
    await results?.stop();
    await Promise.all([sendgrid?.close(), twilio?.close()]);
    await database?.drop();
  }, 30_000);

  function startNotifier(): Promise<ChildProcess> {
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_GROUP_ID: `${runId}-notifier`,
        DATABASE_URL: database.url,
        LOG_LEVEL: 'warn',
        NOTIFIER_HTTP_PORT: '0',
        NOTIFIER_SEND_TIMEOUT_MS: '60000',
        SENDGRID_API_KEY: 'SG.test-key',
        SENDGRID_FROM_EMAIL: 'retention@syncengage.test',
        SENDGRID_BASE_URL: sendgrid.url,
        ENABLE_SMS: 'true',
        TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
        TWILIO_AUTH_TOKEN: 'test-auth-token',
        TWILIO_FROM_PHONE: '+15017122661',
        TWILIO_BASE_URL: twilio.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return waitFor(() => (child.exitCode !== null ? Promise.reject(new Error(`notifier exited:\n${output}`)) : /^notifier consuming/m.test(output) && child), {
      description: 'the notifier process to start',
      timeoutMs: 60_000,
    });
  }

  const publish = (message: MessageRequested, partition: number) => producer.publish(Topics.MessageRequested, message, partition);

  it('does not send the SMS again, resends the email once, and reports each message once as sent', async () => {
    // Different partitions, published before the notifier starts: kafkajs hands a consumer the partitions of one
    // fetch together and fetches again only when all are handled, so both must arrive in its first fetch for
    // both requests to be in flight at once (a held request blocks the next fetch).
    await publish(sms, 0);
    await publish(email, 1);
    const first = await startNotifier();
    await waitFor(() => smsRequests().length === 1 && emailRequests().length === 1, { description: 'both providers holding a request', timeoutMs: 30_000 });

    const killed = new Promise((done) => first.once('exit', done));
    first.kill('SIGKILL');
    await killed;
    await startNotifier();

    const resultFor = (message: MessageRequested) => results.messages.map((record) => JSON.parse(record.value)).find((result) => result.messageId === message.eventId);
    const [smsResult, emailResult] = await waitFor(() => resultFor(sms) && resultFor(email) && [resultFor(sms), resultFor(email)], {
      description: 'a campaign-result for each message after the restart',
      timeoutMs: 60_000,
    });
    expect(smsResult).toMatchObject({ status: 'sent', provider: 'twilio', failureReason: expect.stringMatching(/^outcome unknown, not resent \(at-most-once for sms\)/) });
    expect(emailResult).toMatchObject({ status: 'sent', provider: 'sendgrid' });
    expect(emailResult.failureReason).toBeUndefined();
    expect(smsRequests()).toHaveLength(1);
    expect(emailRequests()).toHaveLength(2);
    expect(results.messages.filter((record) => record.value.includes(sms.eventId) || record.value.includes(email.eventId))).toHaveLength(2);
  }, 120_000);
});
