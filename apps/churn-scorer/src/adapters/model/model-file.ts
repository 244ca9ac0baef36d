import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { loadChurnModel } from '../../domain/churn-model';
import { parseModelArtifact } from '../../domain/model-artifact';
import type { ChurnModel } from '../../application/ports';

export class ModelFileError extends Error {
  readonly code = 'MODEL_FILE_INVALID';
  constructor(readonly path: string, detail: string) {
    super(`cannot load the churn model from ${path}: ${detail} (set CHURN_MODEL_PATH to a file written by npm run churn:train)`);
  }
}

/** A model and the hash of the bytes it came from: a rewrite with the same bytes is not a new model. */
export interface LoadedModel {
  model: ChurnModel;
  sha256?: string;
}

/**
 * Reads, validates and tries one artifact: a file cut short by a writer still at work, a forest trained on other
 * features or one whose numbers are broken is refused here, before it could score anybody.
 */
export async function readModelFile(path: string, loadedAt: Date): Promise<LoadedModel> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ModelFileError(path, (error as Error).message);
  }
  try {
    const artifact = parseModelArtifact(JSON.parse(bytes.toString('utf8')));
    const forest = loadChurnModel(artifact);
    const model: ChurnModel = {
      modelVersion: forest.modelVersion,
      featureSetVersion: forest.featureSetVersion,
      horizonDays: forest.horizonDays,
      featureNames: forest.featureNames,
      score: (features) => forest.score(features),
      explain: (features, top) => forest.explain(features, top),
      provenance: { createdAt: artifact.createdAt, training: artifact.training, metrics: artifact.metrics, loadedAt },
    };
    assertScoresProbabilities(model);
    return { model, sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch (error) {
    throw new ModelFileError(path, (error as Error).message);
  }
}

/** Valid JSON can still carry NaN leaves or a calibration gone wrong; one score of a neutral row shows it. */
function assertScoresProbabilities(model: ChurnModel): void {
  const probe = new Float64Array(model.featureNames.length);
  const score = model.score(probe);
  if (!(score >= 0 && score <= 1)) throw new RangeError(`model ${model.modelVersion} scores an all-zero row ${score}, not a probability`);
}
