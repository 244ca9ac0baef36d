import {
  decodeCampaignResult,
  deriveEventId,
  EventHeaders,
  Topics,
  type CampaignResult,
  type EventOf,
  type MessageRequested,
  type Topic,
} from '@syncengage/contracts';
import { encodeEvent, type EventPublisher, type OutgoingMessage } from '@syncengage/kafka';
import { ProviderRejected, type ChannelSender, type SendReceipt } from '../domain/channel-sender';
import { SenderRegistry } from '../domain/sender-registry';
import { DeliverMessage } from './deliver-message';
import type { Claim, SendLedger } from './ports';

/** The send ledger in memory, with the same states as the Postgres one: sending → sent | failed. */
class InMemorySendLedger implements SendLedger {
  private readonly rows = new Map<string, { status: 'sending' | 'sent' | 'failed'; attempts: number; receipt?: SendReceipt; failureReason?: string }>();

  async claim(messageId: string): Promise<Claim> {
    const row = this.rows.get(messageId);
    if (!row) {
      this.rows.set(messageId, { status: 'sending', attempts: 1 });
      return { state: 'new' };
    }
    if (row.status === 'sending') {
      row.attempts += 1;
      return { state: 'retry', attempts: row.attempts };
    }
    return { state: 'done', status: row.status, receipt: row.receipt!, failureReason: row.failureReason };
  }

  async markSent(messageId: string, receipt: SendReceipt): Promise<void> {
    this.rows.set(messageId, { ...this.rows.get(messageId)!, status: 'sent', receipt });
  }

  async markFailed(messageId: string, provider: string, reason: string): Promise<void> {
    this.rows.set(messageId, { ...this.rows.get(messageId)!, status: 'failed', receipt: { provider }, failureReason: reason });
  }

  statusOf(messageId: string): string | undefined {
    return this.rows.get(messageId)?.status;
  }
}

/** A provider standing in for SendGrid or Twilio: delivers, or fails with the errors queued for it. */
class FakeSender implements ChannelSender {
  readonly delivered: MessageRequested[] = [];
  private readonly failures: Error[];

  constructor(readonly provider: string, readonly channel: 'email' | 'sms', ...failures: Error[]) {
    this.failures = failures;
  }

  async send(message: MessageRequested): Promise<SendReceipt> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.delivered.push(message);
    return { provider: this.provider, providerMessageId: `${this.provider}-${this.delivered.length}` };
  }
}

class RecordingPublisher implements EventPublisher {
  readonly messages: OutgoingMessage[] = [];

  async publish<T extends Topic>(topic: T, event: EventOf<T>, traceId: string): Promise<void> {
    this.messages.push(encodeEvent(topic, event, traceId));
  }

  async publishRaw(message: OutgoingMessage): Promise<void> {
    this.messages.push(message);
  }

  results(): CampaignResult[] {
    return this.messages.filter((message) => message.topic === Topics.CampaignResult).map((message) => decodeCampaignResult(JSON.parse(message.value.toString('utf8'))));
  }
}

const message: MessageRequested = {
  eventId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  causationId: '4f8c2b1e-7d3a-4e5f-8a9b-0c1d2e3f4a5b',
  occurredAt: '2025-03-01T10:00:02Z',
  customerId: 'cust-42',
  eventType: 'message-requested',
  schemaVersion: 1,
  campaignId: 'at-risk-win-back',
  campaignVersion: 1,
  variant: 'VariantB',
  segment: 'At-Risk',
  channel: 'email',
  locale: 'en',
  recipient: { email: 'ana@example.com', phone: '+34600111222' },
  content: { subject: 'We miss you', text: 'Hi Ana, come back for 20% off with code SAVE20-ABCD1234.' },
  discount: { percent: 20, code: 'SAVE20-ABCD1234', reservedCents: 2_400 },
  reason: 'churn risk band is high',
};

const now = new Date('2025-03-01T10:00:05.000Z');

function setUp(...senders: ChannelSender[]) {
  const ledger = new InMemorySendLedger();
  const publisher = new RecordingPublisher();
  const deliver = new DeliverMessage(ledger, new SenderRegistry(senders), publisher, () => now);
  return { ledger, publisher, deliver };
}

describe('DeliverMessage', () => {
  it('sends the message once and publishes a sent campaign-result that traces back to it', async () => {
    const email = new FakeSender('sendgrid', 'email');
    const { publisher, deliver, ledger } = setUp(email, new FakeSender('twilio', 'sms'));
    const result = await deliver.execute(message, 'trace-3');
    expect(email.delivered).toEqual([message]);
    expect(result).toEqual({
      eventId: deriveEventId(message.eventId, 'campaign-result:sent'),
      causationId: message.eventId,
      eventType: 'campaign-result',
      schemaVersion: 1,
      occurredAt: now.toISOString(),
      customerId: 'cust-42',
      messageId: message.eventId,
      campaignId: 'at-risk-win-back',
      campaignVersion: 1,
      variant: 'VariantB',
      channel: 'email',
      provider: 'sendgrid',
      status: 'sent',
      providerMessageId: 'sendgrid-1',
      failureReason: undefined,
      opened: false,
      clicked: false,
      converted: false,
      revenueImpactCents: 0,
      discountReservedCents: 2_400,
    });
    expect(publisher.results()).toEqual([JSON.parse(JSON.stringify(result))]);
    expect(publisher.messages[0]).toMatchObject({ key: 'cust-42', headers: { [EventHeaders.TraceId]: 'trace-3' } });
    expect(ledger.statusOf(message.eventId)).toBe('sent');
  });

  it('uses the sender of the message’s channel', async () => {
    const email = new FakeSender('sendgrid', 'email');
    const sms = new FakeSender('twilio', 'sms');
    const { deliver } = setUp(email, sms);
    const result = await deliver.execute({ ...message, channel: 'sms' }, 't');
    expect([email.delivered.length, sms.delivered.length]).toEqual([0, 1]);
    expect(result).toMatchObject({ channel: 'sms', provider: 'twilio' });
  });

  it('reports a message without a discount as reserving nothing', async () => {
    const { deliver } = setUp(new FakeSender('sendgrid', 'email'));
    const { discount: _, ...withoutDiscount } = message;
    expect((await deliver.execute(withoutDiscount, 't')).discountReservedCents).toBe(0);
  });

  it('does not send a redelivered message again, and republishes the same result with the same id', async () => {
    const email = new FakeSender('sendgrid', 'email');
    const { publisher, deliver } = setUp(email);
    const first = await deliver.execute(message, 't');
    const second = await deliver.execute(message, 't');
    expect(email.delivered).toHaveLength(1);
    expect(second).toEqual(first);
    expect(publisher.results().map((result) => result.eventId)).toEqual([first.eventId, first.eventId]);
  });

  it('reports a permanent rejection as failed with the reason, without trying again on redelivery', async () => {
    const email = new FakeSender('sendgrid', 'email', new ProviderRejected('sendgrid', 400, 'does not contain a valid address'));
    const { publisher, deliver, ledger } = setUp(email);
    const result = await deliver.execute(message, 't');
    expect(result).toMatchObject({
      eventId: deriveEventId(message.eventId, 'campaign-result:failed'),
      status: 'failed',
      provider: 'sendgrid',
      failureReason: 'sendgrid rejected the message with 400: does not contain a valid address',
      discountReservedCents: 2_400,
    });
    expect(ledger.statusOf(message.eventId)).toBe('failed');
    const again = await deliver.execute(message, 't');
    expect(email.delivered).toEqual([]);
    expect(again).toMatchObject({ eventId: result.eventId, status: 'failed', failureReason: result.failureReason });
    expect(publisher.results()).toHaveLength(2);
  });

  it.each([
    ['a 503', new ProviderRejected('sendgrid', 503, 'service unavailable')],
    ['a 429', new ProviderRejected('sendgrid', 429, 'too many requests')],
    ['a network failure', new ProviderRejected('sendgrid', 0, 'ECONNRESET')],
    ['an unexpected error', new TypeError('fetch failed')],
  ])('rejects on %s so the consumer retries, publishes nothing, and sends on the retry', async (_, failure) => {
    const email = new FakeSender('sendgrid', 'email', failure);
    const { publisher, deliver, ledger } = setUp(email);
    await expect(deliver.execute(message, 't')).rejects.toBe(failure);
    expect(publisher.messages).toEqual([]);
    expect(ledger.statusOf(message.eventId)).toBe('sending');
    expect(await deliver.execute(message, 't')).toMatchObject({ status: 'sent', provider: 'sendgrid' });
    expect(email.delivered).toHaveLength(1);
  });

  it('reports failed when no provider serves the channel', async () => {
    const { deliver, ledger } = setUp(new FakeSender('sendgrid', 'email'));
    const result = await deliver.execute({ ...message, channel: 'sms' }, 't');
    expect(result).toMatchObject({ status: 'failed', provider: 'none', failureReason: 'no provider configured for channel sms' });
    expect(ledger.statusOf(message.eventId)).toBe('failed');
  });
});
