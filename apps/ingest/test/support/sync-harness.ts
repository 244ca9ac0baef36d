import { newEventId } from '@syncengage/contracts';
import { openDatabase, migrate } from '@syncengage/db';
import { KafkaEventPublisher } from '@syncengage/kafka';
import type { MessageCollector } from '@syncengage/testing';
import type { CrmConnector } from '../../src/application/crm-connector';
import type { RetryPolicy } from '../../src/application/retry-transient';
import { SyncCrm } from '../../src/application/sync-crm';
import { INGEST_MIGRATIONS } from '../../src/adapters/postgres/migrations';
import { PostgresSyncCheckpoints } from '../../src/adapters/postgres/postgres-sync-checkpoints';
import { watchCustomerUpdates } from './customer-updates';

/** SyncCrm wired as the service wires it: checkpoints in a migrated database of its own, events to the broker. */
export interface SyncHarness {
  updates: MessageCollector;
  syncOf(connector: CrmConnector): SyncCrm;
  close(): Promise<void>;
}

export async function openSyncHarness(brokers: string[], options: { databaseName: string; clientId: string; retry: RetryPolicy }): Promise<SyncHarness> {
  const watched = await watchCustomerUpdates(brokers, options.databaseName);
  const db = await openDatabase(watched.database.url);
  try {
    await migrate(db, 'ingest', INGEST_MIGRATIONS);
    const publisher = await KafkaEventPublisher.connect(brokers, options.clientId);
    return {
      updates: watched.updates,
      syncOf: (connector) => new SyncCrm(connector, new PostgresSyncCheckpoints(db), publisher, newEventId, options.retry),
      close: async () => {
        await publisher.close();
        await db.close();
        await watched.close();
      },
    };
  } catch (error) {
    await db.close();
    await watched.close();
    throw error;
  }
}
