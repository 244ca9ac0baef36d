import { createAdminApiClient } from '@shopify/admin-api-client';
import type { CustomerUpdated } from '@syncengage/contracts';
import { testKafkaBrokers, waitFor } from '@syncengage/testing';
import { BadCredentials, ConnectorError } from '../src/application/connector-errors';
import { TagCustomerSegment } from '../src/application/tag-customer-segment';
import { createConnector } from '../src/adapters/connectors/create-connector';
import { ShopifyConnector } from '../src/adapters/connectors/shopify/shopify-connector';
import { loadIngestConfig } from '../src/config';
import { ShopifyGraphqlFake, type FakeCustomer, type FakeOrder } from './support/shopify-graphql-fake';
import { openSyncHarness, type SyncHarness } from './support/sync-harness';

const TOKEN = 'shpat_syncengage_test';
const STORE = 'syncengage-test.myshopify.com';
const FAST_RETRY = { attempts: 3, firstDelayMs: 10, maxDelayMs: 200 };
/** Large enough that only the throttling tests meet the bucket's floor. */
const ROOMY_BUCKET = { maximumAvailable: 100_000, restoreRate: 50_000 };

/**
 * The Shopify connector through Shopify's official client, against a fake Admin API that validates each
 * query against the published schema (../shared/specs/shopify), publishing to the real broker with
 * checkpoints in real PostgreSQL.
 */
describe('the Shopify connector against a schema-validating Admin GraphQL API', () => {
  const brokers = testKafkaBrokers();
  let harness: SyncHarness;
  // The store's clock runs a day behind ours, so every change is older than the sync's settle margin.
  let storeNowMs = Date.now() - 86_400_000;
  const tick = (ms = 1_000) => (storeNowMs += ms);

  beforeAll(async () => {
    harness = await openSyncHarness(brokers, { databaseName: 'ingest_shopify_own', clientId: `shopify-test-${Date.now()}`, retry: FAST_RETRY });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  const eventsOf = (fake: ShopifyGraphqlFake): CustomerUpdated[] =>
    harness.updates.messages.filter((message) => fake.customers.has(Number(message.key))).map((message) => JSON.parse(message.value));
  const configuredConnector = (fake: ShopifyGraphqlFake, token = TOKEN) =>
    createConnector(
      loadIngestConfig({
        SYNCENGAGE_CRM_PROVIDER: 'shopify', SHOPIFY_SHOP_URL: STORE, SHOPIFY_ACCESS_TOKEN: token, SHOPIFY_API_BASE_URL: fake.url,
        CRM_PAGE_SIZE: '100', CRM_SYNC_SETTLE_MS: '0',
      }),
    );

  describe('a store of 450 customers, a third of them with an order', () => {
    const CUSTOMERS = 450;
    let fake: ShopifyGraphqlFake;
    let customers: FakeCustomer[];
    let orders: FakeOrder[];

    beforeAll(async () => {
      fake = await ShopifyGraphqlFake.start({ accessToken: TOKEN, now: () => storeNowMs, bucket: ROOMY_BUCKET });
      customers = Array.from({ length: CUSTOMERS }, (_, i) => {
        if (i % 7 === 0) tick(); // several customers share a second, as in a bulk import into Shopify
        return fake.addCustomer({
          firstName: `Name${i}`, lastName: 'Buyer', email: `c${i}@example.com`, emailState: i % 2 ? 'NOT_SUBSCRIBED' : 'SUBSCRIBED',
          country: 'US', timeZone: 'America/New_York', locale: 'en', tags: i % 10 === 0 ? ['vip'] : [],
        });
      });
      orders = customers.filter((_, i) => i % 3 === 0).map((customer, i) => fake.addOrder({ customerId: customer.id, amount: `${20 + i}.50`, currency: 'USD' }));
      fake.addOrder({ amount: '9.99', currency: 'USD' }); // a guest checkout: nobody to attribute it to
      tick();
    }, 30_000);

    afterAll(() => fake?.close());

    it('imports every customer and order once, resuming an interrupted import from its checkpoint', async () => {
      const interrupted = await harness.syncOf(configuredConnector(fake)).run('import', undefined, 2);
      expect(interrupted).toEqual({ published: 200, pages: 2 });
      const resumed = await harness.syncOf(configuredConnector(fake)).run('import');
      expect(resumed.published).toBe(CUSTOMERS - 200 + orders.length); // nothing read twice, nothing skipped
      await waitFor(() => eventsOf(fake).length >= CUSTOMERS + orders.length, { description: 'every customer and order on Kafka', timeoutMs: 30_000 });

      const events = eventsOf(fake);
      expect(events).toHaveLength(CUSTOMERS + orders.length);
      expect(new Set(events.filter((e) => e.change === 'profile_updated').map((e) => e.customerId)).size).toBe(CUSTOMERS);
      const first = customers[0];
      expect(events.find((e) => e.customerId === String(first.id) && e.change === 'profile_updated')).toMatchObject({
        source: 'shopify',
        profile: { email: 'c0@example.com', firstName: 'Name0', lastName: 'Buyer', country: 'US', locale: 'en', timeZone: 'America/New_York', emailConsent: true },
        attributes: { tags: ['vip'], totalSpentCents: 2_050, totalSpentCurrency: 'USD', numberOfOrders: 1 },
      });
      expect(events.find((e) => e.customerId === String(first.id) && e.change === 'purchase_made')).toMatchObject({
        purchase: { orderId: String(orders[0].id), amountCents: 2_050, currency: 'USD' },
      });
      expect(events.find((e) => e.customerId === String(customers[1].id))).toMatchObject({ profile: { emailConsent: false }, attributes: { tags: [], numberOfOrders: 0 } });
      // Every query the connector sent passed validation against the published schema.
      expect(new Set(fake.log.map((entry) => entry.outcome))).toEqual(new Set(['ok']));
      expect(new Set(fake.log.map((entry) => entry.operation))).toEqual(new Set(['CustomersPage', 'OrdersPage']));
    }, 60_000);

    it('then syncs only what changed since (a cancelled order is not a purchase), and nothing the second time', async () => {
      const before = eventsOf(fake).length;
      tick();
      fake.updateCustomer(customers[1].id, { firstName: 'Renamed' });
      fake.updateCustomer(customers[2].id, { tags: ['wholesale'] });
      tick();
      const order = fake.addOrder({ customerId: customers[4].id, amount: '75.00', currency: 'USD' });
      fake.cancelOrder(orders[2].id); // read again by the sync, but a cancelled order is no purchase
      tick();
      expect(await harness.syncOf(configuredConnector(fake)).run('changes')).toEqual({ published: 4, pages: 2 });
      expect(await harness.syncOf(configuredConnector(fake)).run('changes')).toEqual({ published: 0, pages: 2 });
      await waitFor(() => eventsOf(fake).length >= before + 4, { description: 'the four changes' });
      const changed = eventsOf(fake).slice(before);
      expect(changed.map((e) => `${e.customerId}:${e.change}`).sort()).toEqual(
        [`${customers[1].id}:profile_updated`, `${customers[2].id}:profile_updated`, `${customers[4].id}:profile_updated`, `${customers[4].id}:purchase_made`].sort(),
      );
      expect(changed.find((e) => e.customerId === String(customers[1].id))).toMatchObject({ profile: { firstName: 'Renamed' } });
      expect(changed.find((e) => e.change === 'purchase_made')).toMatchObject({ purchase: { orderId: String(order.id), amountCents: 7_500 } });
      expect(changed.find((e) => e.customerId === String(customers[4].id) && e.change === 'profile_updated')).toMatchObject({ attributes: { totalSpentCents: 7_500, numberOfOrders: 1 } });
    });

    it('writes a segment tag back to the customer, keeping the others, and the next sync carries it', async () => {
      const connector = configuredConnector(fake) as ShopifyConnector;
      const before = eventsOf(fake).length;
      tick();
      expect(await new TagCustomerSegment(connector).execute(String(customers[0].id), 'at-risk')).toEqual({ tagged: true, tag: 'syncengage:at-risk' });
      expect(fake.customers.get(customers[0].id)?.tags).toEqual(['vip', 'syncengage:at-risk']);
      tick();
      expect(await harness.syncOf(connector).run('changes')).toEqual({ published: 1, pages: 2 });
      await waitFor(() => eventsOf(fake).length > before, { description: 'the tagged customer' });
      expect(eventsOf(fake).slice(before)[0]).toMatchObject({ customerId: String(customers[0].id), attributes: { tags: ['vip', 'syncengage:at-risk'] } });
      expect(fake.log.filter((entry) => entry.operation === 'TagsAdd').map((entry) => entry.outcome)).toEqual(['ok']);
    });

    it('reports Shopify\'s refusal to tag a customer that does not exist, without retrying', async () => {
      const failure = await new TagCustomerSegment(configuredConnector(fake) as ShopifyConnector).execute('1', 'at-risk').catch((error) => error);
      expect(failure).toBeInstanceOf(ConnectorError);
      expect(failure.retryable).toBe(false);
      expect(failure.message).toMatch(/could not tag customer 1: id Customer does not exist/);
    });

    it('looks a customer and an order up by id', async () => {
      const connector = configuredConnector(fake);
      expect(await connector.lookUp('customers', String(customers[3].id))).toMatchObject({
        kind: 'customer', id: String(customers[3].id), profile: { email: 'c3@example.com' }, attributes: { totalSpentCents: 2_150, numberOfOrders: 1 },
      });
      expect(await connector.lookUp('orders', String(orders[1].id))).toMatchObject({ kind: 'order', customerId: String(customers[3].id), amountCents: 2_150 });
      expect(await connector.lookUp('customers', '1')).toBeUndefined();
    });

    it('reads one customer\'s order history across pages, oldest first', async () => {
      const buyer = fake.addCustomer({ email: 'loyal@example.com' });
      const placed = [3, 1, 2].map((daysAgo) => fake.addOrder({ customerId: buyer.id, amount: `${daysAgo}0.00`, currency: 'EUR', processedAtMs: storeNowMs - daysAgo * 86_400_000 }));
      const twoPerPage = new ShopifyConnector({ storeDomain: STORE, accessToken: TOKEN, apiVersion: '2026-10', baseUrl: fake.url, pageSize: 2, settleMs: 0 });
      const history = await twoPerPage.fetchOrderHistory(String(buyer.id));
      expect(history.map((order) => order.kind === 'order' && [order.id, order.amountCents, order.currency])).toEqual([
        [String(placed[0].id), 3_000, 'EUR'], [String(placed[2].id), 2_000, 'EUR'], [String(placed[1].id), 1_000, 'EUR'],
      ]);
      expect(fake.log.filter((entry) => entry.operation === 'CustomerOrders').map((entry) => entry.outcome)).toEqual(['ok', 'ok']);
      expect(await twoPerPage.fetchOrderHistory('1')).toEqual([]);
    });

    it('refuses a wrong access token at once with what to fix, without retrying', async () => {
      const unauthorizedBefore = fake.log.filter((entry) => entry.outcome === 'unauthorized').length;
      const failure = await harness.syncOf(configuredConnector(fake, 'shpat_revoked')).run('changes').catch((error) => error);
      expect(failure).toBeInstanceOf(BadCredentials);
      expect(failure.retryable).toBe(false);
      expect(failure.message).toMatch(/SHOPIFY_ACCESS_TOKEN/);
      expect(fake.log.filter((entry) => entry.outcome === 'unauthorized').length).toBe(unauthorizedBefore + 1);
    });

    it('is checked by a server that refuses queries the published schema does not allow', async () => {
      const client = createAdminApiClient({
        storeDomain: STORE, apiVersion: '2026-10', accessToken: TOKEN,
        customFetchApi: (url, init) => fetch(String(url).replace(/^https:\/\/[^/]+/, fake.url), init),
      });
      const { errors } = await client.request('query { customers(first: 1) { nodes { id notAField } } }');
      expect(errors?.graphQLErrors?.[0]?.message).toMatch(/Cannot query field "notAField" on type "Customer"/);
      const wrongType = await client.request('mutation { tagsAdd(id: "gid://shopify/Customer/1", tags: "one") { userErrors { message } } }');
      expect(wrongType.errors).toBeUndefined(); // GraphQL coerces one string to a list, as Shopify does
      const missingArgument = await client.request('mutation { tagsAdd(tags: ["x"]) { userErrors { message } } }');
      expect(missingArgument.errors?.graphQLErrors?.[0]?.message).toMatch(/argument "id" of type "ID!" is required/);
      const noQuery = await fetch(`${fake.url}/admin/api/2026-10/graphql.json`, { method: 'POST', headers: { 'x-shopify-access-token': TOKEN }, body: '{"variables":{}}' });
      expect(noQuery.status).toBe(400);
    });
  });

  describe('cost-based throttling', () => {
    const CUSTOMERS = 200;
    const PAGE = 20; // 2 + 20 × 5 = 102 points a page
    let fake: ShopifyGraphqlFake;

    beforeAll(async () => {
      fake = await ShopifyGraphqlFake.start({ accessToken: TOKEN, now: () => storeNowMs });
      for (let i = 0; i < CUSTOMERS; i += 1) fake.addCustomer({ email: `t${i}@example.com` });
      tick();
    });

    afterAll(() => fake?.close());

    const smallPages = () => new ShopifyConnector({ storeDomain: STORE, accessToken: TOKEN, apiVersion: '2026-10', baseUrl: fake.url, pageSize: PAGE, settleMs: 0 });

    it('waits for the bucket to hold a query\'s cost instead of being throttled', async () => {
      fake.setBucket({ maximumAvailable: 250, restoreRate: 200 });
      const connector = smallPages();
      let cursor: string | undefined;
      let read = 0;
      for (let done = false; !done; ) {
        const page = await connector.fetchPage('customers', cursor);
        read += page.records.length;
        cursor = page.checkpoint;
        done = page.done;
      }
      expect(read).toBe(CUSTOMERS);
      const pages = fake.log.filter((entry) => entry.operation === 'CustomersPage');
      const spent = pages.reduce((sum, entry) => sum + (entry.requestedCost ?? 0), 0);
      expect(spent).toBeGreaterThan(4 * 250); // four times the bucket: without waiting, Shopify would have throttled
      expect(pages.map((entry) => entry.outcome)).not.toContain('throttled');
    }, 30_000);

    it('retries a THROTTLED answer once the points have been restored', async () => {
      fake.setBucket({ maximumAvailable: 250, restoreRate: 200 }, 0);
      const before = fake.log.length;
      const page = await smallPages().fetchPage('customers', undefined);
      expect(page.records).toHaveLength(PAGE);
      expect(fake.log.slice(before).map((entry) => entry.outcome)).toEqual(['throttled', 'ok']);
    }, 30_000);
  });

  describe('import throughput', () => {
    const CUSTOMERS = 2_000;
    let fake: ShopifyGraphqlFake;

    beforeAll(async () => {
      fake = await ShopifyGraphqlFake.start({ accessToken: TOKEN, now: () => storeNowMs, bucket: ROOMY_BUCKET });
      for (let i = 0; i < CUSTOMERS; i += 1) {
        if (i % 50 === 0) tick();
        const customer = fake.addCustomer({ firstName: `Bulk${i}`, email: `bulk${i}@example.com`, country: 'GB' });
        if (i % 2 === 0) fake.addOrder({ customerId: customer.id, amount: '12.00', currency: 'GBP' });
      }
      tick();
    });

    afterAll(() => fake?.close());

    it('imports 2,000 customers and their 1,000 orders onto Kafka, reporting customers per second', async () => {
      const startedAt = Date.now();
      const report = await harness.syncOf(configuredConnector(fake)).run('import');
      await waitFor(() => eventsOf(fake).length >= CUSTOMERS * 1.5, { description: 'every record on Kafka', timeoutMs: 60_000 });
      const seconds = (Date.now() - startedAt) / 1000;
      expect(report).toEqual({ published: CUSTOMERS * 1.5, pages: 30 });
      process.stdout.write(`shopify import (fake Admin API, no throttling): ${CUSTOMERS} customers + ${CUSTOMERS / 2} orders in ${seconds.toFixed(2)} s = ${Math.round(CUSTOMERS / seconds)} customers/s, ${Math.round(report.published / seconds)} records/s\n`);
    }, 120_000);
  });
});
