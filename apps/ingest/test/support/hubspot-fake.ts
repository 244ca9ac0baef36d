import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PageOutage } from './page-outage';

/**
 * A small stateful HubSpot CRM (contacts v3) for what a static mock cannot do: paging that ends, search with
 * filters and sorting over changing data, 404 for unknown ids, 429 with Retry-After, 401 for an expired token.
 * Prism runs in front of it in proxy mode and checks both the SDK's requests and these responses against
 * HubSpot's published spec, so the shapes here are held to the spec, not to our reading of it.
 */
export interface FakeContact {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  /** Also the `lastmodifieddate` property, as HubSpot keeps them. */
  updatedAt: string;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body?: any;
  authorization?: string;
}

export interface HubSpotFake {
  url: string;
  readonly requests: ReceivedRequest[];
  /** Adds or changes a contact; `modifiedAt` becomes its lastmodifieddate. */
  upsert(id: string, properties: Record<string, string>, modifiedAt: Date): void;
  /** The next `count` requests get 429 with `Retry-After: retryAfterSeconds`. */
  throttleNext(count: number, retryAfterSeconds: number): void;
  /**
   * List pages after the first `pages` answer 500 until `repair()`: a CRM outage in the middle of an import.
   * A `limit=1` request is the connector's credential check, not a page: it is never broken or held.
   */
  breakListAfter(pages: number): void;
  /** List pages after the first `pages` get no answer until `repair()`: a process can be killed mid-import. */
  holdListAfter(pages: number): void;
  /** List requests received while held. */
  readonly held: number;
  /** The next answer breaks the spec (a number id, properties as a string), to show Prism is checking. */
  corruptNext(): void;
  repair(): void;
  close(): Promise<void>;
}

const SEARCH_WINDOW = 10_000;

export async function startHubSpotFake(options: { validToken: string; expiredToken: string }): Promise<HubSpotFake> {
  const contacts = new Map<string, FakeContact>();
  const requests: ReceivedRequest[] = [];
  let throttled: { remaining: number; retryAfterSeconds: number } = { remaining: 0, retryAfterSeconds: 0 };
  const outage = new PageOutage();
  let corrupt = false;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        handle(req, res, chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined);
      } catch (error) {
        sendError(res, 500, 'INTERNAL_ERROR', `fake failed: ${(error as Error).message}`);
      }
    });
  });

  function handle(req: IncomingMessage, res: ServerResponse, body: any): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, body, authorization: req.headers.authorization });
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (token === options.expiredToken) {
      return sendError(res, 401, 'EXPIRED_AUTHENTICATION', 'The OAuth token used to make this call expired 2 hour(s) ago.');
    }
    if (token !== options.validToken) return sendError(res, 401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
    if (throttled.remaining > 0) {
      throttled.remaining -= 1;
      res.setHeader('Retry-After', String(throttled.retryAfterSeconds));
      return sendError(res, 429, 'RATE_LIMITS', 'You have reached your ten_secondly_rolling limit.');
    }
    if (corrupt) {
      corrupt = false;
      return send(res, 200, { id: 7, properties: 'x', createdAt: 'yesterday', updatedAt: 'today', archived: 'no' });
    }
    if (req.method === 'GET' && url.pathname === '/crm/v3/objects/contacts') return list(url.searchParams, res);
    if (req.method === 'POST' && url.pathname === '/crm/v3/objects/contacts/search') return search(body, res);
    const byId = /^\/crm\/v3\/objects\/contacts\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && byId) {
      const contact = contacts.get(decodeURIComponent(byId[1]));
      if (!contact) return sendError(res, 404, 'OBJECT_NOT_FOUND', 'resource not found');
      return send(res, 200, present(contact, propertiesOf(url.searchParams)));
    }
    sendError(res, 404, 'OBJECT_NOT_FOUND', `the fake has no ${req.method} ${url.pathname}`);
  }

  function list(query: URLSearchParams, res: ServerResponse): void {
    const limit = Number(query.get('limit') ?? 10);
    const verdict = limit > 1 ? outage.admit(res) : 'serve';
    if (verdict === 'held') return;
    if (verdict === 'fail') return sendError(res, 500, 'INTERNAL_ERROR', 'Internal error, try again later.');
    const after = query.get('after');
    // HubSpot pages the list by id: `after` is the id to start from.
    const ordered = [...contacts.values()].sort((a, b) => Number(a.id) - Number(b.id));
    const start = after ? ordered.findIndex((contact) => Number(contact.id) >= Number(after)) : 0;
    const page = start < 0 ? [] : ordered.slice(start, start + limit);
    const next = start >= 0 ? ordered[start + limit] : undefined;
    send(res, 200, {
      results: page.map((contact) => present(contact, propertiesOf(query))),
      ...(next ? { paging: { next: { after: next.id, link: `?after=${next.id}` } } } : {}),
    });
  }

  function search(request: any, res: ServerResponse): void {
    const offset = Number(request.after ?? 0);
    const limit = Number(request.limit ?? 10);
    if (offset + limit > SEARCH_WINDOW) {
      return sendError(res, 400, 'VALIDATION_ERROR', `There was a problem with the request: the search cannot page past ${SEARCH_WINDOW} results.`);
    }
    const groups: any[] = request.filterGroups ?? [];
    const matching = [...contacts.values()].filter(
      (contact) => groups.length === 0 || groups.some((group) => (group.filters as any[]).every((filter) => matches(contact, filter))),
    );
    for (const sort of [...(request.sorts ?? [])].reverse() as string[]) {
      const descending = sort.startsWith('-');
      const property = sort.replace(/^-/, '');
      matching.sort((a, b) => (comparable(valueOf(a, property)) - comparable(valueOf(b, property))) * (descending ? -1 : 1));
    }
    const page = matching.slice(offset, offset + limit);
    const nextOffset = offset + limit;
    send(res, 200, {
      total: matching.length,
      results: page.map((contact) => present(contact, request.properties ?? [])),
      ...(nextOffset < matching.length ? { paging: { next: { after: String(nextOffset), link: `?after=${nextOffset}` } } } : {}),
    });
  }

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        upsert(id, properties, modifiedAt) {
          const existing = contacts.get(id);
          const at = modifiedAt.toISOString();
          contacts.set(id, { id, createdAt: existing?.createdAt ?? at, updatedAt: at, properties: { ...existing?.properties, ...properties, lastmodifieddate: at } });
        },
        throttleNext(count, retryAfterSeconds) {
          throttled = { remaining: count, retryAfterSeconds };
        },
        breakListAfter: (pages) => outage.failAfter(pages),
        holdListAfter: (pages) => outage.holdAfter(pages),
        get held() {
          return outage.held;
        },
        corruptNext() {
          corrupt = true;
        },
        repair: () => outage.repair(),
        close: () => {
          outage.dropHeld();
          server.closeAllConnections();
          return new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}

/** The SDK sends `properties=a,b` (one comma-separated value); HubSpot accepts repeated values too. */
function propertiesOf(query: URLSearchParams): string[] {
  return query.getAll('properties').flatMap((value) => value.split(',')).filter(Boolean);
}

function valueOf(contact: FakeContact, property: string): string | undefined {
  if (property === 'hs_object_id') return contact.id;
  if (property === 'createdate') return contact.createdAt;
  return contact.properties[property];
}

/** Dates compare as instants (HubSpot filters take epoch ms), numbers as numbers. */
function comparable(value: string | undefined): number {
  if (value === undefined) return Number.NEGATIVE_INFINITY;
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

function matches(contact: FakeContact, filter: { propertyName: string; operator: string; value?: string }): boolean {
  const actual = comparable(valueOf(contact, filter.propertyName));
  const expected = comparable(filter.value);
  switch (filter.operator) {
    case 'GT': return actual > expected;
    case 'GTE': return actual >= expected;
    case 'LT': return actual < expected;
    case 'LTE': return actual <= expected;
    case 'EQ': return valueOf(contact, filter.propertyName) === filter.value;
    case 'HAS_PROPERTY': return valueOf(contact, filter.propertyName) !== undefined;
    default: throw new Error(`the fake does not implement the ${filter.operator} operator`);
  }
}

/** As HubSpot answers: only the requested properties, plus the three it always returns. */
function present(contact: FakeContact, properties: string[]) {
  const always = { hs_object_id: contact.id, createdate: contact.createdAt, lastmodifieddate: contact.updatedAt };
  const requested = Object.fromEntries(properties.filter((name) => contact.properties[name] !== undefined).map((name) => [name, contact.properties[name]]));
  return {
    id: contact.id,
    properties: { ...requested, ...always },
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    archived: false,
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** HubSpot's error body: the spec's Error requires category, correlationId (a UUID) and message. */
function sendError(res: ServerResponse, status: number, category: string, message: string): void {
  send(res, status, { status: 'error', message, correlationId: randomUUID(), category });
}
