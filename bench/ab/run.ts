import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { analyseExperiment, type ExperimentUnit } from '@syncengage/orchestrator/dist/domain/experiment-analysis';
import { EXPERIMENT_DEFAULTS } from '@syncengage/orchestrator/dist/domain/experiment-settings';
import { alwaysValidPValues, naiveZTestPValue, type ConversionCounts } from '@syncengage/orchestrator/dist/domain/sequential-test';
import { mulberry32 } from '@syncengage/seeded-random';
import { textTable } from '../churn/text-table';
import { lineChartSvg } from '../discount/regret-svg';
import { simulateExperiment, type ExperimentScenario } from './experiment';
import { peekingRejections } from './peeking';

const REPO_ROOT = resolve(__dirname, '../../..');
const DAY_MS = 86_400_000;
/** −log10 p is drawn up to here: beyond it every test has long decided. */
const EVIDENCE_CAP = 8;

interface BenchOptions {
  days: number;
  customersPerDay: number;
  experiments: number;
  seed: number;
  out: string;
  picture: string;
  copy: string;
}

const positiveInteger = (name: string) => (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError(`${name} must be an integer >= 1, got "${value}"`);
  return parsed;
};

function parseOptions(): BenchOptions {
  return new Command('bench-ab')
    .description('An A/B test with a holdout, read every day: the orchestrator’s statistics and mSPRT on a simulated experiment whose truth is known')
    .option('--days <n>', 'days the experiment runs', positiveInteger('--days'), 28)
    .option('--customers-per-day <n>', 'customers entering per day', positiveInteger('--customers-per-day'), 600)
    .option('--experiments <n>', 'A/A experiments for the false-positive rates', positiveInteger('--experiments'), 500)
    .option('--seed <n>', 'seed', positiveInteger('--seed'), 1)
    .option('--out <file>', 'JSON results', resolve(REPO_ROOT, 'bench/results/ab.json'))
    .option('--picture <file>', 'sequential test over time (SVG)', resolve(REPO_ROOT, 'bench/results/ab-sequential-test.svg'))
    .option('--copy <file>', 'copy of the picture for the README', resolve(REPO_ROOT, 'docs/images/ab-sequential-test.svg'))
    .parse()
    .opts<BenchOptions>();
}

function main(): void {
  const options = parseOptions();
  const scenario: ExperimentScenario = {
    days: options.days,
    customersPerDay: options.customersPerDay,
    meanOrderCents: 6_000,
    arms: [
      { name: 'holdout', share: 0.1, conversionRate: 0.03 },
      { name: 'VariantA', share: 0.45, conversionRate: 0.04 },
      { name: 'VariantB', share: 0.45, conversionRate: 0.06 },
    ],
  };
  const start = new Date('2026-03-02T00:00:00Z');
  const units = simulateExperiment(scenario, start, mulberry32(options.seed));
  const variants = ['VariantA', 'VariantB'];
  const end = new Date(start.getTime() + options.days * DAY_MS - 1);
  const final = analyseExperiment(units, variants, EXPERIMENT_DEFAULTS, end);

  // Read every day as a team would: the first day the analysis names a winner is when autoPromote would act.
  let winnerDay: number | null = null;
  for (let day = 1; day <= options.days && winnerDay === null; day += 1) {
    const at = new Date(start.getTime() + day * DAY_MS - 1);
    if (analyseExperiment(units.filter((unit) => unit.decidedAt <= at), variants, EXPERIMENT_DEFAULTS, at).winner) winnerDay = day;
  }

  const lookTimes = final.looks.map((look) => new Date(look.at));
  const evidence = (p: number) => Math.min(EVIDENCE_CAP, -Math.log10(Math.max(p, 1e-300)));
  const daily = (arm: string) => lookTimes.map((at) => countsAt(units.filter((unit) => unit.arm === arm), at));
  const [holdout, variantA, variantB] = [daily('holdout'), daily('VariantA'), daily('VariantB')];
  const bVersusA = alwaysValidPValues(lookTimes.map((_, index) => ({ treatment: variantB[index], control: variantA[index] })), EXPERIMENT_DEFAULTS.mixtureSd);
  const threshold = evidence(final.alphaPerComparison);
  const svg = lineChartSvg({
    title: `A/B test with a 10 % holdout read daily: evidence −log10 p (capped at ${EVIDENCE_CAP})`,
    xLabel: 'days',
    yLabel: '−log10 p  (higher = stronger evidence)',
    xStep: 1,
    series: [
      { label: 'VariantB vs holdout, mSPRT always-valid p', color: '#2ca02c', values: final.looks.map((look) => evidence(look.pValues.VariantB)) },
      { label: 'VariantB vs VariantA, mSPRT always-valid p', color: '#1f77b4', values: bVersusA.map(evidence) },
      { label: 'VariantA vs holdout, mSPRT always-valid p', color: '#ff7f0e', values: final.looks.map((look) => evidence(look.pValues.VariantA)) },
      { label: 'VariantA vs holdout, z-test p read daily (invalid)', color: '#bbbbbb', values: holdout.map((control, index) => evidence(naiveZTestPValue(variantA[index], control))) },
      { label: `threshold α/3 = ${final.alphaPerComparison.toPrecision(2)}`, color: '#d62728', values: lookTimes.map(() => threshold), fromOrigin: false },
    ],
  });

  console.log(`Simulated experiment: ${options.days} days × ${options.customersPerDay} customers, true conversion holdout 3 %, VariantA 4 %, VariantB 6 %`);
  console.log(
    textTable(
      ['arm', 'customers', 'sent', 'converted', 'conversion (95 % Wilson)', 'revenue/customer € (95 %)', 'LTV/customer €', 'uplift vs holdout', 'p (always valid)', 'verdict'],
      final.arms.map((arm) => [
        arm.arm,
        String(arm.customers),
        String(arm.sent),
        String(arm.converted),
        `${pct(arm.conversionRate.estimate)} [${pct(arm.conversionRate.low!)}, ${pct(arm.conversionRate.high!)}]`,
        `${euros(arm.revenuePerCustomerCents.estimate)} [${euros(arm.revenuePerCustomerCents.low!)}, ${euros(arm.revenuePerCustomerCents.high!)}]`,
        euros(arm.ltvPerCustomerCents.estimate),
        arm.vsControl ? `${(arm.vsControl.conversionUplift.estimate * 100).toFixed(2)} pts` : '—',
        arm.vsControl ? arm.vsControl.alwaysValidPValue.toPrecision(2) : '—',
        arm.vsControl?.verdict ?? 'control',
      ]),
    ),
  );
  console.log(`\nwinner: ${final.winner ? `${final.winner.arm} — first named on day ${winnerDay}` : 'none'}${final.winner ? `\n  ${final.winner.reason}` : ''}`);

  const peeking = { experiments: options.experiments, days: options.days, customersPerArmPerDay: 100, alpha: 0.05, mixtureSd: EXPERIMENT_DEFAULTS.mixtureSd };
  const aa = peekingRejections({ ...peeking, treatmentRate: 0.05, controlRate: 0.05, seed: options.seed });
  const ab = peekingRejections({ ...peeking, treatmentRate: 0.07, controlRate: 0.05, seed: options.seed + 1 });
  console.log(`\n${options.experiments} experiments each, 100 customers per arm per day, read every day for ${options.days} days, α = 0.05:`);
  console.log(
    textTable(
      ['truth', 'mSPRT ever rejects', 'z-test read daily ever rejects', 'mSPRT mean day of rejection'],
      [
        ['A/A (5 % vs 5 %): false positives', pct(aa.msprt), pct(aa.naive), aa.meanMsprtDay?.toFixed(1) ?? '—'],
        ['A/B (7 % vs 5 %): power', pct(ab.msprt), pct(ab.naive), ab.meanMsprtDay?.toFixed(1) ?? '—'],
      ],
    ),
  );

  for (const file of [options.picture, options.copy, options.out]) mkdirSync(dirname(file), { recursive: true });
  writeFileSync(options.picture, svg);
  writeFileSync(options.copy, svg);
  writeFileSync(options.out, `${JSON.stringify({ scenario, seed: options.seed, winnerDay, final: { ...final, looks: undefined }, peeking: { aa, ab } }, null, 2)}\n`);
  console.log(`\nwrote ${options.picture}, ${options.copy} and ${options.out}`);
}

function countsAt(units: readonly ExperimentUnit[], at: Date): ConversionCounts {
  const entered = units.filter((unit) => unit.decidedAt <= at);
  return { customers: entered.length, conversions: entered.filter((unit) => unit.convertedAt && unit.convertedAt <= at).length };
}

const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
const euros = (cents: number) => (cents / 100).toFixed(2);

main();
