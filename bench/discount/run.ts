import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { discountLevels, type DiscountOptimizer } from '@syncengage/orchestrator/dist/domain/discount-bandit';
import { textTable } from '../churn/text-table';
import { bestLevel, expectedProfitCents, MARKET } from './market';
import { fixedPolicy, thompsonPolicy, uniformPolicy, type DiscountPolicy } from './policies';
import { lineChartSvg } from './regret-svg';
import { simulate, type SimulationRun } from './simulate';

const REPO_ROOT = resolve(__dirname, '../../..');

interface BenchOptions {
  decisions: number;
  runs: number;
  seed: number;
  learningRate: number;
  rewardScaleCents: number;
  out: string;
  picture: string;
  copy: string;
}

const positiveInteger = (name: string) => (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError(`${name} must be an integer >= 1, got "${value}"`);
  return parsed;
};

const rate = (value: string): number => {
  const parsed = Number(value);
  if (!(parsed >= 0 && parsed < 1)) throw new InvalidArgumentError(`--learning-rate must be a number in [0, 1), got "${value}"`);
  return parsed;
};

function parseOptions(): BenchOptions {
  return new Command('bench-discount')
    .description('Discount bandit against a fixed discount and uniform A/B allocation, on a simulated market whose best discount is known')
    .option('--decisions <n>', 'decisions per run', positiveInteger('--decisions'), 20_000)
    .option('--runs <n>', 'independent runs (seeds) averaged', positiveInteger('--runs'), 20)
    .option('--seed <n>', 'seed of the first run', positiveInteger('--seed'), 1)
    .option('--learning-rate <rate>', 'learning rate of the forgetting bandit', rate, 0.001)
    .option('--reward-scale-cents <n>', 'profit that earns the full reward of 1', positiveInteger('--reward-scale-cents'), 15_000)
    .option('--out <file>', 'JSON results', resolve(REPO_ROOT, 'bench/results/discount.json'))
    .option('--picture <file>', 'regret curves (SVG)', resolve(REPO_ROOT, 'bench/results/discount-regret.svg'))
    .option('--copy <file>', 'copy of the picture for the README', resolve(REPO_ROOT, 'docs/images/discount-regret.svg'))
    .parse()
    .opts<BenchOptions>();
}

function main(): void {
  const options = parseOptions();
  const base: DiscountOptimizer = { minDiscount: 0, maxDiscount: 40, stepPercent: 5, learningRate: 0, rewardScaleCents: options.rewardScaleCents };
  const levels = discountLevels(base);
  const contenders: Array<{ color: string; make: () => DiscountPolicy }> = [
    { color: '#d62728', make: () => fixedPolicy(MARKET) },
    { color: '#7f7f7f', make: () => uniformPolicy(base) },
    { color: '#1f77b4', make: () => thompsonPolicy('Thompson bandit, learningRate 0', base, MARKET.length) },
    { color: '#2ca02c', make: () => thompsonPolicy(`Thompson bandit, learningRate ${options.learningRate}`, { ...base, learningRate: options.learningRate }, MARKET.length) },
  ];
  const sampleEvery = Math.max(1, Math.floor(options.decisions / 200));
  const settings = { decisions: options.decisions, sampleEvery, tailDecisions: Math.min(1_000, options.decisions), levels };
  const results = contenders.map(({ color, make }) => {
    const runs: SimulationRun[] = [];
    let name = '';
    for (let run = 0; run < options.runs; run += 1) {
      const policy = make();
      name = policy.name;
      runs.push(simulate(MARKET, policy, { ...settings, seed: options.seed + run }));
    }
    return { name, color, runs };
  });

  console.log(`Market (${levels.join(', ')} %), expected profit per message in cents:`);
  console.log(
    textTable(
      ['context', ...levels.map((level) => `${level}%`), 'best', 'campaign'],
      MARKET.map((context) => [context.name, ...levels.map((level) => expectedProfitCents(context, level).toFixed(0)), `${bestLevel(context, levels)}%`, `${context.campaignDiscountPercent}%`]),
    ),
  );
  const summary = results.map(({ name, runs }) => {
    const finals = runs.map((run) => run.cumulativeRegretCents[run.cumulativeRegretCents.length - 1] / 100);
    return { name, finalRegretEuros: mean(finals), finalRegretSd: sd(finals), bestLevelShareLast1000: mean(runs.map((run) => run.bestLevelShareInTail)) };
  });
  console.log(`\n${options.decisions} decisions, mean of ${options.runs} runs (regret = expected profit lost against the best level):`);
  console.log(
    textTable(
      ['policy', 'final regret €', '± sd', `best-level share, last ${settings.tailDecisions}`],
      summary.map((row) => [row.name, row.finalRegretEuros.toFixed(0), row.finalRegretSd.toFixed(0), `${(row.bestLevelShareLast1000 * 100).toFixed(1)} %`]),
    ),
  );

  const svg = lineChartSvg({
    title: `Discount policies: cumulative regret (mean of ${options.runs} runs)`,
    xLabel: 'decisions',
    yLabel: 'cumulative regret (€ of expected profit)',
    xStep: sampleEvery,
    series: results.map(({ name, color, runs }) => ({
      label: name,
      color,
      values: runs[0].cumulativeRegretCents.map((_, index) => mean(runs.map((run) => run.cumulativeRegretCents[index])) / 100),
    })),
  });
  for (const file of [options.picture, options.copy, options.out]) mkdirSync(dirname(file), { recursive: true });
  writeFileSync(options.picture, svg);
  writeFileSync(options.copy, svg);
  writeFileSync(options.out, `${JSON.stringify({ decisions: options.decisions, runs: options.runs, seed: options.seed, rewardScaleCents: options.rewardScaleCents, learningRate: options.learningRate, levels, market: MARKET, summary }, null, 2)}\n`);
  console.log(`\nwrote ${options.picture}, ${options.copy} and ${options.out}`);
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const sd = (values: number[]) => Math.sqrt(mean(values.map((value) => (value - mean(values)) ** 2)));

main();
