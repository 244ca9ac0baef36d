import { decodeCampaignResult, Topics, type CampaignResult, type MessageRequested } from '@syncengage/contracts';
import { ensureTopics } from '@syncengage/kafka';
import { createRuntime } from '@syncengage/runtime';
import {
  collectMessages, createFreshDatabase, createTopics, sharedSpec, startGroupAtTopicEnd, startPrism, stopAllPrism, testKafkaBrokers, waitFor,
  type FreshDatabase, type MessageCollector, type PrismServer,
} from '@syncengage/testing';
import { loadNotifierConfig } from '../src/config';
import { startNotifier, type RunningNotifier } from '../src/start-notifier';
import { aMessageRequested } from './support/message-requested';
import { kafkaNotifierEnv, notifierGroupOf } from './support/notifier-over-kafka';
import { startRecordingProxy, violationsOf, type RecordingProxy } from './support/recording-proxy';
import { startRecordingServer, type RecordingServer } from './support/recording-server';
import { connectTracedProducer, type TracedProducer } from './support/traced-producer';

/**
 * Run by `npm run test:shared` only. The whole notifier over the real broker and PostgreSQL, its providers' base
 * URLs pointing at Prism serving SendGrid's and Twilio's own OpenAPI documents: what the vendor conformance suite
 * checks sender by sender, here for messages that arrive as message-requested and leave as campaign-result.
 */

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const WHATSAPP_TEMPLATE = `HX${'0123456789abcdef'.repeat(2)}`;
const BATCH = 200;

/** Each exchange with Prism's verdict on its request beside it. */
const seen = (vendor: RecordingProxy) => vendor.exchanges.map((exchange) => ({ ...exchange, violations: violationsOf(exchange) }));

describe('message-requested over Kafka, delivered against the vendors\' published specs', () => {
  const brokers = testKafkaBrokers();
  const runId = `kvend${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  let sendgridPrism: PrismServer;
  let twilioPrism: PrismServer;
  let bare: RecordingServer;
  // The notifier's vendor base URLs: the baseline run differs from the Prism run only in who answers, behind the same hop.
  let sendgrid: RecordingProxy;
  let twilio: RecordingProxy;
  let database: FreshDatabase;
  let notifier: RunningNotifier;
  let results: MessageCollector;
  let producer: TracedProducer;

  // Loading the 1.9 MB Twilio spec takes Prism a few seconds, more on a busy machine.
  beforeAll(async () => {
    const prisms = Promise.all([
      startPrism({ mode: { mock: true }, specPath: sharedSpec('sendgrid/tsg_mail_v3.json'), resolveFrom: __dirname }),
      startPrism({ mode: { mock: true }, specPath: sharedSpec('twilio/twilio_api_v2010.json'), resolveFrom: __dirname }),
    ]);
    await createTopics(brokers, [Topics.MessageRequested, Topics.CampaignResult]);
    await ensureTopics(brokers, 3);
    // A new group would read the shared broker's topics from the beginning: other suites' leftovers first.
    for (const topic of [Topics.MessageRequested, Topics.CustomerUpdated]) await startGroupAtTopicEnd(brokers, notifierGroupOf(runId), topic);
    database = await createFreshDatabase(`${runId}_notifier`);
    bare = await startRecordingServer(() => ({ status: 202 }));
    [sendgridPrism, twilioPrism] = await prisms;
    [sendgrid, twilio] = await Promise.all([startRecordingProxy(sendgridPrism.url), startRecordingProxy(twilioPrism.url)]);
    const config = loadNotifierConfig({
      ...kafkaNotifierEnv(brokers, runId, database.url),
      SENDGRID_API_KEY: 'SG.test-key',
      SENDGRID_FROM_EMAIL: 'retention@syncengage.test',
      SENDGRID_BASE_URL: sendgrid.url,
      SENDGRID_SANDBOX_MODE: 'true',
      // Unpaced: the default 100/s bucket would cap both measured runs alike and hide what is measured.
      SENDGRID_RATE_PER_SECOND: '0',
      ENABLE_SMS: 'true',
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: 'test-auth-token',
      TWILIO_FROM_PHONE: '+15017122661',
      TWILIO_BASE_URL: twilio.url,
      TWILIO_WHATSAPP_FROM: '+14155238886',
      NOTIFIER_WHATSAPP_TEMPLATES: `win-back-10:*=${WHATSAPP_TEMPLATE}`,
    });
    results = await collectMessages(brokers, Topics.CampaignResult, { fromBeginning: false });
    notifier = await startNotifier(config, await createRuntime(config.infrastructure));
    producer = await connectTracedProducer(brokers, runId);
  }, 60_000);

  afterAll(async () => {
    await producer?.disconnect();
    await results?.stop();
    await notifier?.close();
    await Promise.all([sendgrid?.close(), twilio?.close(), bare?.close()]);
    await stopAllPrism();
    await database?.drop();
  }, 30_000);

  /** All at once, in one produce request, keyed by customer as the orchestrator publishes them. */
  const publish = (messages: MessageRequested[]) => producer.publishAll(Topics.MessageRequested, messages);
  const resultsFor = (ids: ReadonlySet<string>): Array<{ result: CampaignResult; receivedAt: number }> =>
    results.messages
      .map((record) => ({ result: decodeCampaignResult(JSON.parse(record.value)), receivedAt: record.receivedAt }))
      .filter(({ result }) => ids.has(result.messageId));
  const prismFoundNothing = () => expect(`${sendgridPrism.output()}\n${twilioPrism.output()}`).not.toMatch(/Violation|did not pass the validation rules/);

  it('reports an email through SendGrid and an SMS and a WhatsApp template through Twilio sent, with no request Prism finds against the specs', async () => {
    const email = aMessageRequested({ customerId: `${runId}-email`, content: { subject: 'We miss you', text: `email ${runId}`, html: `<p>email ${runId}</p>` } });
    const sms = aMessageRequested({ channel: 'sms', customerId: `${runId}-sms`, recipient: { phone: '+15558675310' }, content: { text: `sms ${runId}` } });
    const whatsapp = aMessageRequested({
      channel: 'whatsapp', customerId: `${runId}-whatsapp`, recipient: { phone: '+15558675311' }, content: { text: `whatsapp ${runId}` },
      discount: { percent: 10, code: 'WB-7F3A', reservedCents: 500 },
    });

    await publish([email, sms, whatsapp]);
    const ids = new Set([email.eventId, sms.eventId, whatsapp.eventId]);
    await waitFor(() => resultsFor(ids).length >= 3, { description: 'a campaign-result for each of the three messages', timeoutMs: 30_000 });
    const resultOf = (message: MessageRequested) => resultsFor(ids).find(({ result }) => result.messageId === message.eventId)?.result;

    expect(resultOf(email)).toMatchObject({ status: 'sent', stage: 'sent', channel: 'email', provider: 'sendgrid' });
    // Mail Send's 202 declares no X-Message-Id header, so Prism sends none and there is no SendGrid id to keep.
    expect(resultOf(email)?.providerMessageId).toBeUndefined();
    const twilioSid = expect.stringMatching(/^SM[0-9a-f]{32}$/i);
    expect(resultOf(sms)).toMatchObject({ status: 'sent', stage: 'sent', channel: 'sms', provider: 'twilio', providerMessageId: twilioSid });
    expect(resultOf(whatsapp)).toMatchObject({ status: 'sent', stage: 'sent', channel: 'whatsapp', provider: 'twilio', providerMessageId: twilioSid });

    expect(seen(sendgrid)).toEqual([expect.objectContaining({ path: '/v3/mail/send', status: 202, violations: undefined })]);
    expect(JSON.parse(sendgrid.exchanges[0].requestBody)).toMatchObject({ subject: 'We miss you', personalizations: [{ custom_args: { message_id: email.eventId } }] });
    const forms = twilio.exchanges.map((exchange) => Object.fromEntries(new URLSearchParams(exchange.requestBody)));
    expect(twilio.exchanges).toHaveLength(2);
    seen(twilio).forEach((exchange) => expect(exchange).toMatchObject({ path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, status: 201, violations: undefined }));
    expect(forms).toEqual(expect.arrayContaining([
      expect.objectContaining({ To: '+15558675310', From: '+15017122661', Body: `sms ${runId}` }),
      expect.objectContaining({ To: 'whatsapp:+15558675311', From: 'whatsapp:+14155238886', ContentSid: WHATSAPP_TEMPLATE }),
    ]));
    prismFoundNothing();
  }, 40_000);

  /** Time from the first publish to the N-th `sent` result consumed; every message must come back exactly once. */
  async function sendsPerSecond(vendorOrigin: string, label: string): Promise<{ perSecond: number; ids: Set<string> }> {
    sendgrid.forwardTo(vendorOrigin);
    const batch = Array.from({ length: BATCH }, (_, index) => aMessageRequested({ customerId: `${runId}-${label}-${index}` }));
    const ids = new Set(batch.map((message) => message.eventId));
    const startedAt = Date.now();
    await publish(batch);
    const arrived = await waitFor(() => {
      const firstArrivals = new Map<string, number>();
      for (const { result, receivedAt } of resultsFor(ids)) if (!firstArrivals.has(result.messageId)) firstArrivals.set(result.messageId, receivedAt);
      return firstArrivals.size === BATCH && firstArrivals;
    }, { description: `${BATCH} campaign-results of the ${label} run`, timeoutMs: 20_000 });
    const elapsedMs = Math.max(...arrived.values()) - startedAt;
    return { perSecond: Math.round((BATCH * 1000) / elapsedMs), ids };
  }

  it(`prints the pipeline's email sends per second against Prism and against a bare server (${BATCH} each, information only)`, async () => {
    const beforePrism = sendgrid.exchanges.length;
    const againstPrism = await sendsPerSecond(sendgridPrism.url, 'prism');
    const prismExchanges = seen(sendgrid).slice(beforePrism);
    const againstBare = await sendsPerSecond(bare.url, 'bare');
    console.info(
      `notifier pipeline, ${BATCH} emails published at once over Kafka → campaign-result consumed: ` +
        `${againstPrism.perSecond} sends/s against Prism (SendGrid spec), ${againstBare.perSecond} sends/s against a bare local server answering 202, ` +
        `ratio ${(againstPrism.perSecond / againstBare.perSecond).toFixed(2)}`,
    );

    for (const { ids } of [againstPrism, againstBare]) {
      const reported = resultsFor(ids).map(({ result }) => result);
      expect(reported).toHaveLength(BATCH);
      expect(new Set(reported.map((result) => result.messageId))).toEqual(ids);
      reported.forEach((result) => expect(result).toMatchObject({ status: 'sent', channel: 'email', provider: 'sendgrid' }));
    }
    expect(prismExchanges.filter((exchange) => exchange.origin === new URL(sendgridPrism.url).origin && exchange.status === 202 && !exchange.violations)).toHaveLength(BATCH);
    expect(bare.requests).toHaveLength(BATCH);
    prismFoundNothing();
  }, 50_000);
});
