import { ConnectorError } from '../../../application/connector-errors';
import type { CrmConnector, SourcePage, SourceRecord } from '../../../application/crm-connector';
import type { SegmentTagStore } from '../../../application/tag-customer-segment';
import { ShopifyAdminGraphql, SHOPIFY, type ShopifyAdminOptions, type ShopifyAdminSettings } from './shopify-admin-graphql';
import { advance, parseCheckpoint, scanOf, searchQueryOf } from './shopify-checkpoint';
import {
  CUSTOMER_BY_ID, CUSTOMER_ORDERS, CUSTOMER_TAGS, CUSTOMERS_PAGE, ORDER_BY_ID, ORDERS_PAGE, SHOP_NAME, TAGS_ADD, TAGS_REMOVE,
  type ShopifyCustomerNode, type ShopifyOrderNode, type ShopifyPage,
} from './shopify-queries';
import { customerGid, customerRecord, orderGid, orderRecord, shopifyCustomerGidOf } from './shopify-records';

export interface ShopifyConnectorOptions extends ShopifyAdminSettings {
  /** Customers or orders per query, capped at SHOPIFY_MAX_PAGE_SIZE. */
  pageSize: number;
  settleMs: number;
  now?: () => Date;
}

/**
 * Shopify refuses any single query over 1,000 cost points (MAX_COST_EXCEEDED), and a customer of our query
 * costs 5 points, an order 4: 100 per page (~500 points) stays well inside and lets two pages share a full bucket.
 */
export const SHOPIFY_MAX_PAGE_SIZE = 100;

const STREAMS = {
  customers: { document: CUSTOMERS_PAGE, field: 'customers', toRecord: (node: unknown) => customerRecord(node as ShopifyCustomerNode) },
  orders: { document: ORDERS_PAGE, field: 'orders', toRecord: (node: unknown) => orderRecord(node as ShopifyOrderNode) },
} as const;
type Stream = keyof typeof STREAMS;

/**
 * Customers (with total spend and tags) and their orders from the Shopify Admin GraphQL API. The import and
 * every incremental sync are one kind of scan by `updated_at`; see shopify-checkpoint.ts.
 */
export class ShopifyConnector implements CrmConnector, SegmentTagStore {
  readonly provider = SHOPIFY;
  readonly streams: readonly string[] = ['customers', 'orders'];
  private readonly api: ShopifyAdminGraphql;
  private readonly now: () => Date;

  constructor(private readonly options: ShopifyConnectorOptions, adminOptions: ShopifyAdminOptions = {}) {
    this.api = new ShopifyAdminGraphql(options, adminOptions);
    this.now = options.now ?? (() => new Date());
  }

  async connect(): Promise<void> {
    await this.api.request(SHOP_NAME);
  }

  fetchPage(stream: string, cursor: string | undefined): Promise<SourcePage> {
    return this.fetchChangesSince(stream, cursor);
  }

  async fetchChangesSince(stream: string, checkpoint: string | undefined): Promise<SourcePage> {
    const { document, field, toRecord } = STREAMS[streamOf(stream)];
    const scan = scanOf(parseCheckpoint(checkpoint), this.now(), this.options.settleMs);
    const data = await this.api.request<Record<string, ShopifyPage<{ id: string; updatedAt: string }>>>(document, {
      first: Math.min(this.options.pageSize, SHOPIFY_MAX_PAGE_SIZE),
      after: scan.after ?? null,
      query: searchQueryOf(scan) || null,
    });
    const { nodes, pageInfo } = data[field];
    const next = advance(scan, { updatedAts: nodes.map((node) => normalized(node.updatedAt)), endCursor: pageInfo.endCursor, hasNextPage: pageInfo.hasNextPage });
    return {
      records: nodes.map(toRecord).filter((record): record is SourceRecord => record !== undefined),
      checkpoint: JSON.stringify(next),
      done: !pageInfo.hasNextPage,
    };
  }

  async lookUp(stream: string, id: string): Promise<SourceRecord | undefined> {
    if (streamOf(stream) === 'orders') {
      const { order } = await this.api.request<{ order: ShopifyOrderNode | null }>(ORDER_BY_ID, { id: orderGid(id) });
      return order ? orderRecord(order) : undefined;
    }
    const { customer } = await this.api.request<{ customer: ShopifyCustomerNode | null }>(CUSTOMER_BY_ID, { id: customerGid(id) });
    return customer ? customerRecord(customer) : undefined;
  }

  /** Every order of one customer, oldest first, page by page; empty for an unknown customer. */
  async fetchOrderHistory(customerId: string): Promise<SourceRecord[]> {
    const history: SourceRecord[] = [];
    let after: string | null = null;
    for (;;) {
      const { customer }: { customer: { orders: ShopifyPage<ShopifyOrderNode> } | null } = await this.api.request(CUSTOMER_ORDERS, {
        id: customerGid(customerId),
        first: Math.min(this.options.pageSize, SHOPIFY_MAX_PAGE_SIZE),
        after,
      });
      if (!customer) return history;
      for (const node of customer.orders.nodes) {
        const record = orderRecord(node);
        if (record) history.push(record);
      }
      if (!customer.orders.pageInfo.hasNextPage) return history;
      after = customer.orders.pageInfo.endCursor;
    }
  }

  /** Adds the tag, keeping the customer's others; Shopify's userErrors (unknown customer, bad tag) are not retried. */
  async writeSegmentTag(customerId: string, tag: string): Promise<void> {
    const { tagsAdd } = await this.api.request<{ tagsAdd: TagsPayload }>(TAGS_ADD, { id: customerGid(customerId), tags: [tag] });
    refuseOnUserErrors(tagsAdd, `could not tag customer ${customerId}`);
  }

  /** Undefined for an id Shopify does not have, or that cannot be Shopify's (a customer from another source). */
  async tagsOf(customerId: string): Promise<string[] | undefined> {
    const id = shopifyCustomerGidOf(customerId);
    if (!id) return undefined;
    const { customer } = await this.api.request<{ customer: { tags: string[] } | null }>(CUSTOMER_TAGS, { id });
    return customer?.tags;
  }

  async removeTags(customerId: string, tags: string[]): Promise<void> {
    const { tagsRemove } = await this.api.request<{ tagsRemove: TagsPayload }>(TAGS_REMOVE, { id: customerGid(customerId), tags });
    refuseOnUserErrors(tagsRemove, `could not untag customer ${customerId}`);
  }

  async close(): Promise<void> {
    // Each request is its own fetch: nothing to release.
  }
}

type TagsPayload = { userErrors: Array<{ field: string[] | null; message: string }> } | null;

function refuseOnUserErrors(payload: TagsPayload, what: string): void {
  const problems = payload?.userErrors ?? [{ field: null, message: 'no result' }];
  if (problems.length) {
    throw new ConnectorError(SHOPIFY, `${what}: ${problems.map((e) => `${e.field?.join('.') ?? ''} ${e.message}`.trim()).join('; ')}`, false);
  }
}

function streamOf(stream: string): Stream {
  if (stream in STREAMS) return stream as Stream;
  throw new ConnectorError(SHOPIFY, `no stream "${stream}" (known: ${Object.keys(STREAMS).join(', ')})`, false);
}

/** Shopify writes "2026-11-26T10:00:00Z"; checkpoints compare the ISO form with milliseconds. */
const normalized = (instant: string): string => new Date(instant).toISOString();
