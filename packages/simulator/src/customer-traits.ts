import { beta, chance, gamma, logNormal, standardNormal, uniform } from './distributions';
import type { Random } from './prng';

export type Segment = 'retail' | 'wholesale';

/**
 * What makes one customer different from another. Drawn once per customer; the purchase history is
 * then a BG/NBD-like process: orders arrive with the customer's own rhythm while they are "alive",
 * and after each order they may leave for good — which nobody observes, so churn has to be inferred.
 */
export interface CustomerTraits {
  segment: Segment;
  /** Day (relative to the simulation start, may be negative) of the customer's first order. */
  firstOrderDay: number;
  /** Mean days between orders while engaged. */
  meanGapDays: number;
  /** Gamma shape of the gaps: 1 is memoryless, larger is clockwork-regular. */
  regularity: number;
  /** Probability of leaving for good right after the first order (trial customers). */
  firstOrderDropout: number;
  /** Probability of leaving for good after each later order. */
  dropout: number;
  /** Probability, after each order, of starting to drift away: gaps stretch, baskets shrink. */
  fadeChance: number;
  basketMedian: number;
  basketSigma: number;
  /** Probability that an order is followed by a (partial) return. */
  returnRate: number;
  /** Mean number of extra invoices on an order day (wholesalers split orders). */
  extraDocumentsPerOrder: number;
}

const EXISTING_CUSTOMER_SHARE = 0.35;
const WHOLESALE_SHARE = 0.1;

export function drawCustomerTraits(random: Random, simulatedDays: number): CustomerTraits {
  const segment: Segment = chance(random, WHOLESALE_SHARE) ? 'wholesale' : 'retail';
  const isWholesale = segment === 'wholesale';
  // Customers already on the books at the start had their first order up to a year earlier; the rest join
  // at a steady pace through the simulated period.
  const firstOrderDay = chance(random, EXISTING_CUSTOMER_SHARE)
    ? -uniform(random, 0, 365)
    : uniform(random, 0, simulatedDays);

  // Basket size is standardised so that it can tilt loyalty: bigger spenders leave a little less often.
  const basketZ = standardNormal(random);
  const basketMedian = (isWholesale ? 320 : 38) * Math.exp(0.6 * basketZ);
  const returnRate = isWholesale ? beta(random, 1.5, 12) : beta(random, 0.6, 14);
  const loyaltyTilt = Math.exp(-0.3 * basketZ) * (1 + 3 * returnRate);

  return {
    segment,
    firstOrderDay,
    meanGapDays: isWholesale ? logNormal(random, 14, 0.6) : logNormal(random, 55, 0.9),
    regularity: isWholesale ? 1.2 + gamma(random, 3, 0.6) : 0.7 + gamma(random, 1.2, 0.6),
    firstOrderDropout: Math.min(0.95, (isWholesale ? 0.06 : 0.15) * loyaltyTilt * uniform(random, 0.5, 1.5)),
    dropout: Math.min(0.9, beta(random, 1, isWholesale ? 50 : 30) * loyaltyTilt),
    fadeChance: beta(random, 1, 25),
    basketMedian,
    basketSigma: uniform(random, 0.3, 0.8),
    returnRate,
    extraDocumentsPerOrder: isWholesale ? gamma(random, 2, 0.6) : 0.03,
  };
}
