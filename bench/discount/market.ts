import type { Random } from '@syncengage/orchestrator/dist/domain/beta-sample';

/**
 * A customer context whose answer to a discount is known: conversion rises with the discount along a logistic
 * curve (few respond below the threshold, most of the responsive ones above it), so profit per message,
 * conversion × order value × (1 − discount), peaks at one level the benchmark can score every policy against.
 */
export interface MarketContext {
  name: string;
  /** The campaign's own discount, what a fixed policy offers. */
  campaignDiscountPercent: number;
  baseConversion: number;
  maxConversion: number;
  thresholdPercent: number;
  steepnessPercent: number;
  meanOrderCents: number;
}

export const MARKET: readonly MarketContext[] = [
  { name: 'At-Risk/high', campaignDiscountPercent: 10, baseConversion: 0.02, maxConversion: 0.2, thresholdPercent: 15, steepnessPercent: 3, meanOrderCents: 8_000 },
  { name: 'Dormant/medium', campaignDiscountPercent: 15, baseConversion: 0.03, maxConversion: 0.14, thresholdPercent: 6, steepnessPercent: 2, meanOrderCents: 6_000 },
];

export function conversionProbability(context: MarketContext, discountPercent: number): number {
  const { baseConversion, maxConversion, thresholdPercent, steepnessPercent } = context;
  return baseConversion + (maxConversion - baseConversion) / (1 + Math.exp(-(discountPercent - thresholdPercent) / steepnessPercent));
}

/** Revenue minus discount cost, expected per message sent. */
export function expectedProfitCents(context: MarketContext, discountPercent: number): number {
  return conversionProbability(context, discountPercent) * context.meanOrderCents * (1 - discountPercent / 100);
}

export function bestLevel(context: MarketContext, levels: readonly number[]): number {
  return levels.reduce((best, level) => (expectedProfitCents(context, level) > expectedProfitCents(context, best) ? level : best));
}

/** One customer's answer: order values are log-normal (σ 0.3) around the context's mean. */
export function simulateOutcome(context: MarketContext, discountPercent: number, random: Random): { revenueImpactCents: number; discountCostCents: number } {
  if (random() >= conversionProbability(context, discountPercent)) return { revenueImpactCents: 0, discountCostCents: 0 };
  const sigma = 0.3;
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const listPriceCents = context.meanOrderCents * Math.exp(sigma * normal - (sigma * sigma) / 2);
  const discountCostCents = Math.round((listPriceCents * discountPercent) / 100);
  return { revenueImpactCents: Math.round(listPriceCents), discountCostCents };
}
