import { Topics } from '@syncengage/contracts';
import { collectMessages, createFreshDatabase, createTopics, type FreshDatabase, type MessageCollector } from '@syncengage/testing';

/** A suite's own ingest database, and the customer-updated messages published from the moment it opened. */
export interface CustomerUpdates {
  database: FreshDatabase;
  updates: MessageCollector;
  close(): Promise<void>;
}

export async function watchCustomerUpdates(brokers: string[], databaseName: string): Promise<CustomerUpdates> {
  const database = await createFreshDatabase(databaseName);
  const updates = await createTopics(brokers, [Topics.CustomerUpdated])
    .then(() => collectMessages(brokers, Topics.CustomerUpdated, { fromBeginning: false }))
    .catch(async (error: unknown) => {
      await database.drop();
      throw error;
    });
  return {
    database,
    updates,
    close: async () => {
      await updates.stop();
      await database.drop();
    },
  };
}
