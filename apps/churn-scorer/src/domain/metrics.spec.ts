import { accuracy, averagePrecision, brierScore, calibrationBins, logLoss, rocAuc, rocCurve } from './metrics';

describe('ranking metrics (checked against scikit-learn by hand)', () => {
  it('scores the scikit-learn documentation example: ROC AUC 0.75, average precision 0.8333', () => {
    const labels = [0, 0, 1, 1];
    const scores = [0.1, 0.4, 0.35, 0.8];
    expect(rocAuc(labels, scores)).toBeCloseTo(0.75, 12);
    // thresholds 0.8: P=1 R=.5; 0.4: P=.667 R=.5; 0.35: P=.667 R=1 → .5·1 + 0 + .5·.667
    expect(averagePrecision(labels, scores)).toBeCloseTo(5 / 6, 12);
  });

  it('gives tied scores half credit in ROC AUC and pools them in average precision', () => {
    const labels = [1, 0, 1, 0];
    const scores = [0.5, 0.5, 0.9, 0.1];
    // pairs (pos, neg): (0.5, 0.5) half, (0.5, 0.1) win, (0.9, 0.5) win, (0.9, 0.1) win → 3.5 / 4
    expect(rocAuc(labels, scores)).toBeCloseTo(0.875, 12);
    // 0.9: P=1 R=.5; {0.5, 0.5}: P=2/3 R=1 → .5 + .5 · 2/3
    expect(averagePrecision(labels, scores)).toBeCloseTo(0.5 + 1 / 3, 12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one and NaN with one class', () => {
    expect(rocAuc([0, 0, 1], [1, 2, 3])).toBe(1);
    expect(rocAuc([1, 1, 0], [1, 2, 3])).toBe(0);
    expect(rocAuc([1, 1], [1, 2])).toBeNaN();
  });

  it('draws the ROC curve from (0,0) to (1,1) with one point per distinct score', () => {
    expect(rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toEqual([
      { x: 0, y: 0 }, { x: 0, y: 0.5 }, { x: 0.5, y: 0.5 }, { x: 0.5, y: 1 }, { x: 1, y: 1 },
    ]);
  });
});

describe('probability metrics', () => {
  it('computes Brier score, clipped log loss and accuracy by hand', () => {
    const labels = [1, 0, 1];
    const probabilities = [0.8, 0.4, 1];
    expect(brierScore(labels, probabilities)).toBeCloseTo((0.04 + 0.16 + 0) / 3, 12);
    expect(logLoss(labels, probabilities)).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6) + Math.log(1 - 1e-6)) / 3, 12);
    expect(logLoss([0], [1])).toBeCloseTo(-Math.log(1e-6), 9);
    expect(accuracy(labels, probabilities)).toBeCloseTo(1, 12);
  });

  it('bins predictions for a reliability diagram', () => {
    expect(calibrationBins([1, 0, 1, 1], [0.05, 0.15, 0.12, 0.95], 10)).toEqual([
      { meanPredicted: 0.05, observedRate: 1, count: 1 },
      { meanPredicted: 0.135, observedRate: 0.5, count: 2 },
      { meanPredicted: 0.95, observedRate: 1, count: 1 },
    ]);
  });
});
