import type { CustomerTraits } from './customer-traits';
import { chance, exponential, gamma, logNormal, poisson, uniform } from './distributions';
import type { Random } from './prng';

/** One invoice or credit note of one customer, before ids are assigned. */
export interface SimulatedDocument {
  /** Milliseconds from the simulation start (UTC midnight). */
  offsetMs: number;
  amount: number;
}

const DAY_MS = 86_400_000;
const LONG_BREAK_CHANCE = 0.1;
const FADING_GAP_STRETCH = 1.5;
const FADING_BASKET_SHRINK = 0.85;
const FADING_DROPOUT_MULTIPLIER = 3;

const cents = (value: number): number => Math.round(value * 100) / 100;

/**
 * Plays one customer's life from their first order until they leave or the simulation ends. Only documents
 * on days [0, simulatedDays) are returned, so customers who joined earlier show up truncated, like in a real
 * log that starts on some arbitrary date.
 */
export function simulatePurchaseHistory(random: Random, traits: CustomerTraits, simulatedDays: number): SimulatedDocument[] {
  const documents: SimulatedDocument[] = [];
  let time = traits.firstOrderDay;
  let gapScale = traits.meanGapDays;
  let basketScale = 1;
  let isFading = false;

  for (let orderIndex = 0; time < simulatedDays; orderIndex++) {
    const day = Math.floor(time);
    const basket = logNormal(random, traits.basketMedian * basketScale, traits.basketSigma);
    if (day >= 0) {
      documents.push(...orderDocuments(random, traits, day, basket));
      if (chance(random, traits.returnRate)) {
        const returnDay = day + 1 + Math.floor(exponential(random, 8));
        if (returnDay < simulatedDays) {
          documents.push({ offsetMs: returnDay * DAY_MS + timeOfDayMs(random, traits), amount: -cents(basket * uniform(random, 0.1, 1)) });
        }
      }
    }

    const dropout = orderIndex === 0 ? traits.firstOrderDropout
      : isFading ? Math.min(0.9, traits.dropout * FADING_DROPOUT_MULTIPLIER) : traits.dropout;
    if (chance(random, dropout)) break;
    if (!isFading && chance(random, traits.fadeChance)) isFading = true;
    if (isFading) {
      gapScale *= FADING_GAP_STRETCH;
      basketScale *= FADING_BASKET_SHRINK;
    }
    let gap = gamma(random, traits.regularity, gapScale / traits.regularity);
    // Holidays, budgets, a spell with a competitor: alive customers sometimes go quiet for a long time.
    if (chance(random, LONG_BREAK_CHANCE)) gap *= uniform(random, 2, 6);
    time += Math.max(1, gap);
  }
  return documents;
}

function orderDocuments(random: Random, traits: CustomerTraits, day: number, basket: number): SimulatedDocument[] {
  const count = 1 + poisson(random, traits.extraDocumentsPerOrder);
  const weights = Array.from({ length: count }, () => 0.2 + random());
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => ({
    offsetMs: day * DAY_MS + timeOfDayMs(random, traits),
    amount: Math.max(0.5, cents((basket * weight) / total)),
  }));
}

/** Shops trade in daytime; wholesalers order in office hours. Whole seconds keep timestamps short. */
function timeOfDayMs(random: Random, traits: CustomerTraits): number {
  const [fromHour, toHour] = traits.segment === 'wholesale' ? [8, 18] : [7, 23];
  return Math.floor(uniform(random, fromHour * 3600, toHour * 3600)) * 1000;
}
