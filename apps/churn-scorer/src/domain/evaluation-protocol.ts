/**
 * The cutoffs of the evaluation protocol (../shared/data/README.md): test at last_day − H, train at test − H, so
 * the training labels end exactly where the test features start.
 */
export interface ProtocolCutoffs {
  horizonDays: number;
  lastDay: number;
  testCutoffDay: number;
  trainCutoffDay: number;
}

export function protocolCutoffs(firstDay: number, lastDay: number, horizonDays: number): ProtocolCutoffs {
  if (!Number.isInteger(horizonDays) || horizonDays < 1) throw new RangeError(`horizon must be an integer >= 1 day, got ${horizonDays}`);
  const testCutoffDay = lastDay - horizonDays;
  const trainCutoffDay = testCutoffDay - horizonDays;
  if (trainCutoffDay < firstDay) {
    throw new RangeError(`the log spans ${lastDay - firstDay + 1} days, shorter than 2 horizons of ${horizonDays}: no training cutoff possible`);
  }
  return { horizonDays, lastDay, testCutoffDay, trainCutoffDay };
}

/** Training cutoff when a model is trained for production: the latest day whose label window is complete. */
export function defaultTrainingCutoff(lastDay: number, horizonDays: number): number {
  return lastDay - horizonDays;
}
