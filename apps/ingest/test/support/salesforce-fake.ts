import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PageOutage } from './page-outage';

/**
 * A recorded-contract Salesforce: Salesforce publishes no static OpenAPI for its REST API, so this serves the
 * shapes its REST API documentation gives and jsforce really requests (verified by the requests logged here):
 * - POST /services/oauth2/token, `refresh_token` and `client_credentials` grants, form-encoded;
 * - GET /services/data/vXX.X/query?q=<SOQL> → `{ totalSize, done, nextRecordsUrl?, records: [{ attributes, ... }] }`,
 *   batches as `Sforce-Query-Options: batchSize=N` asks, and GET .../query/<locator> for the next batch;
 * - GET /services/data/vXX.X/sobjects/<Object>/<id>?fields=...;
 * - errors as `[{ message, errorCode }]`; 401 INVALID_SESSION_ID for an expired token.
 * It understands only the SOQL grammar the connector documents and answers anything else MALFORMED_QUERY, and a
 * field the object lacks INVALID_FIELD, as Salesforce does: a changed query shows up here as a failing test.
 */
export interface SalesforceFakeOptions {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Custom fields the org has, by object, besides the standard ones. */
  customFields: Record<'Contact' | 'Lead', string[]>;
}

export interface DataRequest {
  path: string;
  soql?: string;
  headers: IncomingMessage['headers'];
  status: number;
}

export interface SalesforceFake {
  url: string;
  readonly tokenRequests: Record<string, string>[];
  readonly dataRequests: DataRequest[];
  upsert(object: 'Contact' | 'Lead', id: string, fields: Record<string, unknown>, modifiedAt: Date): void;
  /** An access token that works until `expireTokens()`, e.g. the seed of SALESFORCE_ACCESS_TOKEN. */
  issueToken(): string;
  /** Every access token issued so far now answers 401 INVALID_SESSION_ID. */
  expireTokens(): void;
  /** Query batches (not LIMIT probes) after the first `batches` answer 400 QUERY_TIMEOUT until `repair()`. */
  breakQueriesAfter(batches: number): void;
  /** Query batches after the first `batches` get no answer until `repair()`: a process can be killed mid-import. */
  holdQueriesAfter(batches: number): void;
  /** Batch requests received while held. */
  readonly held: number;
  repair(): void;
  /** Locators stop working, as after Salesforce's 15 idle minutes: INVALID_QUERY_LOCATOR. */
  forgetLocators(): void;
  close(): Promise<void>;
}

const STANDARD = {
  Contact: ['Id', 'Email', 'FirstName', 'LastName', 'Phone', 'MobilePhone', 'MailingCountry', 'HasOptedOutOfEmail', 'LeadSource', 'SystemModstamp', 'AccountId'],
  Lead: ['Id', 'Email', 'FirstName', 'LastName', 'Phone', 'MobilePhone', 'Country', 'HasOptedOutOfEmail', 'LeadSource', 'Status', 'Company', 'IsConverted', 'SystemModstamp'],
};
type SObject = keyof typeof STANDARD;
type Row = Record<string, unknown> & { Id: string; SystemModstamp: string };

const SELECT = /^SELECT (.+?) FROM (Contact|Lead)(?: WHERE (.+?))?(?: ORDER BY (SystemModstamp, Id))?(?: LIMIT (\d+))?$/;
const CONDITION = /^(\w+) (>=|<=|=|<|>) (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|true|false)$/;

export async function startSalesforceFake(options: SalesforceFakeOptions): Promise<SalesforceFake> {
  const rows: Record<SObject, Map<string, Row>> = { Contact: new Map(), Lead: new Map() };
  const tokenRequests: Record<string, string>[] = [];
  const dataRequests: DataRequest[] = [];
  const validTokens = new Set<string>();
  const cursors = new Map<string, Row[]>();
  const outage = new PageOutage();
  let url = '';

  const issueToken = () => {
    const token = `00D000000000001!${randomBytes(12).toString('hex')}`;
    validTokens.add(token);
    return token;
  };

  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      if (req.method === 'POST' && path === '/services/oauth2/token') return token(Object.fromEntries(new URLSearchParams(body)), res);
      const logged: DataRequest = { path, headers: req.headers, status: 0 };
      dataRequests.push(logged);
      const reply = (status: number, payload: unknown) => {
        logged.status = status;
        send(res, status, payload);
      };
      if (!validTokens.has(req.headers.authorization?.replace(/^Bearer /, '') ?? '')) {
        return reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      }
      data(req, res, logged, reply);
    });
  });

  function token(params: Record<string, string>, res: ServerResponse): void {
    tokenRequests.push(params);
    const clientOk = params.client_id === options.clientId && (params.client_secret === undefined || params.client_secret === options.clientSecret);
    if (params.grant_type === 'refresh_token') {
      if (!clientOk) return send(res, 400, { error: 'invalid_client_id', error_description: 'client identifier invalid' });
      if (params.refresh_token !== options.refreshToken) return send(res, 400, { error: 'invalid_grant', error_description: 'expired access/refresh token' });
    } else if (params.grant_type === 'client_credentials') {
      if (!clientOk || params.client_secret === undefined) return send(res, 400, { error: 'invalid_client', error_description: 'invalid client credentials' });
    } else {
      return send(res, 400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' });
    }
    send(res, 200, {
      access_token: issueToken(), instance_url: url, id: `${url}/id/00D000000000001EAA/005000000000001AAA`, token_type: 'Bearer',
      issued_at: String(Date.now()), signature: randomBytes(32).toString('base64'), scope: 'api refresh_token',
    });
  }

  function data(req: IncomingMessage, res: ServerResponse, logged: DataRequest, reply: (status: number, payload: unknown) => void): void {
    const requestUrl = new URL(req.url ?? '/', 'http://fake');
    const version = /^\/services\/data\/(v\d+\.\d)\//.exec(logged.path)?.[1];
    if (!version) return reply(404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    const rest = logged.path.slice(`/services/data/${version}`.length);
    const batchSize = Number(/batchSize=(\d+)/.exec(String(req.headers['sforce-query-options'] ?? ''))?.[1] ?? 2_000);
    const batch = (locatorId: string, all: Row[], offset: number, select: (row: Row) => Record<string, unknown>) => {
      const verdict = outage.admit(res);
      if (verdict === 'held') return;
      if (verdict === 'fail') return reply(400, [{ message: 'Your query request was running for too long.', errorCode: 'QUERY_TIMEOUT' }]);
      const next = offset + batchSize;
      const done = next >= all.length;
      reply(200, {
        totalSize: all.length, done, ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/query/${locatorId}-${next}` }),
        records: all.slice(offset, next).map(select),
      });
    };

    if (rest === '/query') {
      const soql = requestUrl.searchParams.get('q') ?? '';
      logged.soql = soql;
      const parsed = parse(soql);
      if ('error' in parsed) return reply(400, [parsed.error]);
      if (parsed.count) return reply(200, { totalSize: parsed.rows.length, done: true, records: [] });
      const selected = parsed.rows.map((row) => present(parsed.object, row, parsed.fields, version));
      // A LIMIT query is a probe (the connector's credential check), not a batch of the sync: never broken or held.
      if (/ LIMIT \d+$/.test(soql)) return reply(200, { totalSize: selected.length, done: true, records: selected });
      const locatorId = `01gFAKE${randomBytes(5).toString('hex')}`;
      cursors.set(locatorId, selected as Row[]);
      return batch(locatorId, selected as Row[], 0, (row) => row);
    }
    const more = /^\/query\/(01g[A-Za-z0-9]+)-(\d+)$/.exec(rest);
    if (more) {
      const all = cursors.get(more[1]);
      if (!all) return reply(400, [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
      return batch(more[1], all, Number(more[2]), (row) => row);
    }
    const byId = /^\/sobjects\/(Contact|Lead)\/([A-Za-z0-9]+)$/.exec(rest);
    if (byId) {
      const object = byId[1] as SObject;
      const row = rows[object].get(byId[2]);
      if (!row) return reply(404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
      const fields = (requestUrl.searchParams.get('fields') ?? 'Id').split(',');
      const unknown = fields.find((field) => !fieldsOf(object).includes(field));
      if (unknown) return reply(400, [{ message: `No such column '${unknown}' on sobject of type ${object}`, errorCode: 'INVALID_FIELD' }]);
      return reply(200, present(object, row, fields, version));
    }
    reply(404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  }

  const fieldsOf = (object: SObject) => [...STANDARD[object], ...options.customFields[object]];

  function parse(soql: string): { object: SObject; fields: string[]; rows: Row[]; count: boolean } | { error: { message: string; errorCode: string } } {
    const match = SELECT.exec(soql);
    if (!match) return { error: { message: `the fake does not know this SOQL: ${soql}`, errorCode: 'MALFORMED_QUERY' } };
    const [, fieldList, objectName, where, orderBy, limit] = match;
    const object = objectName as SObject;
    const count = fieldList === 'COUNT()';
    const fields = count ? [] : fieldList.split(', ');
    const unknown = fields.find((field) => !fieldsOf(object).includes(field));
    if (unknown) return { error: { message: `\n${soql}\n^\nERROR at Row:1:Column:8\nNo such column '${unknown}' on entity '${object}'.`, errorCode: 'INVALID_FIELD' } };
    const conditions = where ? where.split(' AND ').map((text) => CONDITION.exec(text)) : [];
    if (conditions.some((condition) => !condition || !fieldsOf(object).includes(condition[1]))) {
      return { error: { message: `the fake does not know this WHERE clause: ${where}`, errorCode: 'MALFORMED_QUERY' } };
    }
    let found = [...rows[object].values()].filter((row) => conditions.every((condition) => holds(row, condition!)));
    if (orderBy) found.sort((a, b) => instant(a.SystemModstamp) - instant(b.SystemModstamp) || (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
    if (limit) found = found.slice(0, Number(limit));
    return { object, fields, rows: found, count };
  }

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({
        url,
        tokenRequests,
        dataRequests,
        upsert(object, id, fields, modifiedAt) {
          const existing = rows[object].get(id);
          rows[object].set(id, { ...existing, ...fields, Id: id, SystemModstamp: modifiedAt.toISOString().replace('Z', '+0000') });
        },
        issueToken,
        expireTokens: () => validTokens.clear(),
        breakQueriesAfter: (batches) => outage.failAfter(batches),
        holdQueriesAfter: (batches) => outage.holdAfter(batches),
        get held() {
          return outage.held;
        },
        repair: () => outage.repair(),
        forgetLocators: () => cursors.clear(),
        close: () => {
          outage.dropHeld();
          server.closeAllConnections();
          return new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}

const instant = (value: unknown): number => Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

function holds(row: Row, [, field, operator, literal]: RegExpExecArray): boolean {
  if (literal === 'true' || literal === 'false') return operator === '=' && (row[field] === true) === (literal === 'true');
  const [actual, expected] = [instant(row[field]), Date.parse(literal)];
  return { '>=': actual >= expected, '<=': actual <= expected, '<': actual < expected, '>': actual > expected, '=': actual === expected }[operator]!;
}

/** As the REST API answers: `attributes` first, then exactly the selected fields, missing ones as null. */
function present(object: SObject, row: Row, fields: string[], version: string): Record<string, unknown> {
  return {
    attributes: { type: object, url: `/services/data/${version}/sobjects/${object}/${row.Id}` },
    ...Object.fromEntries(fields.map((field) => [field, row[field] ?? null])),
  };
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(payload));
}
