import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeFailure, lastJsonLine, runProcess } from './run-process';

export interface QualityMetrics {
  rocAuc: number;
  prAuc: number;
  brier: number;
  logLoss: number;
}

/** The final JSON line of apps/churn-scorer/dist/cli/evaluate.js: the main (extended) model on the test cutoff. */
interface EvaluateJson extends QualityMetrics {
  nTrain: number;
  nTest: number;
  positiveRate: number;
}

interface BaselineJson {
  info: { train_population: number; test_population: number; train_churn_rate: number; test_churn_rate: number; sklearn: string; python: string };
  metrics: Record<string, { roc_auc: number; pr_auc: number; brier: number; log_loss: number }>;
  timings: Record<string, { fit_s: number; single_row_p50_ms: number; single_row_p95_ms: number }>;
}

export interface QualityComparison {
  /** Rows of the evaluate CLI's table by model name; 'RF extended' is taken from its final JSON line. */
  ours: Record<string, QualityMetrics>;
  baseline: Record<string, QualityMetrics>;
  populations: { ours: { train: number; test: number; testChurnRate: number }; baseline: { train: number; test: number; testChurnRate: number } };
  baselineSingleRowP50Ms: number;
  evaluateSeconds: number;
  baselineSeconds: number;
  evaluateTable: string;
  /** The CLI's account of the main forest (trees, chosen leaf size, calibration). */
  evaluateForestLine: string;
}

export interface QualityInputs {
  repoRoot: string;
  csvPath: string;
  baselineScript: string;
  python: string;
  horizonDays: number;
}

/**
 * Runs the evaluate CLI (our protocol code, unchanged) and baseline.py side by side on the same log. Quality does
 * not depend on timing, so the two run at once to save wall time.
 */
export async function compareQuality(inputs: QualityInputs): Promise<QualityComparison> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-churn-quality-'));
  try {
    const baselineJsonPath = join(scratch, 'baseline.json');
    const evaluateArgs = [join(inputs.repoRoot, 'apps/churn-scorer/dist/cli/evaluate.js'), '--input', inputs.csvPath,
      '--horizon', String(inputs.horizonDays), '--report', join(scratch, 'churn-eval.html')];
    const baselineArgs = [inputs.baselineScript, inputs.csvPath, '--horizon', String(inputs.horizonDays), '--json', baselineJsonPath];
    const [evaluated, baselined] = await Promise.all([
      runProcess(process.execPath, evaluateArgs, { cwd: inputs.repoRoot }),
      runProcess(inputs.python, baselineArgs, { cwd: inputs.repoRoot }),
    ]);
    if (evaluated.exitCode !== 0) throw new Error(describeFailure(`node ${evaluateArgs.join(' ')}`, evaluated));
    if (baselined.exitCode !== 0) throw new Error(describeFailure(`${inputs.python} ${baselineArgs.join(' ')}`, baselined));

    const main = lastJsonLine<EvaluateJson>(evaluated.stdout, 'evaluate.js');
    const ours = parseEvaluateTable(evaluated.stdout);
    ours['RF extended'] = { rocAuc: main.rocAuc, prAuc: main.prAuc, brier: main.brier, logLoss: main.logLoss };
    const baselineJson = JSON.parse(readFileSync(baselineJsonPath, 'utf8')) as BaselineJson;
    const baseline = Object.fromEntries(Object.entries(baselineJson.metrics).map(([name, m]) => [name, { rocAuc: m.roc_auc, prAuc: m.pr_auc, brier: m.brier, logLoss: m.log_loss }]));
    return {
      ours,
      baseline,
      populations: {
        ours: { train: main.nTrain, test: main.nTest, testChurnRate: main.positiveRate },
        baseline: { train: baselineJson.info.train_population, test: baselineJson.info.test_population, testChurnRate: baselineJson.info.test_churn_rate },
      },
      baselineSingleRowP50Ms: baselineJson.timings['RF extended']?.single_row_p50_ms ?? Number.NaN,
      evaluateSeconds: evaluated.seconds,
      baselineSeconds: baselined.seconds,
      evaluateTable: evaluated.stdout.trim(),
      evaluateForestLine: evaluated.stdout.split('\n').find((line) => line.startsWith('forest'))?.replace(/^forest\s+/, '') ?? '(no forest line)',
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const TABLE_ROW = /^(\S.*?)\s+(\d+\.\d+)\s+(\d+\.\d+)\s+(\d+\.\d+)\s+(\d+\.\d+)(?:\s|$)/;

/** The model rows of the CLI's table (name, ROC AUC, PR AUC, Brier, log loss), e.g. 'RF on RFM' and 'recency only'. */
export function parseEvaluateTable(stdout: string): Record<string, QualityMetrics> {
  const lines = stdout.split('\n');
  const header = lines.findIndex((line) => /^model\s+ROC AUC\s+PR AUC\s+Brier\s+log loss/.test(line));
  if (header < 0) throw new Error('evaluate.js printed no "model ROC AUC PR AUC Brier log loss" table: has its output format changed?');
  const rows: Record<string, QualityMetrics> = {};
  for (const line of lines.slice(header + 1)) {
    const match = TABLE_ROW.exec(line);
    if (!match) break;
    rows[match[1]] = { rocAuc: Number(match[2]), prAuc: Number(match[3]), brier: Number(match[4]), logLoss: Number(match[5]) };
  }
  for (const needed of ['recency only', 'RF on RFM']) {
    if (!rows[needed]) throw new Error(`evaluate.js's table has no "${needed}" row (rows: ${Object.keys(rows).join(', ')})`);
  }
  return rows;
}
