import type { QueryResult } from 'jsforce';
import { ConnectorError } from '../../../application/connector-errors';
import type { CrmConnector, SourcePage, SourceRecord } from '../../../application/crm-connector';
import { openSalesforceSession, type SalesforceAuth, type SalesforceSession } from './salesforce-auth';
import { advance, formatCursor, parseCursor, unseen, type SalesforceCursor } from './salesforce-cursor';
import { translateSalesforceError } from './salesforce-errors';
import { toCustomerRecord, type SalesforceRow } from './salesforce-record';
import { SALESFORCE_STREAMS, changesSoql, countSoql, fieldsOf, type SalesforceObject } from './salesforce-soql';

export interface SalesforceConnectorOptions {
  auth: SalesforceAuth;
  /** e.g. 62.0 */
  apiVersion: string;
  /** Stream names (`contacts`, `leads`), synced in this order. */
  streams: readonly (keyof typeof SALESFORCE_STREAMS)[];
  /** `Field__c` for both objects, `Contact.Field__c` for one; copied into the event's attributes. */
  customFields: readonly string[];
  /** Records per query batch; Salesforce takes 200 to 2,000. */
  pageSize: number;
  /** Records modified within this many ms are left for the next sync, so a late commit is not skipped. */
  settleMs: number;
  now?: () => Date;
}

const SALESFORCE_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/**
 * Contacts and Leads through jsforce. One keyset query per sync, ordered by (SystemModstamp, Id), paged by the
 * query's own nextRecordsUrl; the import is the same query from the beginning, so its end is where the
 * incremental syncs start. Expired tokens are renewed by jsforce (see salesforce-auth.ts).
 */
export class SalesforceConnector implements CrmConnector {
  readonly provider = 'salesforce';
  readonly streams: readonly string[];
  private readonly session: SalesforceSession;
  private readonly now: () => Date;

  constructor(private readonly options: SalesforceConnectorOptions) {
    this.session = openSalesforceSession(options.auth, options.apiVersion);
    this.streams = options.streams;
    this.now = options.now ?? (() => new Date());
  }

  async connect(): Promise<void> {
    const object = this.objectOf(this.streams[0]);
    await this.call(`reading one ${object}`, () => this.session.connection.query(`SELECT Id FROM ${object} LIMIT 1`));
  }

  fetchPage(stream: string, cursor: string | undefined): Promise<SourcePage> {
    return this.fetchChangesSince(stream, cursor);
  }

  async fetchChangesSince(stream: string, checkpoint: string | undefined): Promise<SourcePage> {
    const object = this.objectOf(stream);
    const cursor = parseCursor(checkpoint);
    const result = await this.nextBatch(object, cursor);
    const rows = result.records;
    return {
      records: unseen(cursor, rows).map((row) => toCustomerRecord(object, row, this.options.customFields)),
      checkpoint: formatCursor(advance(cursor, rows, result.done ? undefined : result.nextRecordsUrl)),
      done: result.done,
    };
  }

  async lookUp(stream: string, id: string): Promise<SourceRecord | undefined> {
    const object = this.objectOf(stream);
    if (!SALESFORCE_ID.test(id)) return undefined;
    try {
      await this.session.ensureToken();
      const row = (await this.session.connection.sobject(object).retrieve(id, { fields: fieldsOf(object, this.options.customFields) })) as unknown as SalesforceRow;
      return toCustomerRecord(object, row, this.options.customFields);
    } catch (error) {
      if ((error as { errorCode?: string }).errorCode === 'NOT_FOUND') return undefined;
      throw translateSalesforceError(error, this.options.auth.flow, `looking up ${object} ${id}`);
    }
  }

  async estimateTotal(stream: string): Promise<number> {
    const object = this.objectOf(stream);
    const result = await this.call(`counting ${object} records`, () => this.session.connection.query(countSoql(object)));
    return result.totalSize;
  }

  async close(): Promise<void> {
    // jsforce keeps no connection open between requests.
  }

  /** The next batch of the query in progress, or a new query from the keyset when there is none or Salesforce forgot it. */
  private async nextBatch(object: SalesforceObject, cursor: SalesforceCursor): Promise<QueryResult<SalesforceRow>> {
    const headers = { 'Sforce-Query-Options': `batchSize=${Math.min(Math.max(this.options.pageSize, 200), 2_000)}` };
    // One batch per call (autoFetch off): each batch is one page, checkpointed after it is in Kafka.
    const options = { headers, autoFetch: false, maxFetch: 2_000, scanAll: false, responseTarget: 'QueryResult' as const };
    if (cursor.locator) {
      try {
        await this.session.ensureToken();
        return await this.session.connection.queryMore<SalesforceRow>(cursor.locator, options);
      } catch (error) {
        if ((error as { errorCode?: string }).errorCode !== 'INVALID_QUERY_LOCATOR') throw translateSalesforceError(error, this.options.auth.flow, `reading the next ${object} batch`);
      }
    }
    const soql = changesSoql(object, this.options.customFields, cursor.second, new Date(this.now().getTime() - this.options.settleMs));
    return this.call(`querying ${object} records`, () => this.session.connection.query<SalesforceRow>(soql, options));
  }

  private objectOf(stream: string | undefined): SalesforceObject {
    const object = SALESFORCE_STREAMS[stream as keyof typeof SALESFORCE_STREAMS];
    if (!object || !this.streams.includes(stream!)) throw new ConnectorError(this.provider, `has no stream "${stream}" (only ${this.streams.join(', ')})`, false);
    return object;
  }

  private async call<T>(doing: string, work: () => PromiseLike<T>): Promise<T> {
    try {
      await this.session.ensureToken();
      return await work();
    } catch (error) {
      throw translateSalesforceError(error, this.options.auth.flow, doing);
    }
  }
}
