import { ProviderRejected } from '../src/domain/channel-sender';
import { SendGridEmailSender, type SendGridSettings } from '../src/adapters/providers/sendgrid/sendgrid-email-sender';
import { TwilioSmsSender, type TwilioSettings } from '../src/adapters/providers/twilio/twilio-sms-sender';
import { aMessageRequested } from './support/message-requested';
import { refusedOrigin, startRecordingServer, type RecordingServer, type ScriptedResponse } from './support/recording-server';

// The official SDKs do the HTTP here; the servers stand in for the vendors and record what arrived.

const sendgridAccepted: ScriptedResponse = { status: 202, headers: { 'X-Message-Id': 'sg-7f3a9c' } };
const twilioCreated = (sid: string): ScriptedResponse => ({ status: 201, body: { sid, status: 'queued' } });

async function rejectionFrom(sending: Promise<unknown>): Promise<ProviderRejected> {
  const error = await sending.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ProviderRejected);
  return error as ProviderRejected;
}

describe('the SendGrid email sender, through @sendgrid/mail', () => {
  let vendor: RecordingServer;
  const settings = (baseUrl: string): SendGridSettings => ({ apiKey: 'SG.test-key', fromEmail: 'retention@syncengage.test', baseUrl, sandboxMode: true });

  beforeAll(async () => {
    vendor = await startRecordingServer(() => sendgridAccepted);
  });
  afterAll(() => vendor.close());
  beforeEach(() => {
    vendor.requests.length = 0;
    vendor.respondWith(() => sendgridAccepted);
  });

  it('posts the mail to /v3/mail/send with the API key and our message id, and keeps SendGrid\'s message id', async () => {
    const message = aMessageRequested({ channel: 'email' });

    const receipt = await new SendGridEmailSender(settings(vendor.url)).send(message);

    expect(receipt).toEqual({ provider: 'sendgrid', providerMessageId: 'sg-7f3a9c' });
    expect(vendor.requests).toHaveLength(1);
    const [request] = vendor.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v3/mail/send' });
    expect(request.headers.authorization).toBe('Bearer SG.test-key');
    expect(JSON.parse(request.body)).toMatchObject({
      personalizations: [{ to: [{ email: 'customer@example.com' }], custom_args: { message_id: message.eventId, campaign_id: 'win-back-10', variant: 'VariantA' } }],
      from: { email: 'retention@syncengage.test' },
      subject: 'We miss you',
      content: expect.arrayContaining([
        { type: 'text/plain', value: 'Come back for 10% off' },
        { type: 'text/html', value: '<p>Come back for 10% off</p>' },
      ]),
      categories: ['win-back-10'],
      mail_settings: { sandbox_mode: { enable: true } },
    });
  });

  it('reports a 400 as a permanent rejection carrying SendGrid\'s own error text', async () => {
    vendor.respondWith(() => ({
      status: 400,
      body: { errors: [{ message: 'The from email does not contain a valid address.', field: 'from.email', help: 'http://sendgrid.com/docs' }] },
    }));

    const rejection = await rejectionFrom(new SendGridEmailSender(settings(vendor.url)).send(aMessageRequested()));

    expect(rejection).toMatchObject({ provider: 'sendgrid', status: 400, retryable: false });
    expect(rejection.message).toContain('The from email does not contain a valid address.');
  });

  it.each([429, 503])('reports %i as a rejection worth retrying', async (status) => {
    vendor.respondWith(() => ({ status, body: { errors: [{ message: 'try again later' }] } }));

    const rejection = await rejectionFrom(new SendGridEmailSender(settings(vendor.url)).send(aMessageRequested()));

    expect(rejection).toMatchObject({ provider: 'sendgrid', status, retryable: true });
  });

  it('reports a refused connection as a rejection worth retrying', async () => {
    const rejection = await rejectionFrom(new SendGridEmailSender(settings(await refusedOrigin())).send(aMessageRequested()));

    expect(rejection).toMatchObject({ provider: 'sendgrid', status: 0, retryable: true });
    expect(rejection.message).toContain('ECONNREFUSED');
  });
});

describe('the Twilio SMS sender, through the twilio SDK', () => {
  const accountSid = 'AC0123456789abcdef0123456789abcdef';
  let vendor: RecordingServer;
  const settings = (baseUrl: string): TwilioSettings => ({ accountSid, authToken: 'test-auth-token', fromPhone: '+15017122661', baseUrl });

  beforeAll(async () => {
    vendor = await startRecordingServer(() => twilioCreated('SM00000000000000000000000000000001'));
  });
  afterAll(() => vendor.close());
  beforeEach(() => {
    vendor.requests.length = 0;
  });

  it('posts To, From and Body to the account\'s Messages.json with Basic auth, and keeps the message SID', async () => {
    vendor.respondWith(() => twilioCreated('SM0123456789abcdef0123456789abcdef'));
    const message = aMessageRequested({ channel: 'sms', recipient: { phone: '+15558675310' }, content: { text: 'We miss you: 10% off with SAVE10' } });

    const receipt = await new TwilioSmsSender(settings(vendor.url)).send(message);

    expect(receipt).toEqual({ provider: 'twilio', providerMessageId: 'SM0123456789abcdef0123456789abcdef' });
    expect(vendor.requests).toHaveLength(1);
    const [request] = vendor.requests;
    expect(request).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${accountSid}/Messages.json` });
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${accountSid}:test-auth-token`).toString('base64')}`);
    expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      To: '+15558675310',
      From: '+15017122661',
      Body: 'We miss you: 10% off with SAVE10',
    });
  });

  it('reports a 400 (21211, invalid To) as a permanent rejection carrying Twilio\'s code and text', async () => {
    vendor.respondWith(() => ({
      status: 400,
      body: { code: 21211, message: "The 'To' number +1555 is not a valid phone number.", more_info: 'https://www.twilio.com/docs/errors/21211', status: 400 },
    }));

    const rejection = await rejectionFrom(new TwilioSmsSender(settings(vendor.url)).send(aMessageRequested({ channel: 'sms', recipient: { phone: '+1555' } })));

    expect(rejection).toMatchObject({ provider: 'twilio', status: 400, retryable: false });
    expect(rejection.message).toBe("twilio rejected the message with 400: 21211 The 'To' number +1555 is not a valid phone number.");
  });

  it.each([429, 503])('reports %i as a rejection worth retrying', async (status) => {
    vendor.respondWith(() => ({ status, body: { code: 20429, message: 'Too Many Requests', status } }));

    const rejection = await rejectionFrom(new TwilioSmsSender(settings(vendor.url)).send(aMessageRequested({ channel: 'sms' })));

    expect(rejection).toMatchObject({ provider: 'twilio', status, retryable: true });
  });

  it('reports a refused connection as a rejection worth retrying', async () => {
    const rejection = await rejectionFrom(new TwilioSmsSender(settings(await refusedOrigin())).send(aMessageRequested({ channel: 'sms' })));

    expect(rejection).toMatchObject({ provider: 'twilio', status: 0, retryable: true });
    expect(rejection.message).toContain('ECONNREFUSED');
  });
});
