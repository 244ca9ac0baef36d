export type RiskBand = 'low' | 'medium' | 'high';

/** Where the bands start; configuration, not code, because the right cut depends on the campaign's budget. */
export interface RiskBandThresholds {
  mediumFrom: number;
  highFrom: number;
}

export function assertValidThresholds({ mediumFrom, highFrom }: RiskBandThresholds): void {
  if (!(mediumFrom >= 0 && mediumFrom <= highFrom && highFrom <= 1)) {
    throw new RangeError(`risk bands need 0 <= mediumFrom <= highFrom <= 1, got mediumFrom=${mediumFrom}, highFrom=${highFrom}`);
  }
}

/** A churn probability's band; each threshold belongs to the higher band (score = highFrom is 'high'). */
export function riskBand(score: number, thresholds: RiskBandThresholds): RiskBand {
  assertValidThresholds(thresholds);
  if (Number.isNaN(score)) throw new RangeError('riskBand: score is NaN');
  if (score >= thresholds.highFrom) return 'high';
  if (score >= thresholds.mediumFrom) return 'medium';
  return 'low';
}
