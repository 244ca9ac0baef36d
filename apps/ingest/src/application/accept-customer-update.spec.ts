import { decodeCustomerUpdated, EventHeaders, Topics, type EventOf, type Topic } from '@syncengage/contracts';
import { RecordingEventPublisher as RecordingPublisher, type EventPublisher } from '@syncengage/kafka';
import { AcceptCustomerUpdate } from './accept-customer-update';
import { MemoryWebhookReceipts } from '../adapters/memory/memory-webhook-receipts';

const eventId = '0b7e9f3a-3c1e-4b7a-9d2f-6a1e2b3c4d5e';
const now = new Date('2025-03-01T10:00:00.000Z');

function setUp() {
  const publisher = new RecordingPublisher();
  const accept = new AcceptCustomerUpdate(publisher, () => eventId, () => now);
  return { publisher, accept };
}

describe('AcceptCustomerUpdate', () => {
  it('publishes one customer-updated keyed by the customer id and answers with its event id', async () => {
    const { publisher, accept } = setUp();
    const outcome = await accept.execute(
      { customer_id: 'cust-42', event: 'purchase_made', data: { order_id: 'ord-1', amount: 49.99, email: 'ana@example.com' } },
      'trace-1',
    );
    expect(outcome).toEqual({ accepted: true, eventId, duplicate: false });
    expect(publisher.messages).toHaveLength(1);
    const [message] = publisher.messages;
    expect(message).toMatchObject({ topic: Topics.CustomerUpdated, key: 'cust-42', headers: { [EventHeaders.TraceId]: 'trace-1' } });
    expect(decodeCustomerUpdated(JSON.parse(message.value.toString('utf8')))).toMatchObject({
      eventId,
      customerId: 'cust-42',
      occurredAt: now.toISOString(),
      change: 'purchase_made',
      purchase: { orderId: 'ord-1', amountCents: 4_999, currency: 'USD' },
      profile: { email: 'ana@example.com' },
    });
  });

  it.each([
    { case: 'a string amount', body: { customer_id: 'c', event: 'purchase_made', data: { order_id: 'o', amount: '49.99' } }, problems: ['data.amount: Expected number, received string'] },
    { case: 'a bad email and a bad phone', body: { customer_id: 'c', event: 'profile_updated', data: { email: 'x', phone: '123' } }, problems: ['data.email: Invalid email', 'data.phone: must be an E.164 phone number like +15558675310'] },
    { case: 'no customer id', body: { event: 'customer_created' }, problems: ['customer_id: Required'] },
    { case: 'not an object', body: 'purchase_made', problems: [expect.stringMatching(/^\(root\): /)] },
  ])('refuses a body with $case, naming each field, and publishes nothing', async ({ body, problems }) => {
    const { publisher, accept } = setUp();
    expect(await accept.execute(body, 'trace-1')).toEqual({ accepted: false, problems });
    expect(publisher.messages).toEqual([]);
  });

  it('lets a failed publish reject, so the edge answers "retry later" instead of claiming it was stored', async () => {
    const failing: EventPublisher = {
      publish: async () => {
        throw new Error('broker unavailable');
      },
      publishRaw: async () => undefined,
    };
    const accept = new AcceptCustomerUpdate(failing, () => eventId, () => now);
    await expect(accept.execute({ customer_id: 'c', event: 'customer_created' }, 'trace-1')).rejects.toThrow('broker unavailable');
  });
});

describe('AcceptCustomerUpdate with a delivery id', () => {
  const body = { customer_id: 'cust-42', event: 'customer_created', data: { email: 'ana@example.com' } };

  function withReceipts() {
    const publisher = new RecordingPublisher();
    const receipts = new MemoryWebhookReceipts();
    return { publisher, receipts, accept: new AcceptCustomerUpdate(publisher, () => eventId, () => now, receipts) };
  }

  it('publishes the first delivery once and answers a replay with the same event id, publishing nothing', async () => {
    const { publisher, accept } = withReceipts();
    const first = await accept.execute(body, 'trace-1', 'evt-1');
    const replay = await accept.execute(body, 'trace-2', 'evt-1');
    expect(first).toEqual({ accepted: true, eventId: expect.stringMatching(/^[0-9a-f-]{36}$/), duplicate: false });
    expect(replay).toEqual({ ...first, duplicate: true });
    expect(publisher.messages).toHaveLength(1);
  });

  it('forgets the delivery when publishing fails, so the partner\'s retry is published', async () => {
    const receipts = new MemoryWebhookReceipts();
    let fail = true;
    const publisher = new RecordingPublisher();
    const flaky: EventPublisher = {
      publish: async (topic, event, trace) => {
        if (fail) throw new Error('broker unavailable');
        await publisher.publish(topic, event, trace);
      },
      publishRaw: async () => undefined,
    };
    const accept = new AcceptCustomerUpdate(flaky, () => eventId, () => now, receipts);
    await expect(accept.execute(body, 'trace-1', 'evt-2')).rejects.toThrow('broker unavailable');
    fail = false;
    expect(await accept.execute(body, 'trace-1', 'evt-2')).toMatchObject({ accepted: true, duplicate: false });
    expect(publisher.messages).toHaveLength(1);
  });
});

describe('AcceptCustomerUpdate with absurd amounts', () => {
  it('refuses an amount too large to count in cents as a bad body instead of failing to publish', async () => {
    const publisher = new RecordingPublisher();
    const accept = new AcceptCustomerUpdate(publisher, () => eventId, () => now);
    const outcome = await accept.execute({ customer_id: 'c', event: 'purchase_made', data: { order_id: 'o', amount: 1e307 } }, 'trace-1');
    expect(outcome).toEqual({ accepted: false, problems: [expect.stringMatching(/^data\.amount: /)] });
    expect(publisher.messages).toEqual([]);
  });
});
