import { calibrationBins, rocCurve } from '../../domain/metrics';
import { barChart, escapeXml, histogramChart, unitSquareChart, type Series } from './svg-charts';

export interface ReportModelRow {
  name: string;
  rocAuc: number;
  prAuc: number;
  brier: number;
  logLoss: number;
  /** Test-cutoff scores, when the row has a curve worth drawing. */
  scores?: ArrayLike<number>;
  color?: string;
}

export interface EvaluationReport {
  title: string;
  facts: Array<[string, string]>;
  rows: ReportModelRow[];
  testLabels: ArrayLike<number>;
  /** The main model's calibrated and raw probabilities on the test population. */
  main: { name: string; probabilities: ArrayLike<number>; rawProbabilities: ArrayLike<number> };
  importances: Array<{ label: string; value: number }>;
  generatedAt: string;
}

/** One HTML file with the table and four inline SVG pictures; nothing to fetch, so it can be archived as is. */
export function renderEvaluationReport(report: EvaluationReport): string {
  const rocSeries: Series[] = report.rows
    .filter((row) => row.scores && row.color)
    .map((row) => ({ name: `${row.name} (${row.rocAuc.toFixed(3)})`, color: row.color as string, points: thin(rocCurve(report.testLabels, row.scores as ArrayLike<number>)) }));
  const reliability = (probabilities: ArrayLike<number>) =>
    calibrationBins(report.testLabels, probabilities, 10).map((bin) => ({ x: bin.meanPredicted, y: bin.observedRate }));
  const churned: number[] = [];
  const stayed: number[] = [];
  for (let i = 0; i < report.testLabels.length; i++) (report.testLabels[i] === 1 ? churned : stayed).push(report.main.probabilities[i]);

  const table = report.rows.map((row) => `<tr><td>${escapeXml(row.name)}</td>${[row.rocAuc, row.prAuc, row.brier, row.logLoss]
    .map((value) => `<td>${Number.isFinite(value) ? value.toFixed(4) : '–'}</td>`).join('')}</tr>`).join('\n');
  const facts = report.facts.map(([key, value]) => `<tr><th>${escapeXml(key)}</th><td>${escapeXml(value)}</td></tr>`).join('\n');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(report.title)}</title>
<style>
body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1100px; }
table { border-collapse: collapse; margin: 1em 0; } td, th { padding: 3px 10px; border-bottom: 1px solid #ddd; text-align: left; }
td:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; } figure { margin: 0; } figcaption { font-size: 13px; color: #555; max-width: 430px; }
</style></head><body>
<h1>${escapeXml(report.title)}</h1>
<table>${facts}</table>
<h2>Test cutoff metrics</h2>
<table><tr><th>model</th><th>ROC AUC</th><th>PR AUC</th><th>Brier</th><th>log loss</th></tr>
${table}</table>
<div class="charts">
<figure>${unitSquareChart(rocSeries, { x: 'false positive rate', y: 'true positive rate' }, { diagonal: true })}
<figcaption>ROC curves on the test population (ROC AUC in brackets); the dashed diagonal is chance.</figcaption></figure>
<figure>${unitSquareChart([
    { name: `${report.main.name}`, color: '#1f77b4', points: reliability(report.main.probabilities), markers: true },
    { name: 'uncalibrated forest', color: '#ff7f0e', points: reliability(report.main.rawProbabilities), markers: true, dashed: true },
  ], { x: 'mean predicted churn probability', y: 'observed churn rate' }, { diagonal: true })}
<figcaption>Reliability: ten equal-width probability bins; on the diagonal a predicted p means a share p churned.</figcaption></figure>
<figure>${histogramChart([
    { name: `churned (${churned.length})`, values: churned, color: '#d62728' },
    { name: `stayed (${stayed.length})`, values: stayed, color: '#2ca02c' },
  ], 20, { x: 'predicted churn probability', y: 'share of group' })}
<figcaption>Score distribution of ${escapeXml(report.main.name)} by actual outcome.</figcaption></figure>
<figure>${barChart(report.importances, '#1f77b4')}
<figcaption>Impurity-based feature importances of ${escapeXml(report.main.name)} (sum to 1).</figcaption></figure>
</div>
<p style="color:#777;font-size:12px">Generated ${escapeXml(report.generatedAt)} by apps/churn-scorer/src/cli/evaluate.ts.</p>
</body></html>
`;
}

/** At most ~400 points per curve keeps the file small without a visible difference. */
function thin<T>(points: T[]): T[] {
  if (points.length <= 400) return points;
  const step = points.length / 400;
  const kept: T[] = [];
  for (let i = 0; i < points.length; i += step) kept.push(points[Math.floor(i)]);
  kept.push(points[points.length - 1]);
  return kept;
}
