import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { buildSchema, execute, Kind, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { connection, type ConnectionArgs } from './shopify-fake-paging';
import { costOf } from './shopify-query-cost';

/** Shopify's published Admin schema, beside the repository (never copied into it). */
export const ADMIN_SCHEMA_PATH = resolve(__dirname, '../../../../../shared/specs/shopify/admin_schema.graphql');

let schema: GraphQLSchema | undefined;
/** 3 MB of SDL takes ~2 s to build: once per test file. */
export function adminSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(ADMIN_SCHEMA_PATH, 'utf8'), { assumeValidSDL: true });
  return schema;
}

export interface FakeCustomer {
  id: number;
  firstName?: string;
  lastName?: string;
  email?: string;
  emailState?: 'SUBSCRIBED' | 'NOT_SUBSCRIBED' | 'UNSUBSCRIBED';
  phone?: string;
  locale?: string;
  country?: string;
  timeZone?: string;
  tags: string[];
  createdAtMs: number;
  updatedAtMs: number;
}

export interface FakeOrder {
  id: number;
  customerId?: number;
  amount: string;
  currency: string;
  processedAtMs: number;
  updatedAtMs: number;
  cancelledAtMs?: number;
}

/** Shopify's limit for one query, whatever the plan's bucket size. */
const MAX_SINGLE_QUERY_COST = 1_000;

export interface Bucket { maximumAvailable: number; restoreRate: number }

export interface ShopifyFakeOptions {
  accessToken: string;
  /** The store's clock for `updated_at`; tests move it instead of sleeping. */
  now?: () => number;
  bucket?: Bucket;
}

/**
 * A stateful Shopify Admin GraphQL API: every query is parsed and validated against the published schema,
 * then executed by the reference `graphql` implementation over in-memory customers and orders. Adds what a
 * schema cannot say: cursor paging with search filters, query cost with a leaky bucket (THROTTLED when it
 * is empty, MAX_COST_EXCEEDED over its size) and 401 for a wrong token.
 */
export class ShopifyGraphqlFake {
  readonly customers = new Map<number, FakeCustomer>();
  readonly orders = new Map<number, FakeOrder>();
  /** What was asked, for assertions: operation name and the answer's kind. */
  readonly log: Array<{ operation: string; outcome: 'ok' | 'throttled' | 'invalid' | 'unauthorized' | 'too-costly' | 'unavailable'; requestedCost?: number; available?: number }> = [];
  private readonly server: Server;
  private readonly now: () => number;
  private bucket: Bucket;
  private available: number;
  private refilledAtMs = Date.now();
  /** Page queries answered before the fake stops answering them (see holdPagesAfter). */
  private pagesBeforeHold = Infinity;
  private readonly heldResponses: ServerResponse[] = [];
  private failures = { operation: '', count: 0, status: 503 };
  /** Random, so the customers of two fakes (or two runs on one broker) never share ids. */
  private nextId = 1_000_000_000_000 + Math.floor(Math.random() * 8_000_000_000_000);

  private constructor(private readonly options: ShopifyFakeOptions) {
    this.now = options.now ?? Date.now;
    this.bucket = options.bucket ?? { maximumAvailable: 2_000, restoreRate: 100 };
    this.available = this.bucket.maximumAvailable;
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(options: ShopifyFakeOptions): Promise<ShopifyGraphqlFake> {
    adminSchema();
    const fake = new ShopifyGraphqlFake(options);
    await new Promise<void>((done) => fake.server.listen(0, '127.0.0.1', done));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }

  /** Leaves every page query after the first `pages` unanswered, so a test can kill an import mid-way. */
  holdPagesAfter(pages: number): void {
    this.pagesBeforeHold = pages;
  }

  get held(): number {
    return this.heldResponses.length;
  }

  /** Answers again; the requests held so far are dropped (their client is gone). */
  release(): void {
    this.pagesBeforeHold = Infinity;
    for (const response of this.heldResponses.splice(0)) response.destroy();
  }

  /** Answers the next `count` requests of `operation` with `status`, like Shopify during an outage. */
  failNext(operation: string, count: number, status = 503): void {
    this.failures = { operation, count, status };
  }

  setBucket(bucket: Bucket, available = bucket.maximumAvailable): void {
    this.bucket = bucket;
    this.available = available;
    this.refilledAtMs = Date.now();
  }

  addCustomer(fields: Partial<Omit<FakeCustomer, 'id' | 'createdAtMs' | 'updatedAtMs'>> = {}): FakeCustomer {
    const at = this.stamp();
    const customer: FakeCustomer = { tags: [], ...fields, id: (this.nextId += 1), createdAtMs: at, updatedAtMs: at };
    this.customers.set(customer.id, customer);
    return customer;
  }

  updateCustomer(id: number, fields: Partial<Omit<FakeCustomer, 'id' | 'createdAtMs' | 'updatedAtMs'>>): void {
    Object.assign(this.mustFind(id), fields, { updatedAtMs: this.stamp() });
  }

  /** Like Shopify, a new order changes the customer's total spend and order count, so the customer is updated too. */
  addOrder(fields: Omit<FakeOrder, 'id' | 'processedAtMs' | 'updatedAtMs' | 'cancelledAtMs'> & { processedAtMs?: number }): FakeOrder {
    const at = this.stamp();
    const order: FakeOrder = { processedAtMs: at, ...fields, id: (this.nextId += 1), updatedAtMs: at };
    this.orders.set(order.id, order);
    if (order.customerId !== undefined) this.mustFind(order.customerId).updatedAtMs = at;
    return order;
  }

  cancelOrder(id: number): void {
    const order = this.orders.get(id);
    if (!order) throw new Error(`no fake order ${id}`);
    order.cancelledAtMs = order.updatedAtMs = this.stamp();
  }

  private stamp(): number {
    return Math.floor(this.now() / 1000) * 1000; // Shopify's timestamps have whole seconds
  }

  private mustFind(id: number): FakeCustomer {
    const customer = this.customers.get(id);
    if (!customer) throw new Error(`no fake customer ${id}`);
    return customer;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'POST' || !/^\/admin\/api\/[\w-]+\/graphql\.json$/.test(request.url ?? '')) return send(404, { errors: 'Not Found' });
    if (request.headers['x-shopify-access-token'] !== this.options.accessToken) {
      this.log.push({ operation: '?', outcome: 'unauthorized' });
      return send(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    }
    let body: { query?: unknown; variables?: Record<string, unknown>; operationName?: string };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(400, { errors: 'Bad Request: the body is not JSON' });
    }
    if (typeof body.query !== 'string') return send(400, { errors: { query: 'Required parameter missing or invalid' } });
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      this.log.push({ operation: '?', outcome: 'invalid' });
      return send(200, { errors: [{ message: (error as Error).message }] });
    }
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const name = operation?.name?.value ?? 'anonymous';
    if (this.failures.operation === name && this.failures.count > 0) {
      this.failures.count -= 1;
      this.log.push({ operation: name, outcome: 'unavailable' });
      return send(this.failures.status, { errors: 'Service Unavailable' });
    }
    const invalid = validate(adminSchema(), document);
    if (invalid.length) {
      this.log.push({ operation: name, outcome: 'invalid' });
      return send(200, { errors: invalid.map((error) => ({ message: error.message, locations: error.locations })) });
    }
    if (name.endsWith('Page') && (this.pagesBeforeHold -= 1) < 0) {
      this.heldResponses.push(response);
      return;
    }
    const requestedCost = costOf(adminSchema(), operation!, body.variables ?? {});
    this.refill();
    const throttleStatus = () => ({ maximumAvailable: this.bucket.maximumAvailable, currentlyAvailable: Math.floor(this.available), restoreRate: this.bucket.restoreRate });
    if (requestedCost > MAX_SINGLE_QUERY_COST) {
      this.log.push({ operation: name, outcome: 'too-costly', requestedCost });
      return send(200, {
        errors: [{ message: `Query cost is ${requestedCost}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requestedCost, maxCost: MAX_SINGLE_QUERY_COST } }],
      });
    }
    if (requestedCost > this.available) {
      this.log.push({ operation: name, outcome: 'throttled', requestedCost, available: this.available });
      return send(200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: { requestedQueryCost: requestedCost, actualQueryCost: null, throttleStatus: throttleStatus() } },
      });
    }
    this.log.push({ operation: name, outcome: 'ok', requestedCost, available: this.available });
    this.available -= requestedCost;
    const result = await execute({ schema: adminSchema(), document, rootValue: this.root(), variableValues: body.variables, operationName: body.operationName });
    send(200, { ...result, extensions: { cost: { requestedQueryCost: requestedCost, actualQueryCost: requestedCost, throttleStatus: throttleStatus() } } });
  }

  private refill(): void {
    const nowMs = Date.now();
    this.available = Math.min(this.bucket.maximumAvailable, this.available + ((nowMs - this.refilledAtMs) / 1000) * this.bucket.restoreRate);
    this.refilledAtMs = nowMs;
  }

  private root() {
    const customerOf = (id: string) => this.customers.get(numericId(id, 'Customer'));
    return {
      shop: () => ({ name: 'SyncEngage Test Store' }),
      customers: (args: ConnectionArgs) => connection([...this.customers.values()], args, (c) => this.customerNode(c)),
      customer: ({ id }: { id: string }) => (customerOf(id) ? this.customerNode(customerOf(id)!) : null),
      orders: (args: ConnectionArgs) => connection([...this.orders.values()], args, (o) => this.orderNode(o)),
      order: ({ id }: { id: string }) => {
        const order = this.orders.get(numericId(id, 'Order'));
        return order ? this.orderNode(order) : null;
      },
      tagsAdd: ({ id, tags }: { id: string; tags: string[] }) => {
        const customer = customerOf(id);
        if (!customer) return { node: null, userErrors: [{ field: ['id'], message: 'Customer does not exist' }] };
        this.updateCustomer(customer.id, { tags: [...new Set([...customer.tags, ...tags])] });
        return { node: this.customerNode(customer), userErrors: [] };
      },
      tagsRemove: ({ id, tags }: { id: string; tags: string[] }) => {
        const customer = customerOf(id);
        if (!customer) return { node: null, userErrors: [{ field: ['id'], message: 'Customer does not exist' }] };
        const removed = new Set(tags.map((tag) => tag.toLowerCase()));
        this.updateCustomer(customer.id, { tags: customer.tags.filter((tag) => !removed.has(tag.toLowerCase())) });
        return { node: this.customerNode(customer), userErrors: [] };
      },
    };
  }

  private customerNode(c: FakeCustomer) {
    const orders = [...this.orders.values()].filter((o) => o.customerId === c.id);
    const spentCents = orders.reduce((sum, o) => sum + Math.round(Number(o.amount) * 100), 0);
    return {
      __typename: 'Customer',
      id: `gid://shopify/Customer/${c.id}`,
      firstName: c.firstName ?? null,
      lastName: c.lastName ?? null,
      displayName: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || '',
      locale: c.locale ?? 'en',
      tags: c.tags,
      numberOfOrders: String(orders.length),
      createdAt: shopifyTime(c.createdAtMs),
      updatedAt: shopifyTime(c.updatedAtMs),
      amountSpent: { amount: (spentCents / 100).toFixed(2), currencyCode: orders[0]?.currency ?? 'USD' },
      defaultEmailAddress: c.email ? { emailAddress: c.email, marketingState: c.emailState ?? 'NOT_SUBSCRIBED' } : null,
      defaultPhoneNumber: c.phone ? { phoneNumber: c.phone, marketingState: 'NOT_SUBSCRIBED' } : null,
      defaultAddress: c.country ? { __typename: 'MailingAddress', id: `gid://shopify/MailingAddress/${c.id}`, countryCodeV2: c.country, timeZone: c.timeZone ?? null } : null,
      orders: (args: ConnectionArgs) => connection(orders, args, (o) => this.orderNode(o)),
    };
  }

  private orderNode(o: FakeOrder) {
    const customer = o.customerId === undefined ? undefined : this.customers.get(o.customerId);
    const money = { amount: o.amount, currencyCode: o.currency };
    return {
      __typename: 'Order',
      id: `gid://shopify/Order/${o.id}`,
      name: `#${o.id % 100_000}`,
      processedAt: shopifyTime(o.processedAtMs),
      createdAt: shopifyTime(o.processedAtMs),
      updatedAt: shopifyTime(o.updatedAtMs),
      cancelledAt: o.cancelledAtMs === undefined ? null : shopifyTime(o.cancelledAtMs),
      customer: customer ? this.customerNode(customer) : null,
      totalPriceSet: { shopMoney: money, presentmentMoney: money },
    };
  }
}

const shopifyTime = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

function numericId(gid: string, type: string): number {
  const match = new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(gid);
  return match ? Number(match[1]) : NaN;
}
