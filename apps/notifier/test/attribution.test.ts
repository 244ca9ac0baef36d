import { randomUUID } from 'node:crypto';
import { deriveEventId, Topics, type CustomerUpdated, type EventOf, type Topic } from '@syncengage/contracts';
import type { PgSqlClient } from '@syncengage/db';
import { PostgresEngagementStore } from '../src/adapters/postgres/postgres-engagement-store';
import { AttributePurchase } from '../src/application/attribute-purchase';
import { RecordEngagement } from '../src/application/record-engagement';
import type { Engagement } from '../src/domain/engagement';
import { openNotifierDatabase, type NotifierDatabase } from './support/notifier-database';
import { RecordingPublisher } from './support/recording-publisher';
import { aSentEngagement } from './support/sent-engagement';

/** Kafka that is down for the first publish, as when the notifier dies between its commit and its publish. */
class FailingOncePublisher extends RecordingPublisher {
  private failed = false;
  override async publish<T extends Topic>(topic: T, event: EventOf<T>, traceId: string): Promise<void> {
    if (!this.failed) {
      this.failed = true;
      throw new Error('broker unavailable');
    }
    await super.publish(topic, event, traceId);
  }
}

// The attribution use case on the real PostgreSQL engagement store; only Kafka is replaced by a recorder.
describe('purchase attribution', () => {
  let database: NotifierDatabase;
  let db: PgSqlClient;
  let store: PostgresEngagementStore;
  const now = new Date('2026-03-10T12:00:00.000Z');

  beforeAll(async () => {
    database = await openNotifierDatabase('notifier_attribution');
    db = database.db;
    store = new PostgresEngagementStore(db);
  });
  afterAll(async () => {
    await database?.close();
  });

  function attribution(windowHours = 72, publisher = new RecordingPublisher()) {
    return { attribute: new AttributePurchase(store, new RecordEngagement(store, publisher, () => now), windowHours), publisher };
  }

  async function anEngagedMessage(customerId: string, engaged: { openedAt?: string; clickedAt?: string }): Promise<Engagement> {
    // Sent days before the opens and clicks the tests give it.
    const engagement = aSentEngagement({ customerId, sentAt: '2026-03-01T09:00:00.000Z', ...engaged });
    await store.open(engagement);
    return engagement;
  }

  const purchase = (customerId: string, orderId: string, amountCents: number, orderedAt: string, change: CustomerUpdated['change'] = 'purchase_made'): CustomerUpdated => ({
    eventId: randomUUID(),
    occurredAt: orderedAt,
    customerId,
    eventType: 'customer-updated',
    schemaVersion: 1,
    source: 'shopify',
    change,
    purchase: { orderId, amountCents, currency: 'EUR', orderedAt },
    profile: {},
    attributes: {},
  });

  it('converts the message clicked most recently within the window, with the order as its revenue', async () => {
    const customer = `c-${randomUUID()}`;
    const older = await anEngagedMessage(customer, { openedAt: '2026-03-08T10:00:00.000Z' });
    const newer = await anEngagedMessage(customer, { openedAt: '2026-03-08T09:00:00.000Z', clickedAt: '2026-03-09T18:00:00.000Z' });
    const { attribute, publisher } = attribution();

    const outcome = await attribute.execute(purchase(customer, `o-${customer}`, 8_900, '2026-03-10T08:00:00.000Z'), 'trace-1');

    expect(outcome.state).toBe('recorded');
    expect(publisher.results()).toEqual([
      expect.objectContaining({
        messageId: newer.messageId,
        stage: 'converted',
        converted: true,
        opened: true,
        clicked: true,
        revenueImpactCents: 8_900,
        convertedAt: '2026-03-10T08:00:00.000Z',
        clickedAt: '2026-03-09T18:00:00.000Z',
      }),
    ]);
    expect(publisher.results().some((result) => result.messageId === older.messageId)).toBe(false);
  });

  it('credits nothing outside the window, and honours a shorter one', async () => {
    const customer = `c-${randomUUID()}`;
    await anEngagedMessage(customer, { openedAt: '2026-03-06T07:59:00.000Z' });
    const wide = attribution(72);
    const narrow = attribution(2);

    expect(await wide.attribute.execute(purchase(customer, `o1-${customer}`, 100, '2026-03-09T08:00:00.000Z'), 't')).toEqual({ state: 'unattributed' });
    expect(await narrow.attribute.execute(purchase(customer, `o2-${customer}`, 100, '2026-03-06T10:00:00.000Z'), 't')).toEqual({ state: 'unattributed' });
    expect(wide.publisher.messages).toHaveLength(0);
    expect(narrow.publisher.messages).toHaveLength(0);
  });

  it('ignores refunds and profile changes, and customers who engaged with nothing', async () => {
    const customer = `c-${randomUUID()}`;
    await anEngagedMessage(customer, { openedAt: '2026-03-10T07:00:00.000Z' });
    const { attribute, publisher } = attribution();

    expect(await attribute.execute(purchase(customer, `r-${customer}`, 100, '2026-03-10T08:00:00.000Z', 'purchase_refunded'), 't')).toEqual({ state: 'not-a-purchase' });
    expect(await attribute.execute(purchase(`nobody-${customer}`, `o-${customer}`, 100, '2026-03-10T08:00:00.000Z'), 't')).toEqual({ state: 'unattributed' });
    expect(publisher.messages).toHaveLength(0);
  });

  it('counts a redelivered order once, and a message converts only once', async () => {
    const customer = `c-${randomUUID()}`;
    const message = await anEngagedMessage(customer, { openedAt: '2026-03-10T07:00:00.000Z' });
    const { attribute, publisher } = attribution();
    const order = purchase(customer, `o-${customer}`, 5_000, '2026-03-10T08:00:00.000Z');

    await attribute.execute(order, 't');
    expect(await attribute.execute(order, 't')).toEqual({ state: 'duplicate' });
    expect(await attribute.execute(purchase(customer, `o2-${customer}`, 9_999, '2026-03-10T09:00:00.000Z'), 't')).toEqual({ state: 'recorded', result: undefined });

    expect(publisher.results().map((result) => [result.messageId, result.stage, result.revenueImpactCents])).toEqual([[message.messageId, 'converted', 5_000]]);
  });

  it('publishes a result that could not be published the first time when the purchase is redelivered, with the same id', async () => {
    const customer = `c-${randomUUID()}`;
    const message = await anEngagedMessage(customer, { clickedAt: '2026-03-10T07:00:00.000Z', openedAt: '2026-03-10T07:00:00.000Z' });
    const publisher = new FailingOncePublisher();
    const { attribute } = attribution(72, publisher);
    const order = purchase(customer, `o-${customer}`, 2_500, '2026-03-10T08:00:00.000Z');

    await expect(attribute.execute(order, 't')).rejects.toThrow('broker unavailable');
    expect(await attribute.execute(order, 't')).toEqual({ state: 'duplicate' });
    expect(await attribute.execute(order, 't')).toEqual({ state: 'duplicate' });

    expect(publisher.results()).toEqual([
      expect.objectContaining({ eventId: deriveEventId(message.messageId, 'campaign-result:converted'), stage: 'converted', revenueImpactCents: 2_500 }),
    ]);
    expect(publisher.messages[0]).toMatchObject({ topic: Topics.CampaignResult, key: customer });
  });
});
