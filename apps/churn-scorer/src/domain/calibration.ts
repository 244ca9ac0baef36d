import { fitLogistic, predictLogistic } from './logistic-regression';

/**
 * Maps a forest's raw score to a calibrated probability. Fitted on out-of-bag predictions, which are honest
 * without holding data back. Isotonic is monotone and makes no shape assumption (it needs a few thousand rows);
 * Platt fits a logistic curve to the score's logit (two parameters, steadier on small data).
 */
export type Calibration =
  | { method: 'isotonic'; x: number[]; y: number[] }
  | { method: 'platt'; intercept: number; slope: number };

export type CalibrationMethod = Calibration['method'];

const LOGIT_CLIP = 1e-6;

export function fitCalibration(method: CalibrationMethod, scores: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  return method === 'isotonic' ? fitIsotonic(scores, labels) : fitPlatt(scores, labels);
}

export function applyCalibration(calibration: Calibration | null, score: number): number {
  if (calibration === null) return score;
  if (calibration.method === 'platt') return predictLogistic(calibration, logit(score));
  return interpolate(calibration.x, calibration.y, score);
}

export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  const x = Float64Array.from({ length: scores.length }, (_, i) => logit(scores[i]));
  return { method: 'platt', ...fitLogistic(x, labels, 1e-6) };
}

/** Pool-adjacent-violators over scores sorted ascending (ties pooled first), like scikit-learn's IsotonicRegression. */
export function fitIsotonic(scores: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const blocks: Array<{ xLow: number; xHigh: number; sum: number; weight: number }> = [];
  for (let start = 0; start < order.length;) {
    let end = start;
    let sum = 0;
    while (end < order.length && scores[order[end]] === scores[order[start]]) sum += labels[order[end++]];
    blocks.push({ xLow: scores[order[start]], xHigh: scores[order[start]], sum, weight: end - start });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const before = blocks[blocks.length - 2];
      if (before.sum / before.weight < last.sum / last.weight) break;
      blocks.splice(-2, 2, { xLow: before.xLow, xHigh: last.xHigh, sum: before.sum + last.sum, weight: before.weight + last.weight });
    }
    start = end;
  }
  const x: number[] = [];
  const y: number[] = [];
  for (const block of blocks) {
    const value = block.sum / block.weight;
    x.push(block.xLow);
    y.push(value);
    if (block.xHigh !== block.xLow) { x.push(block.xHigh); y.push(value); }
  }
  return { method: 'isotonic', x, y };
}

/** Linear between the fitted points, flat beyond the ends (scikit-learn's out_of_bounds='clip'). */
function interpolate(x: number[], y: number[], value: number): number {
  if (x.length === 0) return value;
  if (value <= x[0]) return y[0];
  if (value >= x[x.length - 1]) return y[y.length - 1];
  let low = 0;
  let high = x.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (x[middle] <= value) low = middle; else high = middle;
  }
  const span = x[high] - x[low];
  return span > 0 ? y[low] + ((y[high] - y[low]) * (value - x[low])) / span : y[high];
}

function logit(p: number): number {
  const clipped = Math.min(1 - LOGIT_CLIP, Math.max(LOGIT_CLIP, p));
  return Math.log(clipped / (1 - clipped));
}
