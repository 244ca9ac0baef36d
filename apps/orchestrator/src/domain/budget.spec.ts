import { budgetDayOf, reserve } from './budget';

describe(reserve.name, () => {
  it.each([
    { committed: 0, cost: 500, granted: true },
    { committed: 9_500, cost: 500, granted: true },
    { committed: 9_501, cost: 500, granted: false },
    { committed: 10_000, cost: 1, granted: false },
    { committed: 10_000, cost: 0, granted: true },
    { committed: 0, cost: 10_001, granted: false },
  ])('cap 10_000, committed $committed, cost $cost → granted $granted', ({ committed, cost, granted }) => {
    expect(reserve({ capCents: 10_000, committedCents: committed }, cost).granted).toBe(granted);
  });

  it('adds a granted cost to what is committed, leaving the cap alone', () => {
    expect(reserve({ capCents: 10_000, committedCents: 2_000 }, 1_500)).toEqual({ granted: true, budget: { capCents: 10_000, committedCents: 3_500 } });
  });

  it('does not change the budget it was given', () => {
    const budget = { capCents: 10_000, committedCents: 2_000 };
    reserve(budget, 1_500);
    expect(budget).toEqual({ capCents: 10_000, committedCents: 2_000 });
  });

  it('says how much was left when it refuses', () => {
    expect(reserve({ capCents: 10_000, committedCents: 9_600 }, 500)).toEqual({ granted: false, reason: 'cap-reached', remainingCents: 400 });
  });

  it('never lets a run of reservations go past the cap', () => {
    let budget = { capCents: 10_000, committedCents: 0 };
    let grantedCount = 0;
    for (let index = 0; index < 50; index += 1) {
      const reservation = reserve(budget, 700);
      if (reservation.granted) {
        budget = reservation.budget;
        grantedCount += 1;
      }
    }
    expect(grantedCount).toBe(14);
    expect(budget.committedCents).toBe(9_800);
  });
});

describe(budgetDayOf.name, () => {
  it.each([
    { instant: '2025-03-01T16:30:00Z', timeZone: 'UTC', day: '2025-03-01' },
    { instant: '2025-03-01T16:30:00Z', timeZone: 'Asia/Tokyo', day: '2025-03-02' },
    { instant: '2025-03-01T14:59:59Z', timeZone: 'Asia/Tokyo', day: '2025-03-01' },
    { instant: '2025-03-01T15:00:00Z', timeZone: 'Asia/Tokyo', day: '2025-03-02' },
    { instant: '2025-03-01T03:00:00Z', timeZone: 'America/Los_Angeles', day: '2025-02-28' },
    { instant: '2024-12-31T23:30:00Z', timeZone: 'Europe/Madrid', day: '2025-01-01' },
    { instant: '2024-02-29T12:00:00Z', timeZone: 'Pacific/Kiritimati', day: '2024-03-01' },
  ])('$instant is $day in $timeZone', ({ instant, timeZone, day }) => {
    expect(budgetDayOf(new Date(instant), timeZone)).toBe(day);
  });

  it('follows daylight saving time: midnight in Madrid is 23:00 UTC in winter and 22:00 UTC in summer', () => {
    expect(budgetDayOf(new Date('2025-01-15T23:00:00Z'), 'Europe/Madrid')).toBe('2025-01-16');
    expect(budgetDayOf(new Date('2025-07-15T22:00:00Z'), 'Europe/Madrid')).toBe('2025-07-16');
    expect(budgetDayOf(new Date('2025-07-15T21:59:59Z'), 'Europe/Madrid')).toBe('2025-07-15');
  });
});
