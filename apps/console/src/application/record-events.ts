import type { EventOf, Topic } from '@syncengage/contracts';
import { toAnalyticsRow } from '../domain/analytics-row';
import type { AnalyticsStore } from './ports';

/** Every event on the pipeline's topics goes into the analytics store as it is, once. */
export class RecordEvents {
  constructor(private readonly store: AnalyticsStore) {}

  async execute<T extends Topic>(topic: T, events: ReadonlyArray<EventOf<T>>): Promise<{ inserted: number }> {
    return this.store.append(events.map((event) => toAnalyticsRow(topic, event)));
  }
}
