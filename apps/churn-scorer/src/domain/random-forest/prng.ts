import type { Random } from '@syncengage/seeded-random';

// The forest's only source of randomness, so a seed fixes the model.
export { mulberry32, type Random } from '@syncengage/seeded-random';

/**
 * Seed of tree `index` of a forest seeded with `seed` (a murmur3 finaliser over both). Each tree owns its stream,
 * so trees can be grown in any order or in parallel and the forest is still the same.
 */
export function treeSeed(seed: number, index: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export function randomInt(random: Random, exclusiveMax: number): number {
  return Math.floor(random() * exclusiveMax);
}
