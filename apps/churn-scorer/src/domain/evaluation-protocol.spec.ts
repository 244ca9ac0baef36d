import { dayOf, formatDay } from './calendar-day';
import { protocolCutoffs } from './evaluation-protocol';

describe('protocolCutoffs', () => {
  it('puts the test cutoff one horizon before the last day and the train cutoff one more before (the README dates)', () => {
    const cutoffs = protocolCutoffs(dayOf('2010-12-01'), dayOf('2011-12-09'), 90);
    expect(formatDay(cutoffs.testCutoffDay)).toBe('2011-09-10');
    expect(formatDay(cutoffs.trainCutoffDay)).toBe('2011-06-12');
  });

  it('refuses a log shorter than two horizons', () => {
    expect(() => protocolCutoffs(100, 250, 90)).toThrow(/shorter than 2 horizons/);
  });
});
