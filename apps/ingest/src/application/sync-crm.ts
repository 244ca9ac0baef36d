import { Topics, type CustomerUpdated } from '@syncengage/contracts';
import type { EventPublisher } from '@syncengage/kafka';
import { toSyncEvent } from '../domain/sync-event';
import type { CrmConnector, SyncCheckpoints, SyncMode } from './crm-connector';
import { DEFAULT_RETRY, retryTransient, type RetryPolicy } from './retry-transient';

export interface SyncProgress {
  stream: string;
  published: number;
  total?: number;
}

export interface SyncReport {
  published: number;
  pages: number;
}

/**
 * Reads a CRM page by page and publishes each record as `customer-updated`, saving the checkpoint only after
 * the whole page is in Kafka: a crash re-reads at most one page (same event ids), and never skips one.
 * `import` resumes an unfinished import or starts a new one; `changes` continues from the last checkpoint,
 * which a finished import seeds so the first incremental sync does not re-emit the whole CRM.
 */
export class SyncCrm {
  constructor(
    private readonly connector: CrmConnector,
    private readonly checkpoints: SyncCheckpoints,
    private readonly publisher: EventPublisher,
    private readonly newTraceId: () => string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async run(mode: SyncMode, onProgress: (progress: SyncProgress) => void = () => undefined, maxPages = Infinity): Promise<SyncReport> {
    const report: SyncReport = { published: 0, pages: 0 };
    const { provider } = this.connector;
    for (const stream of this.connector.streams) {
      const saved = await this.checkpoints.load(provider, stream, mode);
      let cursor = mode === 'import' && saved?.done ? undefined : saved?.cursor;
      if (mode === 'import' && (!saved || saved.done)) await this.checkpoints.save(provider, stream, 'import', undefined, false);
      const total = mode === 'import' ? await this.connector.estimateTotal?.(stream) : undefined;
      let published = 0;
      for (;;) {
        if (report.pages >= maxPages) return report;
        const page = await retryTransient(
          () => (mode === 'import' ? this.connector.fetchPage(stream, cursor) : this.connector.fetchChangesSince(stream, cursor)),
          this.retry,
        );
        await this.publishAll(page.records.map((record) => toSyncEvent(provider, record)));
        cursor = page.checkpoint ?? cursor;
        await this.checkpoints.save(provider, stream, mode, cursor, page.done);
        if (mode === 'import' && page.done) await this.seedChanges(provider, stream, cursor);
        report.pages += 1;
        report.published += page.records.length;
        published += page.records.length;
        onProgress({ stream, published, total });
        if (page.done) break;
      }
    }
    return report;
  }

  private async seedChanges(provider: string, stream: string, cursor: string | undefined): Promise<void> {
    const changes = await this.checkpoints.load(provider, stream, 'changes');
    if (!changes?.cursor) await this.checkpoints.save(provider, stream, 'changes', cursor, true);
  }

  /** One customer's events in order; different customers in parallel (the producer batches them). */
  private async publishAll(events: CustomerUpdated[]): Promise<void> {
    const byCustomer = new Map<string, CustomerUpdated[]>();
    for (const event of events) byCustomer.set(event.customerId, [...(byCustomer.get(event.customerId) ?? []), event]);
    const traceId = this.newTraceId();
    await Promise.all(
      [...byCustomer.values()].map(async (ofOne) => {
        for (const event of ofOne) await this.publisher.publish(Topics.CustomerUpdated, event, traceId);
      }),
    );
  }
}
