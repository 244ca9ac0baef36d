/** A source of uniform numbers in [0, 1). Every random choice in the simulator goes through one of these. */
export type Random = () => number;

/**
 * mulberry32: 32 bits of state, passes the usual statistical batteries well enough for simulation,
 * and — unlike Math.random — gives the same stream for the same seed on every platform.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes a seed with a stream key into a new 32-bit seed (FNV-1a over the key, then a murmur finaliser),
 * so each customer gets an independent stream: adding customers never changes the earlier ones.
 */
export function deriveSeed(seed: number, key: string | number): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  const text = String(key);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}
