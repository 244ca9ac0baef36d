import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { CampaignResult } from '@syncengage/contracts';
import { createFreshDatabase, type FreshDatabase } from '@syncengage/testing';
import { TwilioSignatureVerifier } from '../src/adapters/http/twilio-signature';
import { PostgresEngagementStore } from '../src/adapters/postgres/postgres-engagement-store';
import type { Engagement } from '../src/domain/engagement';
import { signLinkToken } from '../src/domain/link-token';
import { aSentEngagement } from './support/sent-engagement';
import { sendgridHeaders, sendgridKeyPair, startWebhookNotifier, twilioPost, type WebhookNotifier } from './webhooks-harness';

// SendGrid's documented example of a signed event post (the one @sendgrid/eventwebhook verifies in its own tests).
const SENDGRID_EXAMPLE = {
  verificationKey: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==',
  signature: 'MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=',
  timestamp: '1600112502',
  body:
    JSON.stringify([
      {
        email: 'hello@world.com',
        event: 'dropped',
        reason: 'Bounced Address',
        sg_event_id: 'ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA',
        sg_message_id: 'LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0',
        'smtp-id': '<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>',
        timestamp: 1600112492,
      },
    ]) + '\r\n',
};

const PUBLIC_URL = 'https://notify.shop.example';
const AUTH_TOKEN = 'test-auth-token';
const LINK_SECRET = 'link-secret-for-the-webhooks-test-0123456789';

describe('the signed engagement webhooks', () => {
  let database: FreshDatabase;
  let service: WebhookNotifier;
  let store: PostgresEngagementStore;
  const sendgridKey = sendgridKeyPair();

  beforeAll(async () => {
    database = await createFreshDatabase('notifier_webhooks');
    service = await startWebhookNotifier(database.url, {
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridKey.verificationKey,
      TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM_PHONE: '+15017122661',
      NOTIFIER_PUBLIC_URL: PUBLIC_URL,
      NOTIFIER_LINK_SECRET: LINK_SECRET,
    });
    store = new PostgresEngagementStore(service.db);
  }, 60_000);
  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  const url = (path: string) => `${service.notifier.url}${path}`;
  const results = (messageId: string): CampaignResult[] => service.publisher.results().filter((result) => result.messageId === messageId);

  async function aSentMessage(overrides: Partial<Engagement> = {}): Promise<Engagement> {
    const engagement = aSentEngagement(overrides);
    await store.open(engagement);
    return engagement;
  }

  const postSendGrid = (body: string, headers: Record<string, string>) => fetch(url('/webhooks/sendgrid'), { method: 'POST', headers, body });

  describe('SendGrid', () => {
    it('accepts SendGrid’s documented example, and refuses it with one character changed', async () => {
      const documented = await startWebhookNotifier(database.url, { SENDGRID_WEBHOOK_PUBLIC_KEY: SENDGRID_EXAMPLE.verificationKey });
      try {
        const headers = {
          'Content-Type': 'application/json',
          'X-Twilio-Email-Event-Webhook-Signature': SENDGRID_EXAMPLE.signature,
          'X-Twilio-Email-Event-Webhook-Timestamp': SENDGRID_EXAMPLE.timestamp,
        };
        const post = (body: string) => fetch(`${documented.notifier.url}/webhooks/sendgrid`, { method: 'POST', headers, body });

        const genuine = await post(SENDGRID_EXAMPLE.body);
        const tampered = await post(SENDGRID_EXAMPLE.body.replace('Bounced Address', 'Bounced Addresz'));

        expect(genuine.status).toBe(200);
        // The example carries no message id of ours: verified, then ignored.
        expect(await genuine.json()).toEqual({ received: 1, recorded: 0, duplicates: 0, ignored: 1 });
        expect(tampered.status).toBe(401);
        expect(documented.publisher.messages).toHaveLength(0);
      } finally {
        await documented.close();
      }
    });

    it('records delivered, open and click as cumulative campaign-results, and a replay publishes nothing', async () => {
      const message = await aSentMessage();
      const body = JSON.stringify([
        { email: 'customer@example.com', event: 'delivered', sg_event_id: `d-${message.messageId}`, timestamp: 1773133260, message_id: message.messageId },
        { email: 'customer@example.com', event: 'open', sg_event_id: `o-${message.messageId}`, timestamp: 1773133320, message_id: message.messageId },
        { email: 'customer@example.com', event: 'click', sg_event_id: `c-${message.messageId}`, timestamp: 1773133380, url: 'https://shop.example/sale', message_id: message.messageId },
      ]);
      const headers = sendgridHeaders(sendgridKey.privateKey, body);

      const first = await postSendGrid(body, headers);
      const replay = await postSendGrid(body, headers);

      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ received: 3, recorded: 3, duplicates: 0, ignored: 0 });
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual({ received: 3, recorded: 0, duplicates: 3, ignored: 0 });
      const published = results(message.messageId);
      expect(published.map((result) => [result.stage, result.opened, result.clicked])).toEqual([
        ['delivered', false, false],
        ['opened', true, false],
        ['clicked', true, true],
      ]);
      expect(published[2]).toMatchObject({
        status: 'sent',
        campaignId: 'win-back-10',
        variant: 'VariantA',
        customerId: message.customerId,
        sentAt: '2026-03-10T09:00:00.000Z',
        deliveredAt: '2026-03-10T09:01:00.000Z',
        openedAt: '2026-03-10T09:02:00.000Z',
        clickedAt: '2026-03-10T09:03:00.000Z',
        discountReservedCents: 500,
      });
      expect(new Set(published.map((result) => result.eventId)).size).toBe(3);
    });

    it.each([
      ['a tampered body', (body: string, headers: Record<string, string>) => ({ body: body.replace('"open"', '"click"'), headers })],
      ['no signature', (body: string, headers: Record<string, string>) => ({ body, headers: { 'Content-Type': 'application/json' } })],
      ['a signature by another key', (body: string) => ({ body, headers: sendgridHeaders(sendgridKeyPair().privateKey, body) })],
      ['a signature that is not one', (body: string, headers: Record<string, string>) => ({ body, headers: { ...headers, 'X-Twilio-Email-Event-Webhook-Signature': 'bm90IGEgc2lnbmF0dXJl' } })],
      ['another timestamp', (body: string, headers: Record<string, string>) => ({ body, headers: { ...headers, 'X-Twilio-Email-Event-Webhook-Timestamp': '1700000001' } })],
    ])('answers 401 to %s and records nothing', async (_name, alter) => {
      const message = await aSentMessage();
      const body = JSON.stringify([{ event: 'open', sg_event_id: `o-${message.messageId}`, timestamp: 1773133320, message_id: message.messageId }]);
      const altered = alter(body, sendgridHeaders(sendgridKey.privateKey, body, '1700000000'));

      const response = await postSendGrid(altered.body, altered.headers);

      expect(response.status).toBe(401);
      expect(results(message.messageId)).toEqual([]);
      // The genuine post still counts afterwards: nothing was half-recorded.
      expect((await postSendGrid(body, sendgridHeaders(sendgridKey.privateKey, body))).status).toBe(200);
      expect(results(message.messageId).map((result) => result.stage)).toEqual(['opened']);
    });

    it.each([
      // Express's JSON parser refuses it before the signature is looked at: still a 400, still nothing recorded.
      ['not JSON', 'events!', expect.stringContaining('is not valid JSON')],
      ['an object, not an array', '{"event":"open"}', 'body must be a JSON array of events'],
      ['an event without a type', '[{"event":"open"},{"email":"x@example.com"}]', '[1].event must be a string'],
    ])('answers 400 to a signed body that is %s, naming the problem', async (_name, body, reason) => {
      const before = service.publisher.messages.length;
      const response = await postSendGrid(body, sendgridHeaders(sendgridKey.privateKey, body));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: unknown }).message).toEqual(reason);
      expect(service.publisher.messages).toHaveLength(before);
    });

    it.each([
      ['bounce', 'bounced', { channel: 'email', reason: 'bounced' }, { reason: '550 5.1.1 no such user', type: 'bounce' }],
      ['dropped', 'failed', { channel: 'email', reason: 'complained' }, { reason: 'Spam Reporting Address' }],
      ['spamreport', 'unsubscribed', { channel: 'email', reason: 'complained' }, {}],
      ['unsubscribe', 'unsubscribed', { channel: 'email', reason: 'unsubscribed' }, {}],
      ['group_unsubscribe', 'unsubscribed', { channel: 'email', reason: 'unsubscribed' }, { asm_group_id: 42 }],
    ])('turns a %s into stage %s with suppression %o', async (event, stage, suppression, fields) => {
      const message = await aSentMessage();
      const body = JSON.stringify([{ event, sg_event_id: `${event}-${message.messageId}`, timestamp: 1773133320, message_id: message.messageId, ...fields }]);

      expect((await postSendGrid(body, sendgridHeaders(sendgridKey.privateKey, body))).status).toBe(200);

      expect(results(message.messageId)).toEqual([expect.objectContaining({ stage, suppression })]);
    });

    it('marks a bounce failed, and does not suppress an address that was only blocked for now', async () => {
      const bounced = await aSentMessage();
      const blocked = await aSentMessage();
      const body = JSON.stringify([
        { event: 'bounce', type: 'bounce', reason: 'no such user', sg_event_id: `b-${bounced.messageId}`, timestamp: 1773133320, message_id: bounced.messageId },
        { event: 'bounce', type: 'blocked', reason: 'try later', sg_event_id: `b-${blocked.messageId}`, timestamp: 1773133320, message_id: blocked.messageId },
      ]);
      await postSendGrid(body, sendgridHeaders(sendgridKey.privateKey, body));
      expect(results(bounced.messageId)).toEqual([expect.objectContaining({ status: 'failed', stage: 'bounced', failureReason: 'no such user' })]);
      expect(results(blocked.messageId)[0].suppression).toBeUndefined();
    });

    it('lifts an unsubscribe when the customer joins the group again', async () => {
      const message = await aSentMessage();
      const body = JSON.stringify([
        { event: 'group_unsubscribe', sg_event_id: `u-${message.messageId}`, timestamp: 1773133320, message_id: message.messageId },
        { event: 'group_resubscribe', sg_event_id: `r-${message.messageId}`, timestamp: 1773133380, message_id: message.messageId },
      ]);
      await postSendGrid(body, sendgridHeaders(sendgridKey.privateKey, body));
      expect(results(message.messageId).map((result) => result.suppression)).toEqual([
        { channel: 'email', reason: 'unsubscribed' },
        { channel: 'email', reason: 'unsubscribed', lifted: true },
      ]);
    });

    it('ignores machine opens, events of messages it never sent, and events without our id', async () => {
      const message = await aSentMessage();
      const body = JSON.stringify([
        { event: 'open', sg_machine_open: true, sg_event_id: `m-${message.messageId}`, message_id: message.messageId },
        { event: 'open', sg_event_id: `x-${message.messageId}`, message_id: randomUUID() },
        { event: 'open', sg_event_id: `n-${message.messageId}` },
        { event: 'processed', sg_event_id: `p-${message.messageId}`, message_id: message.messageId },
      ]);
      const response = await postSendGrid(body, sendgridHeaders(sendgridKey.privateKey, body));
      expect(await response.json()).toEqual({ received: 4, recorded: 0, duplicates: 0, ignored: 4 });
      expect(results(message.messageId)).toEqual([]);
    });
  });

  describe('Twilio', () => {
    it('verifies Twilio’s documented signature example, and refuses it with a parameter changed', () => {
      const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
      const requestTo = (body: Record<string, string>) =>
        ({ originalUrl: '/myapp.php?foo=1&bar=2', body, protocol: 'http', get: () => '127.0.0.1:3003' }) as unknown as Request;
      const verifier = new TwilioSignatureVerifier('12345', 'https://mycompany.com');

      expect(verifier.isAuthentic(requestTo(params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=')).toBe(true);
      expect(verifier.isAuthentic(requestTo({ ...params, Digits: '1235' }), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=')).toBe(false);
      expect(new TwilioSignatureVerifier('12345').isAuthentic(requestTo(params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=')).toBe(false);
    });

    const postTwilio = (path: string, params: Record<string, string>, signedParams = params, signedUrl = `${PUBLIC_URL}${path}`) => {
      const { headers } = twilioPost(AUTH_TOKEN, signedUrl, signedParams);
      return fetch(url(path), { method: 'POST', headers, body: new URLSearchParams(params).toString() });
    };
    const status = (sid: string, messageStatus: string, extra: Record<string, string> = {}) => ({
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      MessageSid: sid,
      SmsSid: sid,
      MessageStatus: messageStatus,
      SmsStatus: messageStatus,
      To: '+15558675310',
      From: '+15017122661',
      ApiVersion: '2010-04-01',
      ...extra,
    });

    it('records a delivered status callback once, signed over the public URL though it reached us on another host', async () => {
      const sid = `SM${randomUUID().replace(/-/g, '')}`;
      const message = await aSentMessage({ channel: 'sms', provider: 'twilio', providerMessageId: sid, recipient: '+15558675310' });

      const sent = await postTwilio('/webhooks/twilio/status', status(sid, 'sent'));
      const delivered = await postTwilio('/webhooks/twilio/status', status(sid, 'delivered'));
      const again = await postTwilio('/webhooks/twilio/status', status(sid, 'delivered'));

      expect([sent.status, delivered.status, again.status]).toEqual([200, 200, 200]);
      expect(await again.json()).toEqual({ outcome: 'duplicate' });
      expect(results(message.messageId)).toEqual([expect.objectContaining({ stage: 'delivered', channel: 'sms', status: 'sent', deliveredAt: expect.any(String) })]);
    });

    it('turns undelivered to an unreachable number into a bounce that suppresses SMS', async () => {
      const sid = `SM${randomUUID().replace(/-/g, '')}`;
      const message = await aSentMessage({ channel: 'sms', provider: 'twilio', providerMessageId: sid, recipient: '+15558675311' });
      await postTwilio('/webhooks/twilio/status', status(sid, 'undelivered', { ErrorCode: '30006' }));
      expect(results(message.messageId)).toEqual([
        expect.objectContaining({ stage: 'bounced', status: 'failed', failureReason: 'twilio undelivered (error 30006)', suppression: { channel: 'sms', reason: 'bounced' } }),
      ]);
    });

    it.each([
      ['a tampered parameter', (params: Record<string, string>) => [{ ...params, MessageStatus: 'undelivered' }, params]],
      ['a signature over our private host', (params: Record<string, string>) => [params, params, 'http://127.0.0.1/webhooks/twilio/status']],
    ] as const)('answers 401 to %s and records nothing', async (_name, alter) => {
      const sid = `SM${randomUUID().replace(/-/g, '')}`;
      const message = await aSentMessage({ channel: 'sms', provider: 'twilio', providerMessageId: sid });
      const [sentParams, signedParams, signedUrl] = alter(status(sid, 'delivered')) as [Record<string, string>, Record<string, string>, string?];
      const response = await postTwilio('/webhooks/twilio/status', sentParams, signedParams, signedUrl);
      expect(response.status).toBe(401);
      expect(results(message.messageId)).toEqual([]);
    });

    it('answers 401 without a signature and 400 to a signed callback without MessageStatus', async () => {
      const unsigned = await fetch(url('/webhooks/twilio/status'), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'MessageSid=SM1' });
      const incomplete = await postTwilio('/webhooks/twilio/status', { MessageSid: 'SM1' });
      expect(unsigned.status).toBe(401);
      expect(incomplete.status).toBe(400);
      expect(((await incomplete.json()) as { message: unknown }).message).toBe('MessageStatus is required');
    });

    it('suppresses SMS for the customer last texted at a number that replies STOP, and lifts it on START', async () => {
      const phone = `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
      await aSentMessage({ channel: 'sms', provider: 'twilio', recipient: phone, sentAt: '2026-03-01T09:00:00.000Z' });
      const latest = await aSentMessage({ channel: 'sms', provider: 'twilio', recipient: phone, sentAt: '2026-03-09T09:00:00.000Z' });
      const reply = (body: string) => ({ MessageSid: `SM${randomUUID().replace(/-/g, '')}`, From: phone, To: '+15017122661', Body: body, NumMedia: '0' });
      const stop = reply('Stop');

      const stopped = await postTwilio('/webhooks/twilio/inbound', stop);
      await postTwilio('/webhooks/twilio/inbound', stop);
      await postTwilio('/webhooks/twilio/inbound', reply('thanks, see you soon'));
      await postTwilio('/webhooks/twilio/inbound', reply('START'));

      expect(stopped.status).toBe(200);
      expect(stopped.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(await stopped.text()).toContain('<Response></Response>');
      expect(results(latest.messageId).map((result) => [result.customerId, result.stage, result.suppression])).toEqual([
        [latest.customerId, 'unsubscribed', { channel: 'sms', reason: 'stop' }],
        [latest.customerId, 'unsubscribed', { channel: 'sms', reason: 'stop', lifted: true }],
      ]);
    });

    it('answers a STOP from a number it never texted with empty TwiML and publishes nothing', async () => {
      const before = service.publisher.messages.length;
      const response = await postTwilio('/webhooks/twilio/inbound', { MessageSid: 'SMffff', From: '+15550000000', Body: 'STOP' });
      expect(response.status).toBe(200);
      expect(service.publisher.messages).toHaveLength(before);
    });
  });

  describe('the click redirect', () => {
    it.each([
      ['garbage', 'not-a-token'],
      ['a token signed with another secret', signLinkToken({ messageId: randomUUID(), linkIndex: 0 }, 'another-secret-another-secret-another')],
      ['a genuine token for a link that was never sent', signLinkToken({ messageId: randomUUID(), linkIndex: 0 }, LINK_SECRET)],
    ])('answers 404 to %s', async (_name, token) => {
      const before = service.publisher.messages.length;
      const response = await fetch(url(`/r/${token}`), { redirect: 'manual' });
      expect(response.status).toBe(404);
      expect(service.publisher.messages).toHaveLength(before);
    });
  });
});
