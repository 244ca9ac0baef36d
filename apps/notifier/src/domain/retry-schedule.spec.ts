import { retryDelayMs, type RetrySchedule } from './retry-schedule';

const schedule: RetrySchedule = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 3_000 };

describe(retryDelayMs.name, () => {
  it.each([
    { failed: 1, ceiling: 200 },
    { failed: 2, ceiling: 400 },
    { failed: 3, ceiling: 800 },
    { failed: 4, ceiling: 1_600 },
    { failed: 5, ceiling: 3_000 },
    { failed: 9, ceiling: 3_000 },
  ])('doubles the ceiling after failure $failed, up to the maximum ($ceiling ms)', ({ failed, ceiling }) => {
    expect(retryDelayMs(schedule, failed, () => 1)).toBe(ceiling);
    expect(retryDelayMs(schedule, failed, () => 0)).toBe(0);
    expect(retryDelayMs(schedule, failed, () => 0.5)).toBe(Math.round(ceiling / 2));
  });

  it('waits at least the provider’s Retry-After', () => {
    expect(retryDelayMs(schedule, 1, () => 0.1, 1_500)).toBe(1_500);
  });

  it('caps a Retry-After longer than the maximum: the wait holds the customer’s partition', () => {
    expect(retryDelayMs(schedule, 1, () => 0.1, 60_000)).toBe(3_000);
  });
});
