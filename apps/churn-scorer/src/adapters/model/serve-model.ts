import { FEATURE_NAMES, FEATURE_SET_VERSION } from '../../domain/features';
import type { ChurnScorerConfig, ModelReloadMode } from '../../config';
import { readModelFile } from './model-file';
import { ModelFileWatcher } from './model-file-watcher';
import { RecencyRuleModel } from './recency-rule-model';
import { ReloadableModelProvider, type ModelLog, type ModelSource } from './reloadable-model-provider';

export interface ServingModel {
  provider: ReloadableModelProvider;
  /** What reloads the model in this process: the configured mode, or `off` for the recency rule (no file). */
  reloads: ModelReloadMode;
  /** Stops watching and listening for SIGHUP; the provider keeps its model. */
  stop(): void;
}

/**
 * Loads the model before the service takes traffic (a bad artifact stops the start, naming the file) and sets up
 * what reloads it: SIGHUP unless reloading is off, and with `watch` the file changing on disk.
 */
export async function startServingModel(config: ChurnScorerConfig, log: ModelLog): Promise<ServingModel> {
  const source: ModelSource = config.enablePredictiveChurn
    ? { description: config.modelPath, read: (loadedAt) => readModelFile(config.modelPath, loadedAt) }
    : { description: 'the recency rule', read: async (loadedAt) => ({ model: new RecencyRuleModel(FEATURE_NAMES, FEATURE_SET_VERSION, 90, loadedAt) }) };
  const provider = new ReloadableModelProvider(source, log);
  await provider.load();

  const reloads: ModelReloadMode = config.enablePredictiveChurn ? config.modelReload : 'off';
  const reload = (trigger: string) => () => {
    provider.reload(trigger).catch((error: Error) => log.error(`reloading the model failed (${trigger}): ${error.message}`));
  };
  const stops: Array<() => void> = [];
  if (reloads !== 'off') {
    const onHangUp = reload('SIGHUP');
    process.on('SIGHUP', onHangUp);
    stops.push(() => process.off('SIGHUP', onHangUp));
  }
  if (reloads === 'watch') {
    const watcher = new ModelFileWatcher(
      { path: config.modelPath, pollIntervalMs: config.modelPollIntervalMs, settleMs: config.modelSettleMs },
      reload(`a change of ${config.modelPath}`),
      (error) => log.error(`stopped watching ${config.modelPath} for changes (${error.message}); ${config.modelPollIntervalMs > 0 ? `polling every ${config.modelPollIntervalMs} ms goes on` : 'only SIGHUP reloads it now'}`),
    );
    await watcher.start();
    stops.push(() => watcher.stop());
  }
  return { provider, reloads, stop: () => stops.forEach((stop) => stop()) };
}
