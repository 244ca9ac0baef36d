/** One customer or order as a CRM holds it, before it becomes an event. */
export type SourceRecord =
  | {
      kind: 'customer';
      id: string;
      /** ISO-8601; with `id` it orders the records of one stream and makes the event id stable across re-reads. */
      updatedAt: string;
      profile: Record<string, unknown>;
      attributes: Record<string, unknown>;
    }
  | { kind: 'order'; id: string; customerId: string; amountCents: number; currency: string; orderedAt: string; updatedAt: string; attributes: Record<string, unknown> };

export interface SourcePage {
  records: SourceRecord[];
  /** Where the next read starts; saved only after every record of this page is in Kafka. */
  checkpoint: string | undefined;
  /** No more records right now. */
  done: boolean;
}

/**
 * What every CRM connector offers. Streams are the CRM's object kinds in the order they are synced
 * (customers before their orders). A checkpoint is the connector's own opaque string.
 */
export interface CrmConnector {
  readonly provider: string;
  readonly streams: readonly string[];
  /** Checks the credentials; throws `BadCredentials` with what to fix. */
  connect(): Promise<void>;
  /** The full import, page by page from `cursor` (undefined = the beginning). */
  fetchPage(stream: string, cursor: string | undefined): Promise<SourcePage>;
  /** What changed after `checkpoint`; the last page says done. */
  fetchChangesSince(stream: string, checkpoint: string | undefined): Promise<SourcePage>;
  lookUp(stream: string, id: string): Promise<SourceRecord | undefined>;
  /** For the progress bar; undefined when the CRM cannot say cheaply. */
  estimateTotal?(stream: string): Promise<number | undefined>;
  /** Calls `onChange` when the CRM pushes a change (LISTEN/NOTIFY, ...); resolves to a stop function. */
  watch?(onChange: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface SyncCheckpoints {
  load(provider: string, stream: string, mode: SyncMode): Promise<{ cursor: string | undefined; done: boolean } | undefined>;
  save(provider: string, stream: string, mode: SyncMode, cursor: string | undefined, done: boolean): Promise<void>;
}

export type SyncMode = 'import' | 'changes';
