/**
 * Quality metrics of churn probabilities, as the evaluation protocol defines them (scikit-learn's definitions).
 * Labels: 1 = churned (the positive class), 0 = stayed.
 */

export const PROBABILITY_CLIP = 1e-6;

/** Area under the ROC curve by the rank-sum statistic; tied scores share their average rank. NaN without both classes. */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = sortedIndices(scores, 'ascending');
  let positives = 0;
  let rankSumOfPositives = 0;
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && scores[order[end]] === scores[order[start]]) end++;
    const averageRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if (labels[order[k]] === 1) { positives++; rankSumOfPositives += averageRank; }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumOfPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Average precision as scikit-learn's average_precision_score: Σ (R_k − R_{k−1}) · P_k over the distinct score
 * thresholds, highest first, with no interpolation. Its chance level is the positive rate.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = sortedIndices(scores, 'descending');
  const positives = countPositives(labels);
  if (positives === 0) return Number.NaN;
  let truePositives = 0;
  let seen = 0;
  let previousRecall = 0;
  let sum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end < order.length && scores[order[end]] === scores[order[start]]) {
      truePositives += labels[order[end]] === 1 ? 1 : 0;
      end++;
    }
    seen = end;
    const recall = truePositives / positives;
    sum += (recall - previousRecall) * (truePositives / seen);
    previousRecall = recall;
    start = end;
  }
  return sum;
}

export function brierScore(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i] - labels[i]) ** 2;
  return sum / labels.length;
}

/** Mean negative log-likelihood with probabilities clipped to [clip, 1 − clip] (the protocol uses 1e-6). */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>, clip = PROBABILITY_CLIP): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - clip, Math.max(clip, probabilities[i]));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}

export function accuracy(labels: ArrayLike<number>, probabilities: ArrayLike<number>, threshold = 0.5): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if ((probabilities[i] >= threshold ? 1 : 0) === labels[i]) correct++;
  return correct / labels.length;
}

export function positiveRate(labels: ArrayLike<number>): number {
  return countPositives(labels) / labels.length;
}

export interface CurvePoint { x: number; y: number }

/** ROC curve points (false positive rate, true positive rate), one per distinct score, from (0,0) to (1,1). */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): CurvePoint[] {
  const order = sortedIndices(scores, 'descending');
  const positives = countPositives(labels);
  const negatives = labels.length - positives;
  const points: CurvePoint[] = [{ x: 0, y: 0 }];
  let truePositives = 0;
  let falsePositives = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end < order.length && scores[order[end]] === scores[order[start]]) {
      if (labels[order[end]] === 1) truePositives++; else falsePositives++;
      end++;
    }
    points.push({ x: negatives > 0 ? falsePositives / negatives : 0, y: positives > 0 ? truePositives / positives : 0 });
    start = end;
  }
  return points;
}

export interface CalibrationBin { meanPredicted: number; observedRate: number; count: number }

/** Reliability diagram data: equal-width probability bins; empty bins are left out. */
export function calibrationBins(labels: ArrayLike<number>, probabilities: ArrayLike<number>, binCount = 10): CalibrationBin[] {
  const sums = new Float64Array(binCount);
  const hits = new Float64Array(binCount);
  const counts = new Int32Array(binCount);
  for (let i = 0; i < labels.length; i++) {
    const bin = Math.min(binCount - 1, Math.max(0, Math.floor(probabilities[i] * binCount)));
    sums[bin] += probabilities[i];
    hits[bin] += labels[i];
    counts[bin]++;
  }
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < binCount; b++) {
    if (counts[b] > 0) bins.push({ meanPredicted: sums[b] / counts[b], observedRate: hits[b] / counts[b], count: counts[b] });
  }
  return bins;
}

function countPositives(labels: ArrayLike<number>): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  return positives;
}

function sortedIndices(scores: ArrayLike<number>, direction: 'ascending' | 'descending'): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, index) => index);
  const sign = direction === 'ascending' ? 1 : -1;
  return order.sort((a, b) => sign * (scores[a] - scores[b]));
}
