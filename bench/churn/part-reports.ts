import { info, judged, type GoalResult } from './goals';
import type { InferenceComparison } from './inference-vs-ml-random-forest';
import type { QualityComparison, QualityMetrics } from './quality-vs-baseline';
import type { ScoreLatencies } from './score-latency';
import { fixed, ratio, signed, textTable } from './text-table';
import type { TrainingComparison } from './training-vs-sklearn';

export interface PartReport {
  text: string;
  goals: GoalResult[];
}

const f4 = fixed(4);
const d4 = signed(4);
const ms = fixed(3);
const mb = (kb: number): string => (kb / 1024).toFixed(0);

export function qualityReport(q: QualityComparison, horizonDays: number): PartReport {
  const pairs: Array<[string, QualityMetrics | undefined, QualityMetrics | undefined]> = [
    ['recency only', q.ours['recency only'], q.baseline['recency only']],
    ['RF on RFM (4 features)', q.ours['RF on RFM'], q.baseline['RF on RFM']],
    ['same 21 features: ours RF baseline-21', q.ours['RF baseline-21'], q.baseline['RF extended']],
    ['RF extended (ours 24, sklearn 21)', q.ours['RF extended'], q.baseline['RF extended']],
  ];
  const rows = pairs.filter(([, ours, theirs]) => ours && theirs).map(([name, ours, theirs]) => {
    const [a, b] = [ours as QualityMetrics, theirs as QualityMetrics];
    return [name, f4(a.rocAuc), f4(b.rocAuc), d4(a.rocAuc - b.rocAuc), f4(a.prAuc), f4(b.prAuc), f4(a.brier), f4(b.brier), f4(a.logLoss), f4(b.logLoss)];
  });
  const { ours: po, baseline: pb } = q.populations;
  const text = [
    `test cutoff of the protocol at H = ${horizonDays} d; ours = apps/churn-scorer/dist/cli/evaluate.js (${q.evaluateSeconds.toFixed(1)} s), sklearn = baseline.py (${q.baselineSeconds.toFixed(1)} s), run side by side`,
    `ours: ${q.evaluateForestLine}`,
    `populations: ours train ${po.train} / test ${po.test} (churned ${(po.testChurnRate * 100).toFixed(1)} %), baseline train ${pb.train} / test ${pb.test} (churned ${(pb.testChurnRate * 100).toFixed(1)} %)`,
    '',
    textTable(['model', 'ROC ours', 'ROC sklearn', 'ΔROC', 'PR ours', 'PR sklearn', 'Brier ours', 'Brier sklearn', 'logloss ours', 'logloss sklearn'], rows),
  ].join('\n');

  const part = '1 quality';
  const ext = q.ours['RF extended'];
  const base = q.baseline['RF extended'];
  const rfm = q.ours['RF on RFM'];
  const baseRfm = q.baseline['RF on RFM'];
  const recency = q.baseline['recency only'];
  const vs = (a: number, b: number) => `${f4(a)} vs ${f4(b)} (${d4(a - b)})`;
  const samePopulation = po.train === pb.train && po.test === pb.test && Math.abs(po.testChurnRate - pb.testChurnRate) < 1e-9;
  return {
    text,
    goals: [
      judged(part, 'same populations and churn rate as baseline.py', `${po.train}/${po.test} vs ${pb.train}/${pb.test}`, samePopulation),
      judged(part, 'ROC AUC on RFM >= sklearn RFM − 0.005', vs(rfm.rocAuc, baseRfm.rocAuc), rfm.rocAuc >= baseRfm.rocAuc - 0.005),
      judged(part, 'ROC AUC extended > sklearn extended', vs(ext.rocAuc, base.rocAuc), ext.rocAuc > base.rocAuc),
      judged(part, 'aim: ROC AUC extended >= sklearn extended + 0.01', vs(ext.rocAuc, base.rocAuc), ext.rocAuc >= base.rocAuc + 0.01),
      judged(part, 'ROC AUC extended > recency only', vs(ext.rocAuc, recency.rocAuc), ext.rocAuc > recency.rocAuc),
      judged(part, 'PR AUC extended >= sklearn extended', vs(ext.prAuc, base.prAuc), ext.prAuc >= base.prAuc),
      judged(part, 'Brier extended <= sklearn extended', vs(ext.brier, base.brier), ext.brier <= base.brier),
      judged(part, 'log loss extended <= sklearn extended', vs(ext.logLoss, base.logLoss), ext.logLoss <= base.logLoss),
    ],
  };
}

export function inferenceReport(c: InferenceComparison, mlMaxFeatures: number): PartReport {
  const row = (name: string, side: InferenceComparison['ours']) => [
    name, String(side.shape.trees), String(side.shape.nodes), String(side.shape.deepestLeaf), side.shape.meanPathLength.toFixed(2),
    side.trainSeconds.toFixed(2), f4(side.holdoutRocAuc), Math.round(side.medianRowsPerSecond).toLocaleString('en-US'),
  ];
  const text = [
    `${c.trainRows} simulated training rows, the same ${c.predictRows} held-out rows for both, ${c.ours.rowsPerSecond.length} alternating rounds after a warm-up, one process; ` +
      `in each round a forest predicts them again and again for at least ${c.minRoundSeconds} s (passes per round: ours ${c.ours.passesPerRound.join('/')}, ml-random-forest ${c.mlRandomForest.passesPerRound.join('/')})`,
    `ml-random-forest: maxFeatures ${Number.isInteger(mlMaxFeatures) ? mlMaxFeatures.toFixed(1) : mlMaxFeatures} per tree (its default is 1.0), treeOptions maxDepth/minNumSamples 1/gainThreshold 0; ours: max_features sqrt per split, min_samples_leaf 1`,
    '',
    textTable(['forest', 'trees', 'nodes', 'deepest leaf', 'splits/row/tree', 'train s', 'holdout ROC AUC', 'rows/s (median)'], [
      row('ours (predictBatch, wasm block walk)', c.ours),
      row('ml-random-forest 2.1', c.mlRandomForest),
    ]),
    '',
    `rows/s per round: ours ${c.ours.rowsPerSecond.map((value) => Math.round(value)).join(', ')}; ml-random-forest ${c.mlRandomForest.rowsPerSecond.map((value) => Math.round(value)).join(', ')}`,
    `ours / ml-random-forest = ${ratio(c.ratio)} rows/s (per split walked: ${ratio(c.ratio * c.ours.shape.meanPathLength / c.mlRandomForest.shape.meanPathLength)}; ` +
      `round by round ${ratio(c.roundRatios[0])} .. ${ratio(c.roundRatios[c.roundRatios.length - 1])})`,
    `on CPU time instead of wall-clock time (this process's user + system seconds): ${ratio(c.cpuRatio)}`,
  ].join('\n');
  return {
    text,
    goals: [
      judged('2 inference', 'rows/s ours >= 20× ml-random-forest', `${ratio(c.ratio)} (rounds ${ratio(c.roundRatios[0])} .. ${ratio(c.roundRatios[c.roundRatios.length - 1])})`, c.ratio >= 20),
      info('2 inference', 'the same on CPU time', ratio(c.cpuRatio)),
    ],
  };
}

export function latencyReport(l: ScoreLatencies, sklearnSingleRowP50Ms?: number): PartReport {
  const row = (name: string, s: ScoreLatencies['inProcess']) => [name, String(s.count), ms(s.p50Ms), ms(s.p90Ms), ms(s.p99Ms), ms(s.maxMs)];
  const text = [
    `model ${l.modelVersion}; gRPC: one call in flight, 127.0.0.1, blocks of 100 Score / 100 echo calls alternating; request ${l.requestBytes} B, response ${l.responseBytes} B (echo sends the same bytes)`,
    '',
    textTable(['path', 'calls', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'], [
      row('model.score, in process', l.inProcess),
      row('gRPC Score, features in request', l.grpcScore),
      row('bare grpc-js echo, same sizes', l.grpcEcho),
    ]),
    '',
    `Score / echo: p50 ${ratio(l.p50Ratio)}, p99 ${ratio(l.p99Ratio)}`,
  ].join('\n');
  const goals = [
    judged('3 latency', 'gRPC Score p99 <= 2× bare echo p99', `${ms(l.grpcScore.p99Ms)} vs ${ms(l.grpcEcho.p99Ms)} ms (${ratio(l.p99Ratio)})`, l.p99Ratio <= 2),
    info('3 latency', 'gRPC Score p50 vs bare echo p50', `${ms(l.grpcScore.p50Ms)} vs ${ms(l.grpcEcho.p50Ms)} ms (${ratio(l.p50Ratio)})`),
    info('3 latency', 'model.score in process p50 / p99', `${ms(l.inProcess.p50Ms)} / ${ms(l.inProcess.p99Ms)} ms`),
  ];
  if (sklearnSingleRowP50Ms !== undefined && Number.isFinite(sklearnSingleRowP50Ms)) {
    goals.push(info('3 latency', 'one row p50: sklearn predict_proba (baseline.py) / ours', `${ms(sklearnSingleRowP50Ms)} / ${ms(l.inProcess.p50Ms)} ms (${ratio(sklearnSingleRowP50Ms / l.inProcess.p50Ms)})`));
  }
  return { text, goals };
}

export function trainingReport(t: TrainingComparison, trees: number, minSamplesLeaf: number): PartReport {
  const rows = [
    ...t.ours.map((run, index) => ['ours, 1 thread', String(index + 1), run.fitSeconds.toFixed(2), mb(run.rssBeforeFitKb), mb(run.peakRssKb), String(run.nodes), f4(run.holdoutRocAuc)]),
    ...t.sklearn.map((run, index) => ['sklearn, n_jobs=1', String(index + 1), run.fitSeconds.toFixed(2), mb(run.rssBeforeFitKb), mb(run.peakRssKb), String(run.nodes), f4(run.holdoutRocAuc)]),
  ];
  const bestOurs = Math.min(...t.ours.map((run) => run.fitSeconds));
  const bestSklearn = Math.min(...t.sklearn.map((run) => run.fitSeconds));
  const peakOurs = Math.max(...t.ours.map((run) => run.peakRssKb));
  const peakSklearn = Math.max(...t.sklearn.map((run) => run.peakRssKb));
  const text = [
    `${t.rows} simulated rows × ${t.features} features, ${trees} trees, min_samples_leaf ${minSamplesLeaf}, max_features sqrt, bootstrap; each fit in a fresh process, the two alternating`,
    '',
    textTable(['trainer', 'run', 'fit s', 'RSS before fit MB', 'peak RSS MB', 'nodes', 'holdout ROC AUC'], rows),
    '',
    `best fit: ours ${bestOurs.toFixed(2)} s, sklearn ${bestSklearn.toFixed(2)} s → ours takes ${ratio(t.fitRatio)} sklearn's time; peak RSS ${mb(peakOurs)} vs ${mb(peakSklearn)} MB (${ratio(t.peakRssRatio)})`,
  ].join('\n');
  return {
    text,
    goals: [
      judged('4 training', 'fit time ours <= 2× sklearn n_jobs=1', `${bestOurs.toFixed(2)} vs ${bestSklearn.toFixed(2)} s (${ratio(t.fitRatio)})`, t.fitRatio <= 2),
      info('4 training', 'peak RSS of the training process, ours vs sklearn', `${mb(peakOurs)} vs ${mb(peakSklearn)} MB (${ratio(t.peakRssRatio)})`),
    ],
  };
}
