import { mix32, type Random } from '@syncengage/seeded-random';

// The forest's only source of randomness, so a seed fixes the model.
export { mulberry32, type Random } from '@syncengage/seeded-random';

/**
 * Seed of tree `index` of a forest seeded with `seed` (a murmur3 finaliser over both). Each tree owns its stream,
 * so trees can be grown in any order or in parallel and the forest is still the same.
 */
export function treeSeed(seed: number, index: number): number {
  return mix32(Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
}

export function randomInt(random: Random, exclusiveMax: number): number {
  return Math.floor(random() * exclusiveMax);
}
