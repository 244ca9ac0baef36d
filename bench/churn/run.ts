import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { notMeasured, type GoalResult } from './goals';
import { compareInference } from './inference-vs-ml-random-forest';
import { inferenceReport, latencyReport, qualityReport, trainingReport, type PartReport } from './part-reports';
import { checkPython, missingSklearnMessage } from './python-env';
import { compareQuality } from './quality-vs-baseline';
import { measureScoreLatency } from './score-latency';
import { simulatedFeatureRows, type SimulatedFeatureRows } from './simulated-rows';
import { textTable } from './text-table';
import { compareTraining } from './training-vs-sklearn';

const REPO_ROOT = resolve(__dirname, '../../..');
const PARTS = ['quality', 'inference', 'latency', 'training'] as const;
type Part = (typeof PARTS)[number];

interface BenchOptions {
  parts: Part[];
  skipShared: boolean;
  sharedDir: string;
  python: string;
  horizon: number;
  customers: number;
  seed: number;
  trees: number;
  maxDepth: number;
  mlTrainRows: number;
  mlMaxFeatures: number;
  predictRows: number;
  rounds: number;
  roundSeconds: number;
  calls: number;
  warmupCalls: number;
  inProcessCalls: number;
  minSamplesLeaf: number;
  trainRepeats: number;
  out: string;
}

const positiveInteger = (name: string) => (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError(`${name} must be an integer >= 1, got "${value}"`);
  return parsed;
};

const positiveNumber = (name: string) => (value: string): number => {
  const parsed = Number(value);
  if (!(parsed > 0) || !Number.isFinite(parsed)) throw new InvalidArgumentError(`${name} must be a number > 0, got "${value}"`);
  return parsed;
};

const partList = (value: string): Part[] => {
  const parts = value.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = parts.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown part(s) ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
  return parts as Part[];
};

function parseOptions(): BenchOptions {
  return new Command('bench-churn')
    .description('Churn scorer against its baselines, each measured in this run: quality vs scikit-learn, inference vs ml-random-forest, gRPC Score vs a bare echo, training vs scikit-learn')
    .option('--parts <list>', `comma-separated subset of ${PARTS.join(',')}`, partList, [...PARTS])
    .option('--skip-shared', 'skip the parts that need ../shared data (quality) and run the ones on generated data', false)
    .option('--shared-dir <dir>', 'the shared folder holding data/online-retail and data/baseline.py', resolve(REPO_ROOT, '../shared'))
    .option('--python <path>', 'Python with numpy, pandas and scikit-learn (Debian: python3-sklearn python3-pandas)', '/usr/bin/python3')
    .option('--horizon <days>', 'churn horizon H of the protocol and of the simulated snapshots', positiveInteger('--horizon'), 90)
    .option('--customers <n>', 'simulated customers for the timing parts', positiveInteger('--customers'), 20_000)
    .option('--seed <n>', 'seed of the simulation and of every forest', positiveInteger('--seed'), 7)
    .option('--trees <n>', 'trees in every forest of the timing parts', positiveInteger('--trees'), 100)
    .option('--max-depth <n>', 'max depth of both forests in the inference part', positiveInteger('--max-depth'), 10)
    .option('--ml-train-rows <n>', 'rows both inference forests are grown on (ml-random-forest trains in O(rows²))', positiveInteger('--ml-train-rows'), 800)
    .option('--ml-max-features <share>', "ml-random-forest's per-tree feature share", Number, 1.0)
    .option('--predict-rows <n>', 'held-out rows predicted per timing round', positiveInteger('--predict-rows'), 8_000)
    .option('--rounds <n>', 'timing rounds per forest in the inference part', positiveInteger('--rounds'), 7)
    .option('--round-seconds <s>', 'least time each forest predicts for in one inference round (it repeats the held-out rows)', positiveNumber('--round-seconds'), 0.5)
    .option('--calls <n>', 'timed gRPC calls per server (Score and echo)', positiveInteger('--calls'), 3_000)
    .option('--warmup-calls <n>', 'untimed gRPC calls per server first (×10 for in-process scoring)', positiveInteger('--warmup-calls'), 500)
    .option('--in-process-calls <n>', 'timed model.score calls in process', positiveInteger('--in-process-calls'), 20_000)
    .option('--min-samples-leaf <n>', 'min_samples_leaf of both forests in the training part', positiveInteger('--min-samples-leaf'), 5)
    .option('--train-repeats <n>', 'fits of each trainer in the training part (best is compared)', positiveInteger('--train-repeats'), 2)
    .option('--out <file>', 'write every figure as JSON', resolve(REPO_ROOT, 'bench/results/churn.json'))
    .parse()
    .opts<BenchOptions>();
}

function log(message: string): void {
  process.stderr.write(`[bench-churn ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function printSection(title: string, body: string): void {
  process.stdout.write(`\n== ${title} ${'='.repeat(Math.max(0, 100 - title.length))}\n${body}\n`);
}

async function main(): Promise<number> {
  const options = parseOptions();
  const started = process.hrtime.bigint();
  const loadAtStart = loadavg();
  const csvPath = resolve(options.sharedDir, 'data/online-retail/online_retail_orders.csv.gz');
  const baselineScript = resolve(options.sharedDir, 'data/baseline.py');
  const wantsQuality = options.parts.includes('quality') && !options.skipShared;

  if (wantsQuality) {
    const missing = [csvPath, baselineScript].filter((path) => !existsSync(path));
    if (missing.length > 0) {
      process.stderr.write(`bench-churn: the quality part needs shared data that is missing:\n${missing.map((path) => `  ${path} (not found)`).join('\n')}\n` +
        `Put ../shared beside the repository (or pass --shared-dir), or run with --skip-shared to run only the parts on generated data (${PARTS.filter((part) => part !== 'quality').join(', ')}).\n`);
      return 1;
    }
  }
  const python = checkPython(options.python);
  if (!python.isUsable && (wantsQuality || options.parts.includes('training'))) process.stderr.write(missingSklearnMessage(python.problem));

  const goals: GoalResult[] = [];
  const results: Record<string, unknown> = {};
  const partSeconds: Record<string, number> = {};
  let hasFailure = false;
  const runPart = async (part: Part, title: string, needsSklearn: boolean, measure: () => Promise<PartReport & { raw: unknown }>): Promise<void> => {
    if (!options.parts.includes(part)) return;
    if (part === 'quality' && options.skipShared) {
      goals.push(notMeasured(title, 'SKIPPED', '--skip-shared: needs ../shared data'));
      return;
    }
    if (needsSklearn && !python.isUsable) {
      hasFailure = true;
      goals.push(notMeasured(title, 'SKIPPED', `no scikit-learn: ${python.problem}`));
      printSection(title, `SKIPPED: ${python.problem}. Install with: apt-get install -y python3-sklearn python3-pandas`);
      return;
    }
    const partStarted = process.hrtime.bigint();
    log(`${title}...`);
    try {
      const report = await measure();
      results[part] = report.raw;
      goals.push(...report.goals);
      printSection(title, report.text);
    } catch (error) {
      hasFailure = true;
      const message = error instanceof Error ? error.message : String(error);
      results[part] = { error: message };
      goals.push(notMeasured(title, 'ERROR', message.split('\n')[0]));
      printSection(title, `ERROR: ${message}`);
    }
    partSeconds[part] = Number(process.hrtime.bigint() - partStarted) / 1e9;
    log(`${title} took ${partSeconds[part].toFixed(1)} s`);
  };

  let sklearnSingleRowP50Ms: number | undefined;
  await runPart('quality', '1 quality', true, async () => {
    const comparison = await compareQuality({ repoRoot: REPO_ROOT, csvPath, baselineScript, python: options.python, horizonDays: options.horizon });
    sklearnSingleRowP50Ms = comparison.baselineSingleRowP50Ms;
    return { ...qualityReport(comparison, options.horizon), raw: comparison };
  });

  let simulated: SimulatedFeatureRows | undefined;
  const simulatedRows = (): SimulatedFeatureRows => {
    if (!simulated) {
      simulated = simulatedFeatureRows(options.customers, options.seed, options.horizon);
      log(`simulated ${options.customers} customers (${simulated.transactionCount} transactions): ${simulated.train.rows.length} training rows, ` +
        `${simulated.holdout.rows.length} held-out rows, ${simulated.seconds.toFixed(1)} s`);
    }
    return simulated;
  };

  await runPart('inference', '2 inference', false, async () => {
    const comparison = compareInference(simulatedRows(), {
      trees: options.trees, maxDepth: options.maxDepth, trainRows: options.mlTrainRows, mlMaxFeatures: options.mlMaxFeatures,
      predictRows: options.predictRows, rounds: options.rounds, minRoundSeconds: options.roundSeconds, seed: options.seed,
    });
    return { ...inferenceReport(comparison, options.mlMaxFeatures), raw: comparison };
  });
  await runPart('latency', '3 latency', false, async () => {
    const latencies = await measureScoreLatency(simulatedRows(), { inProcessCalls: options.inProcessCalls, grpcCalls: options.calls, warmupCalls: options.warmupCalls });
    return { ...latencyReport(latencies, sklearnSingleRowP50Ms), raw: latencies };
  });
  await runPart('training', '4 training', true, async () => {
    const comparison = await compareTraining(simulatedRows(), {
      trees: options.trees, minSamplesLeaf: options.minSamplesLeaf, seed: options.seed, repeats: options.trainRepeats, python: options.python,
    }, __dirname);
    return { ...trainingReport(comparison, options.trees, options.minSamplesLeaf), raw: comparison };
  });

  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const loadAtEnd = loadavg();
  const environment = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverage1mAtStart: loadAtStart[0],
    loadAverage1mAtEnd: loadAtEnd[0],
    python: python.isUsable ? python.versions : python.problem,
  };
  printSection('summary', [
    textTable(['part', 'goal', 'measured', 'verdict'], goals.map((goal) => [goal.part, goal.goal, goal.measured, goal.verdict]), 4),
    '',
    `whole run ${totalSeconds.toFixed(1)} s (${Object.entries(partSeconds).map(([part, seconds]) => `${part} ${seconds.toFixed(1)} s`).join(', ')}); ` +
      `${environment.cpus} CPUs, load average ${loadAtStart[0].toFixed(2)} at start, ${loadAtEnd[0].toFixed(2)} at end; node ${process.version}; ${environment.python}`,
  ].join('\n'));

  mkdirSync(resolve(options.out, '..'), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify({ measuredAt: new Date().toISOString(), options, environment, totalSeconds, partSeconds, summary: goals, results }, null, 2)}\n`);
  process.stdout.write(`\nJSON: ${options.out}\n`);
  return hasFailure ? 1 : 0;
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
