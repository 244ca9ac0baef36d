import { renderEvaluationReport } from './html-report';

describe('renderEvaluationReport', () => {
  const labels = [1, 0, 1, 0, 1];
  const html = renderEvaluationReport({
    title: 'Churn <test>',
    facts: [['data', 'a & b']],
    rows: [{ name: 'RF extended', rocAuc: 0.8, prAuc: 0.7, brier: 0.2, logLoss: 0.6, scores: [0.9, 0.2, 0.6, 0.4, 0.7], color: '#1f77b4' }],
    testLabels: labels,
    main: { name: 'RF extended', probabilities: [0.9, 0.2, 0.6, 0.4, 0.7], rawProbabilities: [0.8, 0.3, 0.6, 0.4, 0.6] },
    importances: [{ label: 'recency_days', value: 0.7 }, { label: 'frequency', value: 0.3 }],
    generatedAt: '2026-01-01T00:00:00Z',
  });

  it('draws the ROC curve, the reliability diagram, the score distribution and the importances inline', () => {
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain('RF extended (0.800)');
    expect(html).toContain('recency_days');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('escapes text taken from the data', () => {
    expect(html).toContain('Churn &lt;test&gt;');
    expect(html).toContain('a &amp; b');
  });
});
