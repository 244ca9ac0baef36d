import type { ExperimentUnit } from '@syncengage/orchestrator/dist/domain/experiment-analysis';
import type { Random } from '@syncengage/seeded-random';

/** An arm whose truth is known: the share that converts within the window, and what a conversion is worth. */
export interface SimulatedArm {
  name: string;
  /** Share of customers assigned to it. */
  share: number;
  conversionRate: number;
}

export interface ExperimentScenario {
  days: number;
  customersPerDay: number;
  arms: readonly SimulatedArm[];
  meanOrderCents: number;
}

const DAY_MS = 86_400_000;

/**
 * Customers enter through the day, are assigned by share, and a converting one buys 0–3 days later; the order
 * value is log-normal (σ 0.4) around the mean, and a converter has a 30 % chance of a second order within the LTV
 * window.
 */
export function simulateExperiment(scenario: ExperimentScenario, start: Date, random: Random): ExperimentUnit[] {
  const units: ExperimentUnit[] = [];
  for (let day = 0; day < scenario.days; day += 1) {
    for (let customer = 0; customer < scenario.customersPerDay; customer += 1) {
      const arm = pickArm(scenario.arms, random());
      const decidedAt = new Date(start.getTime() + (day + random()) * DAY_MS);
      const converts = random() < arm.conversionRate;
      const orderCents = converts ? orderValue(scenario.meanOrderCents, random) : 0;
      const secondOrderCents = converts && random() < 0.3 ? orderValue(scenario.meanOrderCents, random) : 0;
      units.push({
        arm: arm.name,
        decidedAt,
        sent: arm.name !== 'holdout',
        opened: arm.name !== 'holdout' && random() < 0.35,
        clicked: arm.name !== 'holdout' && random() < 0.08,
        convertedAt: converts ? new Date(decidedAt.getTime() + random() * 3 * DAY_MS) : undefined,
        revenueCents: orderCents,
        ltvCents: orderCents + secondOrderCents,
      });
    }
  }
  return units;
}

function pickArm(arms: readonly SimulatedArm[], draw: number): SimulatedArm {
  let cumulative = 0;
  for (const arm of arms) {
    cumulative += arm.share;
    if (draw < cumulative) return arm;
  }
  return arms[arms.length - 1];
}

function orderValue(meanCents: number, random: Random): number {
  const sigma = 0.4;
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.round(meanCents * Math.exp(sigma * normal - (sigma * sigma) / 2));
}
