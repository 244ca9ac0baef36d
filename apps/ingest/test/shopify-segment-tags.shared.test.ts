import { deadLetterTopicOf, newEventId, SEGMENT_CHANGED_SCHEMA_VERSION, Topics, type Segment, type SegmentChanged } from '@syncengage/contracts';
import { encodeEvent } from '@syncengage/kafka';
import { createRuntime, type RunningService } from '@syncengage/runtime';
import {
  collectMessages, createFreshDatabase, createTestKafka, createTopics, startGroupAtTopicEnd, testKafkaBrokers, waitFor,
  type FreshDatabase, type MessageCollector,
} from '@syncengage/testing';
import { Partitioners, type Producer } from 'kafkajs';
import { loadIngestConfig } from '../src/config';
import { startIngest } from '../src/start-ingest';
import { ShopifyGraphqlFake, type FakeCustomer } from './support/shopify-graphql-fake';

const TOKEN = 'shpat_segment_tags_test';
const DEAD_LETTERS = deadLetterTopicOf(Topics.SegmentChanged);

/**
 * The running ingest service with SYNCENGAGE_CRM_PROVIDER=shopify, consuming segment-changed from the real
 * broker and tagging customers in a fake Admin API that validates every query against Shopify's published schema.
 * Every event goes to partition 0, so the service handles them in the order sent and a later event being done
 * means every earlier one is.
 */
describe('the ingest service writing segment changes back to Shopify as tags', () => {
  const brokers = testKafkaBrokers();
  const run = Math.random().toString(36).slice(2, 8);
  let fake: ShopifyGraphqlFake;
  let database: FreshDatabase;
  let producer: Producer;
  let deadLetters: MessageCollector;
  let service: RunningService | undefined;

  const change = (customer: FakeCustomer | string, previousSegment: Segment | null, segment: Segment | null): SegmentChanged => ({
    eventId: newEventId(),
    occurredAt: new Date().toISOString(),
    customerId: typeof customer === 'string' ? customer : String(customer.id),
    eventType: 'segment-changed',
    schemaVersion: SEGMENT_CHANGED_SCHEMA_VERSION,
    previousSegment,
    segment,
    reason: 'churn score crossed the threshold',
  });
  const publish = async (...events: SegmentChanged[]) => {
    for (const event of events) {
      const { key, value, headers } = encodeEvent(Topics.SegmentChanged, event, newEventId());
      await producer.send({ topic: Topics.SegmentChanged, acks: -1, messages: [{ key, value, headers, partition: 0 }] });
    }
  };
  const tagsOf = (customer: FakeCustomer) => fake.customers.get(customer.id)!.tags;
  const writes = () => fake.log.filter((entry) => entry.operation === 'TagsAdd' || entry.operation === 'TagsRemove');
  const settled = (customer: FakeCustomer, tags: string[], description: string) =>
    waitFor(() => JSON.stringify(tagsOf(customer)) === JSON.stringify(tags), { description, timeoutMs: 30_000 });

  beforeAll(async () => {
    fake = await ShopifyGraphqlFake.start({ accessToken: TOKEN, bucket: { maximumAvailable: 100_000, restoreRate: 50_000 } });
    database = await createFreshDatabase('ingest_segment_tags');
    await createTopics(brokers, [Topics.SegmentChanged, DEAD_LETTERS, Topics.CustomerUpdated]);
    const groupId = `ingest-segment-tags-${run}`;
    // A new group would read the topic from its start: every earlier run's events, for customers this fake never had.
    await startGroupAtTopicEnd(brokers, groupId, Topics.SegmentChanged);
    deadLetters = await collectMessages(brokers, DEAD_LETTERS, { fromBeginning: false });
    // Every message names its partition, so the partitioner never runs.
    producer = createTestKafka(brokers, `segment-tags-${run}`).producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const config = loadIngestConfig({
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_GROUP_ID: groupId,
      DATABASE_URL: database.url,
      INGEST_HTTP_PORT: '0',
      LOG_LEVEL: 'error',
      SYNCENGAGE_CRM_PROVIDER: 'shopify',
      SHOPIFY_SHOP_URL: 'syncengage-tags.myshopify.com',
      SHOPIFY_ACCESS_TOKEN: TOKEN,
      SHOPIFY_API_BASE_URL: fake.url,
      CRM_SYNC_INTERVAL_MS: '0',
    });
    expect(config.shopifySource.writeSegmentTags).toBe(true);
    service = await startIngest(config, await createRuntime(config.infrastructure));
  }, 90_000);

  afterAll(async () => {
    await service?.close();
    await producer?.disconnect();
    await deadLetters?.stop();
    await database?.drop();
    await fake?.close();
  });

  it('tags the customer with the new segment and takes the old segment tag off, keeping the store\'s own tags', async () => {
    const customer = fake.addCustomer({ email: `tags-${run}@example.com`, tags: ['vip-club'] });
    await publish(change(customer, null, 'New'));
    await settled(customer, ['vip-club', 'syncengage:New'], 'the first segment tag');

    await publish(change(customer, 'New', 'At-Risk'));
    await settled(customer, ['vip-club', 'syncengage:At-Risk'], 'the new segment tag in place of the old');

    await publish(change(customer, 'At-Risk', null));
    await settled(customer, ['vip-club'], 'no segment tag once the customer is in no segment');
  }, 60_000);

  it('changes nothing in Shopify when a change is delivered again', async () => {
    const customer = fake.addCustomer({ tags: [] });
    const marker = fake.addCustomer({ tags: [] });
    const moved = change(customer, 'New', 'VIP');
    await publish(change(customer, null, 'New'), moved);
    await settled(customer, ['syncengage:VIP'], 'the customer moved to VIP');
    const writesBefore = writes().length;

    await publish(moved, moved, change(marker, null, 'Dormant'));
    await settled(marker, ['syncengage:Dormant'], 'the event sent after the redeliveries');

    expect(tagsOf(customer)).toEqual(['syncengage:VIP']);
    expect(writes().slice(writesBefore).map((entry) => entry.operation)).toEqual(['TagsAdd']); // the marker's, and nothing else
  }, 60_000);

  it('skips customers Shopify does not have instead of dead-lettering them, while a malformed event is dead-lettered', async () => {
    const marker = fake.addCustomer({ tags: [] });
    const notShopify = `cust-${run}`;
    const unknownNumeric = '999999999999';
    const writesBefore = writes().length;
    await publish(change(notShopify, null, 'VIP'), change(unknownNumeric, null, 'VIP'));
    const poisonKey = `poison-${run}`;
    await producer.send({ topic: Topics.SegmentChanged, acks: -1, messages: [{ key: poisonKey, value: '{"eventType":"segment-changed"', partition: 0 }] });
    await publish(change(marker, null, 'At-Risk'));

    await settled(marker, ['syncengage:At-Risk'], 'the event sent after the unknown customers');
    await waitFor(() => deadLetters.messages.some((message) => message.key === poisonKey), { description: 'the malformed event dead-lettered', timeoutMs: 30_000 });
    expect(deadLetters.messages.filter((message) => message.key === notShopify || message.key === unknownNumeric)).toEqual([]);
    expect(writes().slice(writesBefore).map((entry) => entry.operation)).toEqual(['TagsAdd']);
  }, 60_000);

  it('retries through a Shopify outage and tags the customer once it is back', async () => {
    const customer = fake.addCustomer({ tags: ['wholesale', 'syncengage:New'] });
    fake.failNext('TagsAdd', 2);
    await publish(change(customer, 'New', 'Dormant'));

    await settled(customer, ['wholesale', 'syncengage:Dormant'], 'the tag written after the outage');
    expect(fake.log.filter((entry) => entry.operation === 'TagsAdd').slice(-3).map((entry) => entry.outcome)).toEqual(['unavailable', 'unavailable', 'ok']);
    expect(deadLetters.messages.filter((message) => message.key === String(customer.id))).toEqual([]);
  }, 60_000);
});
