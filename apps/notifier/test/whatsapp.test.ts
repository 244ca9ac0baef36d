import type { PgSqlClient } from '@syncengage/db';
import { PostgresSendLedger } from '../src/adapters/postgres/postgres-send-ledger';
import { buildSenderRegistry } from '../src/adapters/providers/build-sender-registry';
import { TwilioWhatsAppSender } from '../src/adapters/providers/twilio/twilio-whatsapp-sender';
import { DeliverMessage } from '../src/application/deliver-message';
import { loadNotifierConfig } from '../src/config';
import { ProviderRejected } from '../src/domain/channel-sender';
import { parseWhatsAppTemplates } from '../src/domain/whatsapp-templates';
import { aMessageRequested } from './support/message-requested';
import { openNotifierDatabase, type NotifierDatabase } from './support/notifier-database';
import { RecordingPublisher } from './support/recording-publisher';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

// The twilio SDK against a stand-in that records what arrived; the spec-validated run is in vendor-conformance.shared.test.ts.

const accountSid = 'AC0123456789abcdef0123456789abcdef';
const winBackEn = `HX${'0123456789abcdef'.repeat(2)}`;
const whatsappMessage = (overrides = {}) =>
  aMessageRequested({ channel: 'whatsapp', recipient: { phone: '+15558675310' }, content: { text: 'We miss you' }, discount: { percent: 10, code: 'WB-7F3A', reservedCents: 500 }, ...overrides });

async function rejectionFrom(sending: Promise<unknown>): Promise<ProviderRejected> {
  const error = await sending.then(() => undefined, (failure: unknown) => failure);
  expect(error).toBeInstanceOf(ProviderRejected);
  return error as ProviderRejected;
}

describe('the Twilio WhatsApp sender', () => {
  let vendor: RecordingServer;
  const sender = () =>
    new TwilioWhatsAppSender({ accountSid, authToken: 'test-auth-token', fromPhone: '+14155238886', templates: parseWhatsAppTemplates([`win-back-10:en=${winBackEn}`]).templates, baseUrl: vendor.url });

  beforeAll(async () => {
    vendor = await startRecordingServer(() => ({ status: 201, body: { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' } }));
  });
  afterAll(() => vendor.close());
  beforeEach(() => {
    vendor.requests.length = 0;
  });

  it('sends the campaign\'s approved template to whatsapp: addresses, with the text and discount as its variables', async () => {
    const receipt = await sender().send(whatsappMessage());

    expect(receipt).toEqual({ provider: 'twilio', providerMessageId: 'SM0123456789abcdef0123456789abcdef' });
    expect(vendor.requests).toHaveLength(1);
    const [request] = vendor.requests;
    expect(request).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${accountSid}/Messages.json` });
    const form = Object.fromEntries(new URLSearchParams(request.body));
    expect(form).toEqual({ To: 'whatsapp:+15558675310', From: 'whatsapp:+14155238886', ContentSid: winBackEn, ContentVariables: expect.any(String) });
    expect(JSON.parse(form.ContentVariables)).toEqual({ '1': 'We miss you', '2': 'WB-7F3A', '3': '10' });
  });

  it('refuses for good, without calling Twilio, a campaign with no approved template for the locale', async () => {
    const rejection = await rejectionFrom(sender().send(whatsappMessage({ locale: 'de' })));

    expect(rejection).toMatchObject({ provider: 'twilio', retryable: false });
    expect(rejection.message).toBe(
      'twilio send refused before calling the provider: no approved WhatsApp template for campaign win-back-10 in locale de: business-initiated WhatsApp messages outside the 24-hour session must use one (configure NOTIFIER_WHATSAPP_TEMPLATES)',
    );
    expect(vendor.requests).toHaveLength(0);
  });

  it('reports Twilio\'s 400 for a number not on WhatsApp as permanent, and a 503 as worth retrying', async () => {
    vendor.respondWith(() => ({ status: 400, body: { code: 63003, message: 'Channel could not find To address', status: 400 } }));
    expect(await rejectionFrom(sender().send(whatsappMessage()))).toMatchObject({ status: 400, retryable: false, message: expect.stringContaining('63003') });
    vendor.respondWith(() => ({ status: 503, body: { code: 20503, message: 'Service Unavailable', status: 503 } }));
    expect(await rejectionFrom(sender().send(whatsappMessage()))).toMatchObject({ status: 503, retryable: true });
    vendor.respondWith(() => ({ status: 201, body: { sid: 'SM0123456789abcdef0123456789abcdef' } }));
  });

  describe('in delivery, with the ledger in PostgreSQL', () => {
    let database: NotifierDatabase;
    let db: PgSqlClient;

    beforeAll(async () => {
      database = await openNotifierDatabase('notifier_whatsapp');
      db = database.db;
    });
    afterAll(async () => {
      await database?.close();
    });

    it('falls back to SMS when the campaign has no template, and reports the message sent on SMS', async () => {
      const config = loadNotifierConfig({
        ENABLE_SMS: 'true',
        TWILIO_ACCOUNT_SID: accountSid,
        TWILIO_AUTH_TOKEN: 'test-auth-token',
        TWILIO_FROM_PHONE: '+15017122661',
        TWILIO_BASE_URL: vendor.url,
        TWILIO_WHATSAPP_FROM: '+14155238886',
        NOTIFIER_WHATSAPP_TEMPLATES: `win-back-10:en=${winBackEn}`,
      });
      const deliver = new DeliverMessage(new PostgresSendLedger(db), buildSenderRegistry(config, db), new RecordingPublisher(), () => new Date(), { retry: config.retry });

      const result = await deliver.execute(whatsappMessage({ campaignId: 'spring-sale', fallbackChannels: ['sms'] }), 'trace');

      expect(result).toMatchObject({ status: 'sent', channel: 'sms', provider: 'twilio' });
      expect(vendor.requests).toHaveLength(1);
      expect(Object.fromEntries(new URLSearchParams(vendor.requests[0].body))).toEqual({ To: '+15558675310', From: '+15017122661', Body: 'We miss you' });
    });
  });
});
