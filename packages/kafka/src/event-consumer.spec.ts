import {
  decodeCustomerUpdated,
  deadLetterSchema,
  EventHeaders,
  Topics,
  type CustomerUpdated,
  type DeadLetter,
} from '@syncengage/contracts';
import type { ConsumedRecord } from './consumed-record';
import { EventConsumer, type EventConsumerOptions, type HandlingContext } from './event-consumer';
import type { EventPublisher } from './event-publisher';
import { InProcessBus } from './in-process-bus';
import { InProcessEventPublisher } from './in-process-event-publisher';
import { encodeEvent } from './outgoing-message';

const update: CustomerUpdated = {
  eventId: '0b7e9f3a-3c1e-4b7a-9d2f-6a1e2b3c4d5e',
  occurredAt: '2025-03-01T10:00:00.000Z',
  customerId: 'cust-42',
  eventType: 'customer-updated',
  schemaVersion: 1,
  source: 'webhook',
  change: 'profile_updated',
  profile: { email: 'ana@example.com' },
  attributes: {},
};

const failedAt = new Date('2025-03-01T10:05:00.000Z');
const DEAD_LETTERS = 'customer-updated.dead-letter';

function recordOf(value: Buffer, headers: Record<string, string> = { [EventHeaders.TraceId]: 'trace-7' }): ConsumedRecord {
  return { topic: Topics.CustomerUpdated, partition: 1, offset: '42', key: 'cust-42', headers, value };
}

const validRecord = (): ConsumedRecord => {
  const encoded = encodeEvent(Topics.CustomerUpdated, update, 'trace-7');
  return recordOf(encoded.value, encoded.headers);
};

/** A failure shaped like ours: a stable code and a retryable flag. */
const failure = (message: string, retryable?: boolean, code?: string): Error => Object.assign(new Error(message), { retryable, code });

function setUp(options: Partial<EventConsumerOptions> = {}) {
  const bus = new InProcessBus();
  const consumer = new EventConsumer(new InProcessEventPublisher(bus), {
    consumerGroup: 'syncengage-churn-scorer',
    maxAttempts: 4,
    initialRetryDelayMs: 1,
    maxRetryDelayMs: 5,
    now: () => failedAt,
    ...options,
  });
  const deadLetters = (): DeadLetter[] => bus.messages(DEAD_LETTERS).map((message) => deadLetterSchema.parse(JSON.parse(message.value.toString('utf8'))));
  const deadLetterMessages = () => bus.messages(DEAD_LETTERS);
  return { consumer, deadLetters, deadLetterMessages };
}

describe('EventConsumer', () => {
  it('hands the decoded event and the trace id to the handler and reports it handled', async () => {
    const { consumer, deadLetterMessages } = setUp();
    const received: Array<{ event: CustomerUpdated; traceId: string }> = [];
    const outcome = await consumer.consume(validRecord(), decodeCustomerUpdated, async (event, context: HandlingContext) => {
      received.push({ event, traceId: context.traceId });
    });
    expect(outcome).toEqual({ status: 'handled', attempts: 1 });
    expect(received).toEqual([{ event: update, traceId: 'trace-7' }]);
    expect(deadLetterMessages()).toEqual([]);
  });

  it('makes up a trace id when the record has none', async () => {
    const { consumer } = setUp();
    let traceId = '';
    await consumer.consume(recordOf(validRecord().value, {}), decodeCustomerUpdated, async (_, context) => {
      traceId = context.traceId;
    });
    expect(traceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('dead-letters bytes that are not JSON with the original bytes, and never calls the handler', async () => {
    const { consumer, deadLetters, deadLetterMessages } = setUp();
    const poison = Buffer.from([0x7b, 0xff, 0xfe, 0x00]);
    let calls = 0;
    const outcome = await consumer.consume(recordOf(poison), decodeCustomerUpdated, async () => {
      calls += 1;
    });
    expect(calls).toBe(0);
    expect(outcome).toMatchObject({ status: 'dead-lettered', attempts: 1, reason: expect.stringContaining('not JSON') });
    const [letter] = deadLetters();
    expect(Buffer.from(letter.valueBase64, 'base64').equals(poison)).toBe(true);
    expect(letter).toMatchObject({
      originalTopic: 'customer-updated',
      partition: 1,
      offset: '42',
      key: 'cust-42',
      errorCode: 'INVALID_EVENT',
      attempts: 1,
      consumerGroup: 'syncengage-churn-scorer',
      failedAt: failedAt.toISOString(),
      reason: expect.stringMatching(/^invalid customer-updated: \(root\): not JSON/),
    });
    expect(deadLetterMessages()[0]).toMatchObject({
      topic: DEAD_LETTERS,
      key: 'cust-42',
      headers: { 'x-trace-id': 'trace-7', 'x-dead-letter-code': 'INVALID_EVENT' },
    });
  });

  it('dead-letters an event that breaks its schema, naming the field', async () => {
    const { consumer, deadLetters } = setUp();
    const bad = Buffer.from(JSON.stringify({ ...update, change: 'purchase_made' }));
    let calls = 0;
    const outcome = await consumer.consume(recordOf(bad), decodeCustomerUpdated, async () => {
      calls += 1;
    });
    expect(calls).toBe(0);
    expect(outcome.status).toBe('dead-lettered');
    expect(deadLetters()).toEqual([
      expect.objectContaining({ errorCode: 'INVALID_EVENT', attempts: 1, reason: 'invalid customer-updated: purchase: required when change is purchase_made' }),
    ]);
  });

  it('dead-letters a failure that says it is not retryable after one attempt', async () => {
    const { consumer, deadLetters } = setUp({ maxAttempts: 5 });
    let calls = 0;
    const outcome = await consumer.consume(validRecord(), decodeCustomerUpdated, async () => {
      calls += 1;
      throw failure('customer cust-42 was erased', false, 'CUSTOMER_ERASED');
    });
    expect(calls).toBe(1);
    expect(outcome).toEqual({ status: 'dead-lettered', reason: 'customer cust-42 was erased', attempts: 1 });
    expect(deadLetters()).toEqual([expect.objectContaining({ errorCode: 'CUSTOMER_ERASED', attempts: 1 })]);
  });

  it('retries a retryable failure and reports it handled on the attempt that succeeds', async () => {
    const { consumer, deadLetterMessages } = setUp({ maxAttempts: 5 });
    let calls = 0;
    const outcome = await consumer.consume(validRecord(), decodeCustomerUpdated, async () => {
      calls += 1;
      if (calls < 3) throw failure('database timeout', true);
    });
    expect(outcome).toEqual({ status: 'handled', attempts: 3 });
    expect(deadLetterMessages()).toEqual([]);
  });

  it('treats an error without a retryable flag (a dropped connection) as retryable', async () => {
    const { consumer } = setUp({ maxAttempts: 5 });
    let calls = 0;
    const outcome = await consumer.consume(validRecord(), decodeCustomerUpdated, async () => {
      calls += 1;
      if (calls === 1) throw new Error('ECONNRESET');
    });
    expect(outcome).toEqual({ status: 'handled', attempts: 2 });
  });

  it('dead-letters a retryable failure that never succeeds after maxAttempts tries', async () => {
    const { consumer, deadLetters } = setUp({ maxAttempts: 4 });
    let calls = 0;
    const outcome = await consumer.consume(validRecord(), decodeCustomerUpdated, async () => {
      calls += 1;
      throw new Error(`provider down (try ${calls})`);
    });
    expect(calls).toBe(4);
    expect(outcome).toEqual({ status: 'dead-lettered', reason: 'provider down (try 4)', attempts: 4 });
    expect(deadLetters()).toEqual([expect.objectContaining({ errorCode: 'HANDLER_FAILED', attempts: 4, reason: 'provider down (try 4)' })]);
  });

  it('describes a thrown non-Error in the dead letter', async () => {
    const { consumer, deadLetters } = setUp({ maxAttempts: 1 });
    await consumer.consume(validRecord(), decodeCustomerUpdated, async () => {
      throw 'plain string failure';
    });
    expect(deadLetters()).toEqual([expect.objectContaining({ reason: 'plain string failure', errorCode: 'HANDLER_FAILED' })]);
  });

  it('rejects when even the dead letter cannot be written, so the transport redelivers', async () => {
    const unavailable: EventPublisher = {
      publish: async () => {
        throw new Error('broker unavailable');
      },
      publishRaw: async () => {
        throw new Error('broker unavailable');
      },
    };
    const consumer = new EventConsumer(unavailable, { consumerGroup: 'g', maxAttempts: 1 });
    await expect(
      consumer.consume(validRecord(), decodeCustomerUpdated, async () => {
        throw failure('bad', false);
      }),
    ).rejects.toThrow('broker unavailable');
  });
});
