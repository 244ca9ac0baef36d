import type { ModelInfo } from '@syncengage/contracts';
import type { ModelVersionUsage } from './read-models';

/** The churn scorer's GetModelInfo, asked over gRPC; rejects with the reason when the scorer cannot answer. */
export interface ModelInfoSource {
  readonly address: string;
  fetch(): Promise<ModelInfo>;
}
export const MODEL_INFO_SOURCE = Symbol('ModelInfoSource');

/** The model the scorer serves now, as the console shows it: metrics are on no topic, only the scorer knows them. */
export interface LiveModel {
  modelVersion: string;
  featureSetVersion: string;
  featureNames: string[];
  horizonDays: number;
  /** null for the recency rule, which is not trained. */
  createdAt: string | null;
  loadedAt: string;
  training: ModelInfo['training'];
  /** As the trainer measured them, e.g. oobRocAuc, oobBrier, oobLogLoss. */
  metrics: Record<string, number>;
  bandThresholds: ModelInfo['bandThresholds'];
}

export type LiveModelState =
  | { status: 'ok'; address: string; fetchedAt: string; model: LiveModel }
  | { status: 'unreachable'; address: string; reason: string }
  | { status: 'not-configured'; reason: string };

/** The live model beside what churn-scored says about its version: the share of customers it scored in the range. */
export type LiveModelReport = LiveModelState & { usage: ModelVersionUsage | null };

export const NOT_CONFIGURED_REASON =
  "model metrics come from the churn scorer's gRPC GetModelInfo: set CONSOLE_CHURN_SCORER_ADDRESS (host:port) to show them";

/**
 * Asks the scorer at most once per `cacheMs` (a hot swap shows within that), shares one call among concurrent
 * page loads, and turns any failure into an `unreachable` state: the rest of the page never depends on the scorer.
 * Failures are not cached, so a scorer that comes back is seen on the next load.
 */
export class DescribeLiveModel {
  private cached?: { at: number; state: LiveModelState };
  private inFlight?: Promise<LiveModelState>;

  constructor(
    private readonly source: ModelInfoSource | undefined,
    private readonly cacheMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(): Promise<LiveModelState> {
    if (!this.source) return { status: 'not-configured', reason: NOT_CONFIGURED_REASON };
    if (this.cached && this.now().getTime() - this.cached.at < this.cacheMs) return this.cached.state;
    this.inFlight ??= this.ask(this.source).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async ask(source: ModelInfoSource): Promise<LiveModelState> {
    try {
      const info = await source.fetch();
      const fetchedAt = this.now();
      const state: LiveModelState = { status: 'ok', address: source.address, fetchedAt: fetchedAt.toISOString(), model: toLiveModel(info) };
      this.cached = { at: fetchedAt.getTime(), state };
      return state;
    } catch (error) {
      return { status: 'unreachable', address: source.address, reason: error instanceof Error ? error.message : String(error) };
    }
  }
}

export function withUsage(state: LiveModelState, usage: readonly ModelVersionUsage[]): LiveModelReport {
  const version = state.status === 'ok' ? state.model.modelVersion : undefined;
  return { ...state, usage: usage.find((row) => row.modelVersion === version) ?? null };
}

function toLiveModel(info: ModelInfo): LiveModel {
  return {
    modelVersion: info.modelVersion,
    featureSetVersion: info.featureSetVersion,
    featureNames: [...info.featureNames],
    horizonDays: info.horizonDays,
    createdAt: info.createdAt === '' ? null : info.createdAt,
    loadedAt: info.loadedAt,
    training: info.training,
    metrics: { ...info.metrics },
    bandThresholds: info.bandThresholds,
  };
}
