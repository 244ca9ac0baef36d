import { QueryCostBucket } from './query-cost-bucket';

describe(QueryCostBucket.name, () => {
  let nowMs = 0;
  const bucket = () => new QueryCostBucket(() => nowMs);

  beforeEach(() => {
    nowMs = 1_000_000;
  });

  it('does not wait before Shopify has reported anything', () => {
    expect(bucket().waitMsFor(500)).toBe(0);
  });

  it('waits for the missing points at the restore rate', () => {
    const b = bucket();
    b.observe({ maximumAvailable: 1000, currentlyAvailable: 100, restoreRate: 50 });
    expect(b.waitMsFor(100)).toBe(0);
    expect(b.waitMsFor(352)).toBe(5_040);
  });

  it('counts the points restored since the last report, up to the maximum', () => {
    const b = bucket();
    b.observe({ maximumAvailable: 1000, currentlyAvailable: 100, restoreRate: 50 });
    nowMs += 4_000;
    expect(b.waitMsFor(300)).toBe(0);
    expect(b.waitMsFor(350)).toBe(1_000);
    nowMs += 60_000;
    expect(b.waitMsFor(1000)).toBe(0);
  });

  it('never waits for more than a full bucket, which Shopify refuses outright anyway', () => {
    const b = bucket();
    b.observe({ maximumAvailable: 1000, currentlyAvailable: 0, restoreRate: 100 });
    expect(b.waitMsFor(5000)).toBe(10_000);
  });
});
