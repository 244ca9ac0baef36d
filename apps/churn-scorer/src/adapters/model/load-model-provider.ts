import { readFile } from 'node:fs/promises';
import { FEATURE_NAMES } from '../../domain/features';
import { loadChurnModel } from '../../domain/churn-model';
import type { ChurnModel, ModelProvider } from '../../application/ports';
import type { ChurnScorerConfig } from '../../config';
import { RecencyRuleModel } from './recency-rule-model';

export class ModelFileError extends Error {
  readonly code = 'MODEL_FILE_INVALID';
  constructor(path: string, detail: string) {
    super(`cannot load the churn model from ${path}: ${detail} (set CHURN_MODEL_PATH to a file written by npm run churn:train)`);
  }
}

/** Reads and validates the artifact once at start-up: a bad file stops the service before it takes traffic. */
export async function loadModelProvider(config: ChurnScorerConfig): Promise<ModelProvider> {
  const model = config.enablePredictiveChurn ? await readModel(config.modelPath) : new RecencyRuleModel(FEATURE_NAMES, 90);
  return { current: () => model };
}

async function readModel(path: string): Promise<ChurnModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ModelFileError(path, (error as Error).message);
  }
  try {
    return loadChurnModel(JSON.parse(text));
  } catch (error) {
    throw new ModelFileError(path, (error as Error).message);
  }
}
