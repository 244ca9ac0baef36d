import { ProviderRejected, type ChannelSender } from '../src/domain/channel-sender';
import { SendGridEmailSender, type SendGridSettings } from '../src/adapters/providers/sendgrid/sendgrid-email-sender';
import { TwilioSmsSender, type TwilioSettings } from '../src/adapters/providers/twilio/twilio-sms-sender';
import { TwilioWhatsAppSender } from '../src/adapters/providers/twilio/twilio-whatsapp-sender';
import type { MessageRequested } from '@syncengage/contracts';
import { sharedSpec, startPrism, stopAllPrism, type PrismServer } from '@syncengage/testing';
import { aMessageRequested } from './support/message-requested';
import { startRecordingProxy, type Exchange, type RecordingProxy } from './support/recording-proxy';
import { startRecordingServer } from './support/recording-server';

// Run by `npm run test:shared` only. Prism validates every request the official SDKs send against the vendors'
// own OpenAPI documents and reports each breach in an `sl-violations` header.

const SENDGRID_SPEC = sharedSpec('sendgrid/tsg_mail_v3.json');
const TWILIO_SPEC = sharedSpec('twilio/twilio_api_v2010.json');
const SENDS_FOR_RATE = 200;

const sendgridSettings = (baseUrl: string, fromEmail = 'retention@syncengage.test'): SendGridSettings => ({ apiKey: 'SG.test-key', fromEmail, baseUrl, sandboxMode: true });
const twilioSettings = (baseUrl: string, accountSid = 'AC0123456789abcdef0123456789abcdef'): TwilioSettings => ({ accountSid, authToken: 'test-auth-token', fromPhone: '+15017122661', baseUrl });
const emailMessage = () => aMessageRequested({ channel: 'email' });
const smsMessage = () => aMessageRequested({ channel: 'sms', recipient: { phone: '+15558675310' }, content: { text: 'We miss you: 10% off with SAVE10' } });

function violations(exchange: Exchange): string | undefined {
  const header = exchange.headers['sl-violations'];
  return Array.isArray(header) ? header.join(',') : header;
}

/** The receipt or the error: a failed send is asserted after Prism's verdict, which says why it failed. */
const settled = (sending: Promise<unknown>): Promise<unknown> => sending.catch((failure: unknown) => failure);

async function rejectionFrom(sending: Promise<unknown>): Promise<ProviderRejected> {
  const error = await sending.then(() => undefined, (failure: unknown) => failure);
  expect(error).toBeInstanceOf(ProviderRejected);
  return error as ProviderRejected;
}

/** One send at a time, as one consumer partition does; printed for information, not asserted. */
async function sendsPerSecond(sender: ChannelSender, message: () => MessageRequested): Promise<number> {
  const startedAt = process.hrtime.bigint();
  for (let sent = 0; sent < SENDS_FOR_RATE; sent += 1) await sender.send(message());
  const elapsedMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  return Math.round((SENDS_FOR_RATE * 1000) / elapsedMs);
}

async function printSendRate(vendor: string, sender: (baseUrl: string) => ChannelSender, message: () => MessageRequested, prismUrl: string, bareStatus: number) {
  const bare = await startRecordingServer(() => ({ status: bareStatus, body: { sid: 'SM0123456789abcdef0123456789abcdef' } }));
  try {
    const againstPrism = await sendsPerSecond(sender(prismUrl), message);
    const againstBare = await sendsPerSecond(sender(bare.url), message);
    console.info(`${vendor} sender, ${SENDS_FOR_RATE} sends one at a time: ${againstPrism} sends/s against Prism, ${againstBare} sends/s against a bare local HTTP server`);
  } finally {
    await bare.close();
  }
}

interface SpecServer {
  prism: PrismServer;
  proxy: RecordingProxy;
}

async function startSpecServer(spec: string): Promise<SpecServer> {
  const prism = await startPrism({ mode: { mock: true }, specPath: spec, resolveFrom: __dirname });
  return { prism, proxy: await startRecordingProxy(prism.url) };
}

let sendgrid: SpecServer;
let twilio: SpecServer;

// Loading the 1.9 MB Twilio spec takes Prism a few seconds, more on a busy machine.
beforeAll(async () => {
  [sendgrid, twilio] = await Promise.all([startSpecServer(SENDGRID_SPEC), startSpecServer(TWILIO_SPEC)]);
}, 45_000);
afterAll(async () => {
  await Promise.all([sendgrid?.proxy.close(), twilio?.proxy.close()]);
  await stopAllPrism();
});
beforeEach(() => {
  sendgrid.proxy.exchanges.length = 0;
  twilio.proxy.exchanges.length = 0;
});

describe('the SendGrid sender against the official Mail Send v3 spec', () => {
  it('sends a mail in which Prism finds no violation', async () => {
    const outcome = await settled(new SendGridEmailSender(sendgridSettings(sendgrid.proxy.url)).send(emailMessage()));

    expect(sendgrid.proxy.exchanges).toHaveLength(1);
    const [exchange] = sendgrid.proxy.exchanges;
    expect(violations(exchange)).toBeUndefined();
    expect(exchange).toMatchObject({ method: 'POST', path: '/v3/mail/send', status: 202 });
    // The spec declares no X-Message-Id on the 202, so Prism sends none and there is no provider id to keep.
    expect(outcome).toEqual({ provider: 'sendgrid', providerMessageId: undefined });
  });

  it('has a mail whose sender is not an email address rejected for good, so the validator is live', async () => {
    const rejection = await rejectionFrom(new SendGridEmailSender(sendgridSettings(sendgrid.proxy.url, 'not-an-email-address')).send(emailMessage()));

    expect(rejection).toMatchObject({ provider: 'sendgrid', status: 400, retryable: false });
    expect(violations(sendgrid.proxy.exchanges[0])).toMatch(/"location":\["request","body","from","email"\].*"code":"format"/);
  });

  it(`prints its send rate (${SENDS_FOR_RATE} sends, information only)`, async () => {
    await printSendRate('SendGrid', (url) => new SendGridEmailSender(sendgridSettings(url)), emailMessage, sendgrid.prism.url, 202);
  }, 30_000);
});

describe('the Twilio sender against the official REST API 2010-04-01 spec', () => {
  it('sends an SMS in which Prism finds no violation, and keeps the message SID', async () => {
    const outcome = await settled(new TwilioSmsSender(twilioSettings(twilio.proxy.url)).send(smsMessage()));

    expect(twilio.proxy.exchanges).toHaveLength(1);
    const [exchange] = twilio.proxy.exchanges;
    expect(violations(exchange)).toBeUndefined();
    expect(exchange).toMatchObject({ method: 'POST', path: '/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json', status: 201 });
    expect(outcome).toEqual({ provider: 'twilio', providerMessageId: expect.stringMatching(/^SM[0-9a-f]{32}$/i) });
  });

  it('has a message for an account SID of the wrong shape rejected for good, so the validator is live', async () => {
    const rejection = await rejectionFrom(new TwilioSmsSender(twilioSettings(twilio.proxy.url, 'AC123')).send(smsMessage()));

    expect(rejection).toMatchObject({ provider: 'twilio', status: 422, retryable: false });
    expect(twilio.proxy.exchanges[0].body).toMatch(/"location":\["path","accountsid"\]/i);
  });

  it(`prints its send rate (${SENDS_FOR_RATE} sends, information only)`, async () => {
    await printSendRate('Twilio', (url) => new TwilioSmsSender(twilioSettings(url)), smsMessage, twilio.prism.url, 201);
  }, 30_000);
});

describe('the Twilio WhatsApp sender against the official REST API 2010-04-01 spec', () => {
  const approved = `HX${'0123456789abcdef'.repeat(2)}`;
  const whatsappSender = (contentSid: string) =>
    new TwilioWhatsAppSender({
      accountSid: 'AC0123456789abcdef0123456789abcdef',
      authToken: 'test-auth-token',
      fromPhone: '+14155238886',
      templates: new Map([['win-back-10', new Map([['*', contentSid]])]]),
      baseUrl: twilio.proxy.url,
    });
  const whatsappMessage = () =>
    aMessageRequested({ channel: 'whatsapp', recipient: { phone: '+15558675310' }, content: { text: 'We miss you' }, discount: { percent: 10, code: 'WB-7F3A', reservedCents: 500 } });

  it('sends an approved template to whatsapp: addresses in which Prism finds no violation, and keeps the message SID', async () => {
    const outcome = await settled(whatsappSender(approved).send(whatsappMessage()));

    expect(twilio.proxy.exchanges).toHaveLength(1);
    const [exchange] = twilio.proxy.exchanges;
    expect(violations(exchange)).toBeUndefined();
    expect(exchange).toMatchObject({ method: 'POST', path: '/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json', status: 201 });
    expect(outcome).toEqual({ provider: 'twilio', providerMessageId: expect.stringMatching(/^SM[0-9a-f]{32}$/i) });
  });

  it('has a template whose ContentSid is not of Twilio\'s shape rejected for good, so the validator checks it', async () => {
    const rejection = await rejectionFrom(whatsappSender('HX123').send(whatsappMessage()));

    expect(rejection).toMatchObject({ provider: 'twilio', status: 422, retryable: false });
    expect(twilio.proxy.exchanges[0].body).toMatch(/"location":\["body","ContentSid"\]/);
  });
});
