import { FEATURE_NAMES, FEATURE_SET_VERSION } from '../../domain/features';
import { RecencyRuleModel } from './recency-rule-model';

describe(RecencyRuleModel.name, () => {
  const rule = new RecencyRuleModel(FEATURE_NAMES, FEATURE_SET_VERSION, 90, new Date('2026-01-01T00:00:00Z'));
  const withRecency = (days: number) => Float64Array.from(FEATURE_NAMES, (name) => (name === 'recency_days' ? days : 7));

  it.each([
    { recency: 0, score: 0 },
    { recency: 90, score: 0.5 },
    { recency: 180, score: 1 },
    { recency: 400, score: 1 },
  ])('scores $recency days of silence $score', ({ recency, score }) => {
    expect(rule.score(withRecency(recency))).toBe(score);
  });

  it('explains the whole score by recency: baseline 0, recency first, every other feature 0', () => {
    const explanation = rule.explain(withRecency(45), FEATURE_NAMES.length);
    expect(explanation.baseline).toBe(0);
    expect(explanation.rawScore).toBe(0.25);
    expect(explanation.contributions[0]).toEqual({ feature: 'recency_days', value: 45, contribution: 0.25 });
    expect(explanation.contributions.slice(1).every((c) => c.contribution === 0)).toBe(true);
    expect(rule.explain(withRecency(45), 2).contributions).toHaveLength(2);
  });
});
