import type { Calibration } from './calibration';
import type { FlatForest } from './random-forest/flat-forest';
import type { ForestParameters } from './random-forest/forest-parameters';
import { decodeNumbers, encodeNumbers } from './typed-array-codec';

/**
 * The churn model on disk: one self-describing JSON document. It names the features and their definition version,
 * the data it was trained on (by hash), how (hyper-parameters) and how well (metrics), and carries the forest as
 * base64 typed arrays in preorder (a left child is the next node, so only right children are stored, and only
 * inner nodes have thresholds).
 */
export const MODEL_FORMAT_VERSION = 1;
export const MODEL_KIND = 'syncengage.churn-model';

export interface EncodedForest {
  encoding: 'base64-little-endian';
  treeCount: number;
  nodeCount: number;
  featureCount: number;
  /** int32 per tree: its root node. */
  roots: string;
  /** int16 per node: split feature, −1 for a leaf. */
  feature: string;
  /** float64 per inner node, in node order: go left when x <= threshold. */
  threshold: string;
  /** int32 per node: right child, −1 for a leaf. */
  right: string;
  /** float32 per node: probability of churn in the node. */
  value: string;
}

export interface TrainingProvenance {
  /** sha256 of the training log as read (decompressed bytes). */
  dataSha256: string;
  /** File name only: where the data came from, without leaking local paths. */
  source: string;
  cutoffDate: string;
  population: number;
  churnRate: number;
}

export interface ModelArtifact {
  formatVersion: typeof MODEL_FORMAT_VERSION;
  kind: typeof MODEL_KIND;
  /** `rf-YYYYMMDD-<8 hex of a fingerprint of data, features and parameters>`. */
  modelVersion: string;
  createdAt: string;
  featureSetVersion: string;
  featureNames: string[];
  /** The score is the probability of no order within this many days after scoring. */
  horizonDays: number;
  training: TrainingProvenance;
  hyperParameters: ForestParameters;
  /** Out-of-bag estimates on the training population, plus anything the trainer measured. */
  metrics: Record<string, number>;
  featureImportances: Record<string, number>;
  calibration: Calibration | null;
  forest: EncodedForest;
}

export class InvalidModelArtifact extends Error {
  readonly code = 'INVALID_MODEL_ARTIFACT';
  constructor(readonly field: string, problem: string) {
    super(`invalid churn model artifact: ${field} ${problem}`);
  }
}

export function modelVersionOf(createdAt: Date, fingerprintHex: string): string {
  return `rf-${createdAt.toISOString().slice(0, 10).replace(/-/g, '')}-${fingerprintHex.slice(0, 8)}`;
}

export function encodeForest(forest: FlatForest): EncodedForest {
  const thresholds: number[] = [];
  for (let node = 0; node < forest.feature.length; node++) {
    if (forest.feature[node] < 0) continue;
    if (forest.left[node] !== node + 1) throw new RangeError(`encodeForest: node ${node} is not in preorder (left child ${forest.left[node]})`);
    thresholds.push(forest.threshold[node]);
  }
  return {
    encoding: 'base64-little-endian',
    treeCount: forest.roots.length,
    nodeCount: forest.feature.length,
    featureCount: forest.featureCount,
    roots: encodeNumbers('int32', forest.roots),
    feature: encodeNumbers('int16', forest.feature),
    threshold: encodeNumbers('float64', thresholds),
    right: encodeNumbers('int32', forest.right),
    value: encodeNumbers('float32', forest.value),
  };
}

export function decodeForest(encoded: EncodedForest): FlatForest {
  const decode = <T>(field: string, read: () => T): T => {
    try { return read(); } catch (error) { throw new InvalidModelArtifact(`forest.${field}`, (error as Error).message); }
  };
  const roots = decode('roots', () => decodeNumbers('int32', encoded.roots));
  const feature = decode('feature', () => decodeNumbers('int16', encoded.feature));
  const innerThresholds = decode('threshold', () => decodeNumbers('float64', encoded.threshold));
  const right = decode('right', () => decodeNumbers('int32', encoded.right));
  const value = decode('value', () => decodeNumbers('float32', encoded.value));
  const nodeCount = encoded.nodeCount;
  if (roots.length !== encoded.treeCount || roots.length === 0) throw new InvalidModelArtifact('forest.roots', `has ${roots.length} trees, treeCount says ${encoded.treeCount}`);
  for (const [name, array] of [['feature', feature], ['right', right], ['value', value]] as const) {
    if (array.length !== nodeCount) throw new InvalidModelArtifact(`forest.${name}`, `has ${array.length} nodes, nodeCount says ${nodeCount}`);
  }
  const threshold = new Float64Array(nodeCount);
  const left = new Int32Array(nodeCount).fill(-1);
  let inner = 0;
  for (let node = 0; node < nodeCount; node++) {
    if (feature[node] < 0) continue;
    if (feature[node] >= encoded.featureCount) throw new InvalidModelArtifact('forest.feature', `node ${node} splits on feature ${feature[node]} of ${encoded.featureCount}`);
    if (!(right[node] > node + 1 && right[node] < nodeCount)) throw new InvalidModelArtifact('forest.right', `node ${node} points to ${right[node]}`);
    threshold[node] = innerThresholds[inner++];
    left[node] = node + 1;
  }
  if (inner !== innerThresholds.length) throw new InvalidModelArtifact('forest.threshold', `has ${innerThresholds.length} values for ${inner} inner nodes`);
  if (Array.from(roots).some((root) => root < 0 || root >= nodeCount)) throw new InvalidModelArtifact('forest.roots', 'points outside the nodes');
  return { featureCount: encoded.featureCount, roots, feature, threshold, left, right, value };
}

/** Checks the shape of a parsed JSON document and returns it typed; the error names the first bad field. */
export function parseModelArtifact(json: unknown): ModelArtifact {
  const document = expectObject(json, 'artifact');
  if (document.kind !== MODEL_KIND) throw new InvalidModelArtifact('kind', `must be "${MODEL_KIND}", got ${describe(document.kind)}`);
  if (document.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new InvalidModelArtifact('formatVersion', `must be ${MODEL_FORMAT_VERSION} (this build reads only that), got ${describe(document.formatVersion)}`);
  }
  for (const field of ['modelVersion', 'createdAt', 'featureSetVersion'] as const) expectString(document[field], field);
  if (Number.isNaN(Date.parse(document.createdAt as string))) throw new InvalidModelArtifact('createdAt', 'is not an ISO-8601 date');
  const featureNames = document.featureNames;
  if (!Array.isArray(featureNames) || featureNames.length === 0 || !featureNames.every((name) => typeof name === 'string')) {
    throw new InvalidModelArtifact('featureNames', 'must be a non-empty array of strings');
  }
  expectPositiveInteger(document.horizonDays, 'horizonDays');
  const training = expectObject(document.training, 'training');
  expectString(training.dataSha256, 'training.dataSha256');
  expectString(training.cutoffDate, 'training.cutoffDate');
  expectObject(document.hyperParameters, 'hyperParameters');
  expectNumberRecord(document.metrics, 'metrics');
  expectNumberRecord(document.featureImportances, 'featureImportances');
  parseCalibration(document.calibration);
  const forest = expectObject(document.forest, 'forest');
  if (forest.encoding !== 'base64-little-endian') throw new InvalidModelArtifact('forest.encoding', `must be "base64-little-endian", got ${describe(forest.encoding)}`);
  for (const field of ['treeCount', 'nodeCount', 'featureCount'] as const) expectPositiveInteger(forest[field], `forest.${field}`);
  for (const field of ['roots', 'feature', 'threshold', 'right', 'value'] as const) expectString(forest[field], `forest.${field}`, true);
  if (forest.featureCount !== featureNames.length) {
    throw new InvalidModelArtifact('forest.featureCount', `is ${describe(forest.featureCount)} but featureNames lists ${featureNames.length}`);
  }
  return document as unknown as ModelArtifact;
}

function parseCalibration(value: unknown): void {
  if (value === null) return;
  const calibration = expectObject(value, 'calibration');
  if (calibration.method === 'platt') {
    if (typeof calibration.intercept !== 'number' || typeof calibration.slope !== 'number') throw new InvalidModelArtifact('calibration', 'platt needs numeric intercept and slope');
    return;
  }
  if (calibration.method === 'isotonic') {
    const { x, y } = calibration;
    const isNumbers = (array: unknown): array is number[] => Array.isArray(array) && array.every((entry) => typeof entry === 'number');
    if (!isNumbers(x) || !isNumbers(y) || x.length !== y.length || x.length === 0) throw new InvalidModelArtifact('calibration', 'isotonic needs x and y arrays of equal, non-zero length');
    if (x.some((entry, i) => i > 0 && entry < x[i - 1])) throw new InvalidModelArtifact('calibration.x', 'must be ascending');
    return;
  }
  throw new InvalidModelArtifact('calibration.method', `must be "isotonic", "platt" or calibration null, got ${describe(calibration.method)}`);
}

function expectObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidModelArtifact(field, `must be an object, got ${describe(value)}`);
  return value as Record<string, unknown>;
}

function expectString(value: unknown, field: string, allowEmpty = false): void {
  if (typeof value !== 'string' || (!allowEmpty && value === '')) throw new InvalidModelArtifact(field, `must be a non-empty string, got ${describe(value)}`);
}

function expectPositiveInteger(value: unknown, field: string): void {
  if (!Number.isInteger(value) || (value as number) < 1) throw new InvalidModelArtifact(field, `must be an integer >= 1, got ${describe(value)}`);
}

function expectNumberRecord(value: unknown, field: string): void {
  const record = expectObject(value, field);
  for (const [key, entry] of Object.entries(record)) {
    if (typeof entry !== 'number') throw new InvalidModelArtifact(`${field}.${key}`, `must be a number, got ${describe(entry)}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
