import { Client } from '@hubspot/api-client';
import { FilterOperatorEnum, type Filter } from '@hubspot/api-client/lib/codegen/crm/contacts';
import { ConnectorError } from '../../../application/connector-errors';
import type { CrmConnector, SourcePage, SourceRecord } from '../../../application/crm-connector';
import { STANDARD_PROPERTIES, modifiedAtMs, toCustomerRecord, type HubSpotContact } from './hubspot-contact';
import { advance, formatCursor, parseCursor, unseen } from './hubspot-cursor';
import { translateHubSpotError } from './hubspot-errors';

export interface HubSpotConnectorOptions {
  /** A private app access token (sent as `Authorization: Bearer`). */
  accessToken: string;
  /** https://api.hubapi.com, or a local server in tests. */
  baseUrl: string;
  /** Contact properties of the user's own, copied into the event's attributes. */
  customProperties: readonly string[];
  pageSize: number;
  /** Contacts modified within this many ms are left for the next sync: HubSpot's search index lags behind writes. */
  settleMs: number;
  now?: () => Date;
}

// HubSpot's own ceilings: the list API returns at most 100 contacts per page, the search API 200.
const LIST_LIMIT = 100;
const SEARCH_LIMIT = 200;
const STREAM = 'customers';

/**
 * HubSpot contacts through the official SDK: the import pages the list API with its `after` cursor, the
 * incremental sync searches by `lastmodifieddate`. The SDK's own retries are off: retry-transient owns them,
 * honouring HubSpot's Retry-After on 429.
 */
export class HubSpotConnector implements CrmConnector {
  readonly provider = 'hubspot';
  readonly streams = [STREAM] as const;
  private readonly client: Client;
  private readonly properties: string[];
  private readonly now: () => Date;

  constructor(private readonly options: HubSpotConnectorOptions) {
    this.client = new Client({ accessToken: options.accessToken, basePath: options.baseUrl.replace(/\/+$/, ''), numberOfApiCallRetries: 0 });
    this.properties = [...new Set([...STANDARD_PROPERTIES, ...options.customProperties])];
    this.now = options.now ?? (() => new Date());
  }

  async connect(): Promise<void> {
    await this.call('checking the access token', () => this.client.crm.contacts.basicApi.getPage(1, undefined, ['email']));
  }

  async fetchPage(stream: string, cursor: string | undefined): Promise<SourcePage> {
    this.checkStream(stream);
    const at = parseCursor(cursor) ?? { since: this.settledBefore() };
    const page = await this.call('listing contacts', () =>
      this.client.crm.contacts.basicApi.getPage(Math.min(this.options.pageSize, LIST_LIMIT), at.after, this.properties),
    );
    const next = page.paging?.next?.after;
    return {
      records: page.results.map((contact) => this.toRecord(contact)),
      checkpoint: formatCursor(next ? { after: next, since: at.since } : { since: at.since }),
      done: !next,
    };
  }

  async fetchChangesSince(stream: string, checkpoint: string | undefined): Promise<SourcePage> {
    this.checkStream(stream);
    const at = parseCursor(checkpoint) ?? {};
    const filters: Filter[] = [{ propertyName: 'lastmodifieddate', operator: FilterOperatorEnum.Lt, value: String(this.settledBefore()) }];
    if (at.since !== undefined) filters.push({ propertyName: 'lastmodifieddate', operator: FilterOperatorEnum.Gte, value: String(at.since) });
    const page = await this.call('searching contacts modified since the last sync', () =>
      this.client.crm.contacts.searchApi.doSearch({
        filterGroups: [{ filters }],
        sorts: ['lastmodifieddate'],
        limit: Math.min(this.options.pageSize, SEARCH_LIMIT),
        after: at.after ?? '0',
        properties: this.properties,
      }),
    );
    const stamped = page.results.map((contact) => ({ contact, id: contact.id, modifiedAtMs: modifiedAtMs(contact) }));
    const next = page.paging?.next?.after;
    return {
      records: unseen(at, stamped).map(({ contact }) => this.toRecord(contact)),
      checkpoint: formatCursor(advance(at, stamped, next)),
      done: !next,
    };
  }

  async lookUp(stream: string, id: string): Promise<SourceRecord | undefined> {
    this.checkStream(stream);
    try {
      return this.toRecord(await this.client.crm.contacts.basicApi.getById(id, this.properties));
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) return undefined;
      throw translateHubSpotError(error, `looking up contact ${id}`);
    }
  }

  /** The search API counts for free; an empty filter counts every contact. */
  async estimateTotal(stream: string): Promise<number | undefined> {
    this.checkStream(stream);
    const page = await this.call('counting contacts', () =>
      this.client.crm.contacts.searchApi.doSearch({ filterGroups: [], sorts: [], limit: 1, after: '0', properties: ['email'] }),
    );
    return page.total;
  }

  async close(): Promise<void> {
    // The SDK holds no connection of its own.
  }

  private toRecord(contact: HubSpotContact): SourceRecord {
    return toCustomerRecord(contact, this.options.customProperties);
  }

  private settledBefore(): number {
    return this.now().getTime() - this.options.settleMs;
  }

  private checkStream(stream: string): void {
    if (stream !== STREAM) throw new ConnectorError(this.provider, `has no stream "${stream}" (only ${STREAM})`, false);
  }

  private async call<T>(doing: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw translateHubSpotError(error, doing);
    }
  }
}
