import { applyCalibration, fitIsotonic, fitPlatt } from './calibration';

describe('calibration', () => {
  it('isotonic pools adjacent violators into a monotone step and interpolates between steps', () => {
    const calibration = fitIsotonic([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1]);
    expect(calibration).toEqual({ method: 'isotonic', x: [0.1, 0.2, 0.3, 0.4], y: [0, 0.5, 0.5, 1] });
    expect(applyCalibration(calibration, 0.15)).toBeCloseTo(0.25, 12);
    expect(applyCalibration(calibration, 0)).toBe(0);
    expect(applyCalibration(calibration, 0.9)).toBe(1);
  });

  it('platt keeps the ranking and moves over-confident scores towards the observed rate', () => {
    const scores = [0.1, 0.1, 0.9, 0.9, 0.9, 0.1];
    const labels = [0, 1, 1, 0, 1, 0];
    const calibration = fitPlatt(scores, labels);
    expect(applyCalibration(calibration, 0.9)).toBeGreaterThan(applyCalibration(calibration, 0.1));
    expect(applyCalibration(calibration, 0.9)).toBeCloseTo(2 / 3, 3);
    expect(applyCalibration(calibration, 0.1)).toBeCloseTo(1 / 3, 3);
  });

  it('leaves a score alone without calibration', () => {
    expect(applyCalibration(null, 0.42)).toBe(0.42);
  });
});
