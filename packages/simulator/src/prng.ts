import { mix32 } from '@syncengage/seeded-random';

export { mulberry32, type Random } from '@syncengage/seeded-random';

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
  return mix32(h);
}
