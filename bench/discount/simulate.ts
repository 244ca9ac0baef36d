import { mulberry32 as seededRandom } from '@syncengage/seeded-random';
import { bestLevel, expectedProfitCents, simulateOutcome, type MarketContext } from './market';
import type { DiscountPolicy } from './policies';

export interface SimulationRun {
  /** Expected-profit regret in cents, summed up to decision (index + 1) × sampleEvery. */
  cumulativeRegretCents: number[];
  /** Share of the last `tailDecisions` decisions that offered the best level of their context. */
  bestLevelShareInTail: number;
}

export interface SimulationSettings {
  decisions: number;
  sampleEvery: number;
  tailDecisions: number;
  levels: readonly number[];
  seed: number;
}

/**
 * Pseudo-regret: what the best level would have earned in expectation minus what the chosen one earns in
 * expectation, so the curve shows the policy's choices and not the luck of single conversions. The sequence of
 * contexts comes from the same seed for every policy.
 */
export function simulate(market: readonly MarketContext[], policy: DiscountPolicy, settings: SimulationSettings): SimulationRun {
  // Three streams, so one policy's choices never shift the contexts or answers another policy meets.
  const contextRandom = seededRandom(settings.seed);
  const answerRandom = seededRandom(settings.seed ^ 0x27d4eb2f);
  const policyRandom = seededRandom(settings.seed ^ 0x5bd1e995);
  const best = market.map((context) => bestLevel(context, settings.levels));
  const cumulativeRegretCents: number[] = [];
  let regretCents = 0;
  let bestInTail = 0;
  for (let decision = 0; decision < settings.decisions; decision += 1) {
    const context = Math.floor(contextRandom() * market.length);
    const offered = policy.choose(context, policyRandom);
    regretCents += expectedProfitCents(market[context], best[context]) - expectedProfitCents(market[context], offered);
    if (decision >= settings.decisions - settings.tailDecisions && offered === best[context]) bestInTail += 1;
    policy.learn(context, offered, simulateOutcome(market[context], offered, answerRandom));
    if ((decision + 1) % settings.sampleEvery === 0) cumulativeRegretCents.push(regretCents);
  }
  return { cumulativeRegretCents, bestLevelShareInTail: bestInTail / settings.tailDecisions };
}
