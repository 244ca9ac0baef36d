import { riskBand } from './risk-band';

describe('riskBand', () => {
  const thresholds = { mediumFrom: 0.4, highFrom: 0.7 };

  it.each([
    { score: 0, band: 'low' },
    { score: 0.399, band: 'low' },
    { score: 0.4, band: 'medium' },
    { score: 0.69, band: 'medium' },
    { score: 0.7, band: 'high' },
    { score: 1, band: 'high' },
  ])('score $score is $band with bands from 0.4 and 0.7', ({ score, band }) => {
    expect(riskBand(score, thresholds)).toBe(band);
  });

  it('has no medium band when both thresholds are equal', () => {
    expect(riskBand(0.5, { mediumFrom: 0.5, highFrom: 0.5 })).toBe('high');
  });

  it.each([{ mediumFrom: 0.8, highFrom: 0.7 }, { mediumFrom: -0.1, highFrom: 0.5 }, { mediumFrom: 0.2, highFrom: 1.5 }])(
    'refuses thresholds out of order or range: %o', (bad) => {
      expect(() => riskBand(0.5, bad)).toThrow(/0 <= mediumFrom <= highFrom <= 1/);
    });
});
