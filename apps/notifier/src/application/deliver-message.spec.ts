import {
  deriveEventId,
  EventHeaders,
  Topics,
  type Channel,
  type DeliveryAttempt,
  type MessageRequested,
} from '@syncengage/contracts';
import { RecordingPublisher } from '../../test/support/recording-publisher';
import { ProviderRejected, type ChannelSender, type SendReceipt } from '../domain/channel-sender';
import { SenderRegistry } from '../domain/sender-registry';
import { DeliverMessage } from './deliver-message';
import type { Engagement } from '../domain/engagement';
import type { AppliedFact, Claim, DeliveryDeadLetters, EngagementStore, LinkTracker, SendLedger } from './ports';

/** The send ledger in memory, with the same states as the Postgres one: pending ⇄ sending → sent | failed. */
class InMemorySendLedger implements SendLedger {
  private readonly rows = new Map<
    string,
    { status: 'pending' | 'sending' | 'sent' | 'failed'; channel: Channel; attempts: number; history: DeliveryAttempt[]; receipt?: SendReceipt; failureReason?: string }
  >();

  async claim(messageId: string, _customerId: string, channel: Channel): Promise<Claim> {
    const row = this.rows.get(messageId);
    if (!row) {
      this.rows.set(messageId, { status: 'pending', channel, attempts: 0, history: [] });
      return { state: 'new' };
    }
    if (row.status === 'pending' || row.status === 'sending') {
      return { state: 'retry', attempts: row.attempts, inDoubt: row.status === 'sending', channel: row.channel, history: [...row.history] };
    }
    return { state: 'done', status: row.status, channel: row.channel, receipt: row.receipt!, failureReason: row.failureReason };
  }

  async beginAttempt(messageId: string, channel: Channel): Promise<void> {
    const row = this.rows.get(messageId)!;
    Object.assign(row, { status: 'sending', channel, attempts: row.attempts + 1 });
  }

  async recordAttempt(messageId: string, attempt: DeliveryAttempt): Promise<void> {
    const row = this.rows.get(messageId)!;
    row.history.push(attempt);
    row.status = attempt.outcome === 'in-doubt' ? 'sending' : 'pending';
  }

  async markSent(messageId: string, receipt: SendReceipt, attempt?: DeliveryAttempt, note?: string): Promise<void> {
    const row = this.rows.get(messageId)!;
    if (attempt) row.history.push(attempt);
    Object.assign(row, { status: 'sent', receipt, failureReason: note });
  }

  async markFailed(messageId: string, provider: string, reason: string): Promise<void> {
    Object.assign(this.rows.get(messageId)!, { status: 'failed', receipt: { provider }, failureReason: reason });
  }

  statusOf(messageId: string): string | undefined {
    return this.rows.get(messageId)?.status;
  }

  /** What a crash mid-send leaves behind: an attempt marked in flight and never finished. */
  crashMidSend(messageId: string, channel: Channel): void {
    this.rows.set(messageId, { status: 'sending', channel, attempts: 1, history: [] });
  }
}

class RecordingDeadLetters implements DeliveryDeadLetters {
  readonly letters: Array<{ messageId: string; history: DeliveryAttempt[]; reason: string }> = [];

  async publish(message: MessageRequested, history: DeliveryAttempt[], reason: string): Promise<void> {
    this.letters.push({ messageId: message.eventId, history: [...history], reason });
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

/** Only what delivery touches: the rows it opens. */
class OpenedEngagements implements EngagementStore {
  readonly rows = new Map<string, Engagement>();
  async open(engagement: Engagement): Promise<void> {
    if (!this.rows.has(engagement.messageId)) this.rows.set(engagement.messageId, engagement);
  }
  apply(): Promise<AppliedFact> {
    throw new Error('not used by delivery');
  }
  async markPublished(): Promise<void> {}
  async messageIdForProviderMessage(): Promise<undefined> {}
  async latestMessageTo(): Promise<undefined> {}
  async engagedBetween(): Promise<[]> {
    return [];
  }
}

/** Appends a marker to the text, as a stand-in for rewriting its links. */
const markingLinks: LinkTracker = { track: async (sent) => ({ ...sent, content: { ...sent.content, text: `${sent.content.text} [tracked]` } }) };

function setUp(...senders: ChannelSender[]) {
  const ledger = new InMemorySendLedger();
  const publisher = new RecordingPublisher();
  const deadLetters = new RecordingDeadLetters();
  const engagement = new OpenedEngagements();
  const waits: number[] = [];
  const deliver = new DeliverMessage(ledger, new SenderRegistry(senders), publisher, () => now, {
    retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1_000 },
    deadLetters,
    sleep: async (ms) => void waits.push(ms),
    random: () => 1,
    engagement,
  });
  return { ledger, publisher, deliver, deadLetters, waits, engagement };
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
      stage: 'sent',
      sentAt: now.toISOString(),
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
    ['a refused connection', new ProviderRejected('sendgrid', 0, 'connect ECONNREFUSED')],
  ])('retries after %s with backoff and sends once, publishing one result', async (_, failure) => {
    const email = new FakeSender('sendgrid', 'email', failure, failure);
    const { publisher, deliver, ledger, waits } = setUp(email);
    expect(await deliver.execute(message, 't')).toMatchObject({ status: 'sent', provider: 'sendgrid' });
    expect(email.delivered).toHaveLength(1);
    expect(waits).toEqual([100, 200]);
    expect(publisher.results()).toHaveLength(1);
    expect(ledger.statusOf(message.eventId)).toBe('sent');
  });

  it('waits at least what a 429’s Retry-After asks', async () => {
    const email = new FakeSender('sendgrid', 'email', new ProviderRejected('sendgrid', 429, 'slow down', { retryAfterMs: 700 }));
    const { deliver, waits } = setUp(email);
    await deliver.execute(message, 't');
    expect(waits).toEqual([700]);
  });

  it('after the last retry, dead-letters the message with every attempt and reports it failed', async () => {
    const unavailable = new ProviderRejected('sendgrid', 503, 'service unavailable');
    const email = new FakeSender('sendgrid', 'email', unavailable, unavailable, unavailable, unavailable);
    const { deliver, deadLetters, ledger, publisher } = setUp(email);
    const result = await deliver.execute(message, 't');
    expect(result).toMatchObject({ status: 'failed', failureReason: 'gave up after 3 attempts: sendgrid rejected the message with 503: service unavailable' });
    expect(deadLetters.letters).toHaveLength(1);
    expect(deadLetters.letters[0].history.map((attempt) => [attempt.attempt, attempt.outcome, attempt.status])).toEqual([
      [1, 'retryable', 503],
      [2, 'retryable', 503],
      [3, 'retryable', 503],
    ]);
    expect(ledger.statusOf(message.eventId)).toBe('failed');
    await deliver.execute(message, 't');
    expect(email.delivered).toEqual([]);
    expect(deadLetters.letters).toHaveLength(1);
    expect(publisher.results().map((published) => published.eventId)).toEqual([result.eventId, result.eventId]);
  });

  it('rethrows an unexpected error for the consumer, and resends email on its retry (at-least-once)', async () => {
    const failure = new TypeError('fetch failed');
    const email = new FakeSender('sendgrid', 'email', failure);
    const { publisher, deliver, ledger } = setUp(email);
    await expect(deliver.execute(message, 't')).rejects.toBe(failure);
    expect(publisher.messages).toEqual([]);
    expect(ledger.statusOf(message.eventId)).toBe('sending');
    expect(await deliver.execute(message, 't')).toMatchObject({ status: 'sent', provider: 'sendgrid' });
    expect(email.delivered).toHaveLength(1);
  });

  it('does not resend an SMS whose send was interrupted (at-most-once), and reports it sent with the doubt', async () => {
    const sms = new FakeSender('twilio', 'sms');
    const { deliver, ledger } = setUp(sms);
    ledger.crashMidSend(message.eventId, 'sms');
    const result = await deliver.execute({ ...message, channel: 'sms' }, 't');
    expect(sms.delivered).toEqual([]);
    expect(result).toMatchObject({ status: 'sent', provider: 'twilio', channel: 'sms' });
    expect(result.failureReason).toMatch(/^outcome unknown, not resent \(at-most-once for sms\)/);
    expect(ledger.statusOf(message.eventId)).toBe('sent');
  });

  it('stops at an SMS timeout instead of retrying it (at-most-once), but retries an email timeout', async () => {
    const timeout = (provider: string) => new ProviderRejected(provider, 0, 'timeout of 5000ms exceeded', { inDoubt: true });
    const sms = new FakeSender('twilio', 'sms', timeout('twilio'));
    const email = new FakeSender('sendgrid', 'email', timeout('sendgrid'));
    const { deliver } = setUp(sms, email);
    expect(await deliver.execute({ ...message, channel: 'sms' }, 't')).toMatchObject({ status: 'sent', failureReason: expect.stringContaining('timeout') });
    expect(sms.delivered).toEqual([]);
    expect(await deliver.execute({ ...message, eventId: '0b8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' }, 't')).toMatchObject({ status: 'sent', failureReason: undefined });
    expect(email.delivered).toHaveLength(1);
  });

  it('resends after a crash when the sender de-duplicates by message id, whatever the policy', async () => {
    const outbox: ChannelSender = { provider: 'local-outbox', channel: 'sms', idempotent: true, send: async () => ({ provider: 'local-outbox' }) };
    const { deliver, ledger } = setUp(outbox);
    ledger.crashMidSend(message.eventId, 'sms');
    expect(await deliver.execute({ ...message, channel: 'sms' }, 't')).toMatchObject({ status: 'sent', failureReason: undefined });
  });

  it('falls back to the campaign’s next channel when the first fails for good', async () => {
    const email = new FakeSender('sendgrid', 'email', new ProviderRejected('sendgrid', 400, 'hard bounce'));
    const sms = new FakeSender('twilio', 'sms');
    const { deliver } = setUp(email, sms);
    const result = await deliver.execute({ ...message, fallbackChannels: ['sms'] }, 't');
    expect(result).toMatchObject({ status: 'sent', channel: 'sms', provider: 'twilio' });
    expect(sms.delivered.map((sent) => sent.channel)).toEqual(['sms']);
  });

  it('does not fall back without the campaign’s leave, nor to a channel without an address', async () => {
    const bounce = () => new ProviderRejected('sendgrid', 400, 'hard bounce');
    const sms = new FakeSender('twilio', 'sms');
    const { deliver } = setUp(new FakeSender('sendgrid', 'email', bounce(), bounce()), sms);
    expect(await deliver.execute(message, 't')).toMatchObject({ status: 'failed', channel: 'email' });
    const noPhone = { ...message, eventId: '1b8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', recipient: { email: 'ana@example.com' }, fallbackChannels: ['sms' as const] };
    expect(await deliver.execute(noPhone, 't')).toMatchObject({ status: 'failed', channel: 'email' });
    expect(sms.delivered).toEqual([]);
  });

  it('reports failed when no provider serves the channel', async () => {
    const { deliver, ledger } = setUp(new FakeSender('sendgrid', 'email'));
    const result = await deliver.execute({ ...message, channel: 'sms' }, 't');
    expect(result).toMatchObject({ status: 'failed', provider: 'none', failureReason: 'no provider configured for channel sms' });
    expect(ledger.statusOf(message.eventId)).toBe('failed');
  });

  it('opens an engagement row for the sent message, with its recipient, for the results that follow', async () => {
    const { deliver, engagement } = setUp(new FakeSender('twilio', 'sms'));
    await deliver.execute({ ...message, channel: 'sms' }, 't');
    expect(engagement.rows.get(message.eventId)).toEqual({
      messageId: message.eventId,
      customerId: 'cust-42',
      campaignId: 'at-risk-win-back',
      campaignVersion: 1,
      variant: 'VariantB',
      channel: 'sms',
      provider: 'twilio',
      providerMessageId: 'twilio-1',
      recipient: '+34600111222',
      status: 'sent',
      stage: 'sent',
      discountReservedCents: 2_400,
      failureReason: undefined,
      sentAt: now.toISOString(),
      clickCount: 0,
      revenueCents: 0,
    });
  });

  it('reports a failed send with stage failed and no sentAt, and opens its row as failed', async () => {
    const { deliver, engagement } = setUp(new FakeSender('sendgrid', 'email', new ProviderRejected('sendgrid', 400, 'invalid address')));
    const result = await deliver.execute(message, 't');
    expect(result).toMatchObject({ status: 'failed', stage: 'failed' });
    expect(result.sentAt).toBeUndefined();
    expect(engagement.rows.get(message.eventId)).toMatchObject({ status: 'failed', stage: 'failed', sentAt: undefined });
  });

  it('sends the content with its links tracked', async () => {
    const email = new FakeSender('sendgrid', 'email');
    const deliver = new DeliverMessage(new InMemorySendLedger(), new SenderRegistry([email]), new RecordingPublisher(), () => now, { links: markingLinks });
    await deliver.execute(message, 't');
    expect(email.delivered.map((sent) => sent.content.text)).toEqual([`${message.content.text} [tracked]`]);
  });
});
