/**
 * Quantile binning of the training columns. Split search then runs on small integer codes with histograms
 * instead of sorting every node; with at most maxBins distinct values a column is binned exactly, so the forest
 * is plain CART there. Thresholds are real feature values, so prediction never needs the bins.
 */
export interface BinnedColumn {
  /** Bin of each training row. */
  codes: Uint16Array;
  /** thresholds[b] separates bin b from bin b + 1: x <= thresholds[b] means bin <= b. Length = bins − 1. */
  thresholds: Float64Array;
}

export const MAX_SUPPORTED_BINS = 65_535;

export function binColumn(values: Float64Array, maxBins: number): BinnedColumn {
  if (maxBins < 2 || maxBins > MAX_SUPPORTED_BINS) throw new RangeError(`maxBins must be in [2, ${MAX_SUPPORTED_BINS}], got ${maxBins}`);
  const sorted = Float64Array.from(values).sort();
  if (sorted.length > 0 && Number.isNaN(sorted[sorted.length - 1])) throw new RangeError('training features must not contain NaN');
  const thresholds = cutPoints(sorted, maxBins);
  const codes = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = binOf(values[i], thresholds);
  return { codes, thresholds };
}

function cutPoints(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1]++;
    else { distinct.push(sorted[i]); counts.push(1); }
  }
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let d = 0; d + 1 < distinct.length; d++) cuts.push(midpoint(distinct[d], distinct[d + 1]));
    return Float64Array.from(cuts);
  }
  // Equal-frequency cuts that never split a run of equal values.
  let cumulative = 0;
  for (let d = 0; d + 1 < distinct.length && cuts.length < maxBins - 1; d++) {
    cumulative += counts[d];
    if (cumulative >= ((cuts.length + 1) * n) / maxBins) cuts.push(midpoint(distinct[d], distinct[d + 1]));
  }
  return Float64Array.from(cuts);
}

/** Midway between two neighbouring values, as CART does; falls back to the lower one if rounding reaches the upper. */
function midpoint(low: number, high: number): number {
  const middle = low / 2 + high / 2;
  return middle >= high ? low : middle;
}

export function binOf(value: number, thresholds: Float64Array): number {
  let low = 0;
  let high = thresholds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (value <= thresholds[middle]) high = middle;
    else low = middle + 1;
  }
  return low;
}
