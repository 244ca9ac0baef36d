import type { BinnedColumn } from './binning';
import { randomInt, type Random } from './prng';

export type SplitCriterion = 'gini' | 'entropy';

export interface GrowOptions {
  maxDepth: number;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  /** Features drawn per split; constant features do not count, as in scikit-learn. */
  featuresPerSplit: number;
  criterion: SplitCriterion;
}

/** One tree in preorder: the left child of node i is node i + 1, so only the right child is stored. */
export interface GrownTree {
  /** Split feature, −1 for a leaf. */
  feature: Int32Array;
  /** Go left when x <= threshold. */
  threshold: Float64Array;
  /** Right child of an inner node, −1 for a leaf. */
  right: Int32Array;
  /** Weighted share of churned samples in the node, rounded to float32 (the precision the artifact stores). */
  value: Float64Array;
  /** Weighted impurity decrease per feature, summed over the tree's splits (not normalised). */
  importance: Float64Array;
}

interface PendingNode { start: number; end: number; depth: number; parent: number; isRight: boolean }

/**
 * Grows one CART tree on binned columns. `rows` lists the in-bag rows once each, `weights` their bootstrap
 * count times class weight; min_samples_* count rows, like scikit-learn. Depth-first with an explicit stack and
 * in-place partitioning of `rows`, histograms over bins for the split search.
 */
export function growTree(columns: ReadonlyArray<BinnedColumn>, labels: Uint8Array, rows: Int32Array, weights: Float64Array,
  options: GrowOptions, random: Random): GrownTree {
  const featureCount = columns.length;
  const maxBins = columns.reduce((most, column) => Math.max(most, column.thresholds.length + 1), 1);
  // Interleaved [bin·2 + label]: the label picks the slot, so the hot loop has no branch on a coin-flip label.
  const histogram = new Float64Array(2 * maxBins);
  const histogramCount = new Int32Array(maxBins);
  const featureOrder = Int32Array.from({ length: featureCount }, (_, index) => index);
  const impurity = options.criterion === 'gini' ? gini : entropy;
  const score = options.criterion === 'gini' ? giniScore : entropyScore;
  const minSplit = Math.max(options.minSamplesSplit, 2 * options.minSamplesLeaf);

  const feature: number[] = [];
  const threshold: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const importance = new Float64Array(featureCount);
  const stack: PendingNode[] = [{ start: 0, end: rows.length, depth: 0, parent: -1, isRight: false }];

  while (stack.length > 0) {
    const node = stack.pop() as PendingNode;
    const id = feature.length;
    if (node.isRight) right[node.parent] = id;
    let total0 = 0;
    let total1 = 0;
    for (let i = node.start; i < node.end; i++) {
      const row = rows[i];
      if (labels[row] === 1) total1 += weights[row]; else total0 += weights[row];
    }
    const totalWeight = total0 + total1;
    feature.push(-1);
    threshold.push(0);
    right.push(-1);
    value.push(Math.fround(totalWeight > 0 ? total1 / totalWeight : 0));
    const count = node.end - node.start;
    if (node.depth >= options.maxDepth || count < minSplit || total0 === 0 || total1 === 0) continue;

    let bestScore = -Infinity;
    let bestFeature = -1;
    let bestBin = -1;
    let bestLeft0 = 0;
    let bestLeft1 = 0;
    let visited = 0;
    for (let k = 0; k < featureCount && visited < options.featuresPerSplit; k++) {
      const swap = k + randomInt(random, featureCount - k);
      const candidate = featureOrder[swap];
      featureOrder[swap] = featureOrder[k];
      featureOrder[k] = candidate;

      const codes = columns[candidate].codes;
      let lowBin = maxBins;
      let highBin = -1;
      for (let i = node.start; i < node.end; i++) {
        const row = rows[i];
        const bin = codes[row];
        histogram[2 * bin + labels[row]] += weights[row];
        histogramCount[bin]++;
        if (bin < lowBin) lowBin = bin;
        if (bin > highBin) highBin = bin;
      }
      if (lowBin !== highBin) {
        visited++;
        let left0 = 0;
        let left1 = 0;
        let leftCount = 0;
        for (let bin = lowBin; bin < highBin; bin++) {
          if (histogramCount[bin] === 0) continue;
          left0 += histogram[2 * bin];
          left1 += histogram[2 * bin + 1];
          leftCount += histogramCount[bin];
          if (leftCount < options.minSamplesLeaf) continue;
          if (count - leftCount < options.minSamplesLeaf) break;
          const splitScore = score(left0, left1, total0 - left0, total1 - left1);
          if (splitScore > bestScore) {
            bestScore = splitScore;
            bestFeature = candidate;
            bestBin = bin;
            bestLeft0 = left0;
            bestLeft1 = left1;
          }
        }
      }
      histogram.fill(0, 2 * lowBin, 2 * highBin + 2);
      histogramCount.fill(0, lowBin, highBin + 1);
    }
    if (bestFeature < 0) continue;

    const codes = columns[bestFeature].codes;
    let nextBin = maxBins;
    let low = node.start;
    let high = node.end - 1;
    while (low <= high) {
      const bin = codes[rows[low]];
      if (bin <= bestBin) { low++; continue; }
      if (bin < nextBin) nextBin = bin;
      const swapped = rows[low];
      rows[low] = rows[high];
      rows[high] = swapped;
      high--;
    }
    // Any cut between the two occupied bins separates the node the same way; the middle one mimics CART's midpoint.
    const thresholds = columns[bestFeature].thresholds;
    feature[id] = bestFeature;
    threshold[id] = thresholds[(bestBin + nextBin - 1) >>> 1];
    const right0 = total0 - bestLeft0;
    const right1 = total1 - bestLeft1;
    importance[bestFeature] += totalWeight * impurity(total0, total1)
      - (bestLeft0 + bestLeft1) * impurity(bestLeft0, bestLeft1) - (right0 + right1) * impurity(right0, right1);
    stack.push({ start: low, end: node.end, depth: node.depth + 1, parent: id, isRight: true });
    stack.push({ start: node.start, end: low, depth: node.depth + 1, parent: id, isRight: false });
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    importance,
  };
}

function gini(weight0: number, weight1: number): number {
  const total = weight0 + weight1;
  if (total === 0) return 0;
  const p0 = weight0 / total;
  const p1 = weight1 / total;
  return 1 - p0 * p0 - p1 * p1;
}

function entropy(weight0: number, weight1: number): number {
  const total = weight0 + weight1;
  let result = 0;
  for (const weight of [weight0, weight1]) if (weight > 0) result -= (weight / total) * Math.log2(weight / total);
  return result;
}

/** Larger is better; equals −(weighted child Gini) up to a constant of the node. */
function giniScore(left0: number, left1: number, right0: number, right1: number): number {
  return (left0 * left0 + left1 * left1) / (left0 + left1) + (right0 * right0 + right1 * right1) / (right0 + right1);
}

function entropyScore(left0: number, left1: number, right0: number, right1: number): number {
  return -((left0 + left1) * entropy(left0, left1) + (right0 + right1) * entropy(right0, right1));
}
