import { resolve } from 'node:path';
import { EnvReader, readInfrastructure, type InfrastructureSettings } from '@syncengage/config';
import type { RiskBandThresholds } from './domain/risk-band';

export interface ChurnScorerConfig {
  infrastructure: InfrastructureSettings;
  httpPort: number;
  grpcPort: number;
  /** The model artifact; the bundled one (trained on simulated data) when unset. */
  modelPath: string;
  /**
   * How a new model file is picked up without a restart: `watch` (the file changing on disk, and SIGHUP),
   * `signal` (SIGHUP only) or `off`. Defaults to watch for a CHURN_MODEL_PATH of one's own, off for the bundled
   * model, which only a new release changes.
   */
  modelReload: ModelReloadMode;
  /** With `watch`: how often the file is also stat()ed, for file systems that send no change events; 0: events only. */
  modelPollIntervalMs: number;
  /** With `watch`: how long the file must stay unchanged before it is read, so a copy still in progress is not. */
  modelSettleMs: number;
  /** false: score by a transparent recency rule instead of the forest. */
  enablePredictiveChurn: boolean;
  thresholds: RiskBandThresholds;
  /** Customers not scored for this long are rescored by the sweep. */
  rescoreAfterDays: number;
  /** How often the sweep runs; 0 turns it off (the embedded replay drives it by the simulated calendar). */
  rescoreIntervalMs: number;
}

export const MODEL_RELOAD_MODES = ['watch', 'signal', 'off'] as const;
export type ModelReloadMode = (typeof MODEL_RELOAD_MODES)[number];

export const BUNDLED_MODEL_PATH = resolve(__dirname, '../models/default-model.json');

export function loadChurnScorerConfig(env: NodeJS.ProcessEnv): ChurnScorerConfig {
  const read = new EnvReader(env);
  const ownModelPath = read.optionalString('CHURN_MODEL_PATH');
  const config: ChurnScorerConfig = {
    infrastructure: readInfrastructure(read, 'churn-scorer'),
    httpPort: read.int('CHURN_SCORER_HTTP_PORT', { default: 3001, min: 0, max: 65535 }),
    grpcPort: read.int('CHURN_GRPC_PORT', { default: 50051, min: 0, max: 65535 }),
    modelPath: ownModelPath ?? BUNDLED_MODEL_PATH,
    modelReload: read.oneOf('CHURN_MODEL_RELOAD', MODEL_RELOAD_MODES, { default: ownModelPath ? 'watch' : 'off' }),
    modelPollIntervalMs: read.int('CHURN_MODEL_POLL_INTERVAL_MS', { default: 2_000, min: 0 }),
    modelSettleMs: read.int('CHURN_MODEL_SETTLE_MS', { default: 500, min: 0 }),
    enablePredictiveChurn: read.bool('ENABLE_PREDICTIVE_CHURN', { default: true }),
    thresholds: {
      mediumFrom: read.number('CHURN_BAND_MEDIUM_FROM', { default: 0.4, min: 0, max: 1 }),
      highFrom: read.number('CHURN_BAND_HIGH_FROM', { default: 0.7, min: 0, max: 1 }),
    },
    rescoreAfterDays: read.number('CHURN_RESCORE_AFTER_DAYS', { default: 7, min: 0.01 }),
    rescoreIntervalMs: read.int('CHURN_RESCORE_INTERVAL_MS', { default: 3_600_000, min: 0 }),
  };
  if (config.thresholds.mediumFrom > config.thresholds.highFrom) {
    read.problem(`CHURN_BAND_MEDIUM_FROM (${config.thresholds.mediumFrom}) must not be above CHURN_BAND_HIGH_FROM (${config.thresholds.highFrom})`);
  }
  read.throwIfInvalid('churn-scorer');
  return Object.freeze(config);
}
