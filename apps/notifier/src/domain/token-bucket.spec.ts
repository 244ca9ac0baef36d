import { TokenBucket } from './token-bucket';

function bucket(ratePerSecond: number, capacity: number) {
  const clock = { ms: 1_000_000 };
  return { clock, bucket: new TokenBucket(ratePerSecond, capacity, () => clock.ms) };
}

describe('TokenBucket', () => {
  it('lets a full bucket go at once, then paces the rest at the rate, in order', () => {
    const { bucket: b } = bucket(10, 3);
    expect([b.reserve(), b.reserve(), b.reserve(), b.reserve(), b.reserve()]).toEqual([0, 0, 0, 100, 200]);
  });

  it('refills with time, never above its capacity', () => {
    const { bucket: b, clock } = bucket(10, 2);
    b.reserve();
    b.reserve();
    clock.ms += 10_000;
    expect([b.reserve(), b.reserve(), b.reserve()]).toEqual([0, 0, 100]);
  });

  it('never admits more than capacity + rate × t sends in any t seconds of a burst', () => {
    const { bucket: b } = bucket(5, 5);
    const waits = Array.from({ length: 50 }, () => b.reserve());
    for (const seconds of [1, 2, 5]) expect(waits.filter((wait) => wait < seconds * 1000).length).toBeLessThanOrEqual(5 + 5 * seconds);
  });

  it('holds everyone back for a Retry-After, then resumes at the rate', () => {
    const { bucket: b, clock } = bucket(10, 10);
    b.pauseFor(2_000);
    expect([b.reserve(), b.reserve()]).toEqual([2_100, 2_200]);
    clock.ms += 2_200;
    expect(b.reserve()).toBe(100);
  });

  it('keeps the longer of two pauses', () => {
    const { bucket: b } = bucket(10, 10);
    b.pauseFor(3_000);
    b.pauseFor(1_000);
    expect(b.reserve()).toBe(3_100);
  });
});
