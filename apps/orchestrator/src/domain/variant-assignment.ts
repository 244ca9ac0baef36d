import { createHash } from 'node:crypto';

export interface VariantWeight {
  name: string;
  weight: number;
}

export const HOLDOUT = 'holdout';

/**
 * Deterministic per customer and experiment: the same customer lands in the same arm on every instance and
 * after every restart, without storing anything. Hashing with the experiment id keeps arms of different
 * experiments independent.
 */
export function assignVariant(customerId: string, experimentId: string, variants: readonly VariantWeight[], holdoutPercent: number): string {
  const bucket = unitInterval(`${experimentId}:${customerId}`);
  if (bucket < holdoutPercent / 100) return HOLDOUT;
  const rest = (bucket - holdoutPercent / 100) / (1 - holdoutPercent / 100);
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  let cumulative = 0;
  for (const variant of variants) {
    cumulative += variant.weight / total;
    if (rest < cumulative) return variant.name;
  }
  return variants[variants.length - 1].name;
}

function unitInterval(text: string): number {
  const digest = createHash('sha256').update(text).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000;
}
