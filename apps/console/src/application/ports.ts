import type { AnalyticsRow } from '../domain/analytics-row';

export interface AnalyticsStore {
  /** Records events and refreshes the rollup of the messages they touch; an event id seen before changes nothing. */
  append(rows: readonly AnalyticsRow[]): Promise<{ inserted: number }>;
  /** Recomputes the whole per-message rollup from the events. */
  rebuildRollup(): Promise<{ messages: number }>;
  /** Empties the store before a replay rebuilds it. */
  truncate(): Promise<void>;
  countsByType(): Promise<Record<string, number>>;
}
export const ANALYTICS_STORE = Symbol('AnalyticsStore');

export interface TopicHealth {
  topic: string;
  /** Messages on the topic the console's consumer group has not processed yet; null when unknown. */
  consumerLag: number | null;
  deadLetters: number;
}

/** Where the pipeline's topics stand: Kafka's admin API, or the in-process bus in the embedded mode. */
export interface PipelineProbe {
  readonly source: 'kafka' | 'in-process';
  topics(recordedByType: Record<string, number>): Promise<TopicHealth[]>;
}
export const PIPELINE_PROBE = Symbol('PipelineProbe');
