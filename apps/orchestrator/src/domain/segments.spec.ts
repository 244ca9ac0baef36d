import type { RiskBand } from '@syncengage/contracts';
import { segmentOf, type SegmentRules } from './segments';

const rules: SegmentRules = { vipMinSpendCents: 100_000, dormantMinRecencyDays: 180, newMaxTenureDays: 30 };

const customer = (band: RiskBand, rfm: Partial<{ recencyDays: number; monetaryTotalCents: number; tenureDays: number }>) => ({
  band,
  rfm: { recencyDays: 10, frequency: 4, monetaryTotalCents: 20_000, tenureDays: 365, ...rfm },
});

describe(segmentOf.name, () => {
  it.each([
    { who: 'a silent big spender at high risk', band: 'high', rfm: { recencyDays: 400, monetaryTotalCents: 900_000, tenureDays: 10 }, segment: 'Dormant' },
    { who: 'a customer silent for exactly the dormant threshold', band: 'low', rfm: { recencyDays: 180 }, segment: 'Dormant' },
    { who: 'a high-risk VIP one day short of dormant', band: 'high', rfm: { recencyDays: 179, monetaryTotalCents: 900_000 }, segment: 'At-Risk' },
    { who: 'a brand-new customer already at high risk', band: 'high', rfm: { tenureDays: 3 }, segment: 'At-Risk' },
    { who: 'a medium-risk customer spending exactly the VIP threshold', band: 'medium', rfm: { monetaryTotalCents: 100_000 }, segment: 'VIP' },
    { who: 'a new customer who already spends like a VIP', band: 'low', rfm: { monetaryTotalCents: 150_000, tenureDays: 5 }, segment: 'VIP' },
    { who: 'a customer one day younger than the new threshold', band: 'medium', rfm: { tenureDays: 29 }, segment: 'New' },
    { who: 'a customer exactly at the new threshold', band: 'low', rfm: { tenureDays: 30 }, segment: undefined },
    { who: 'an active medium-risk regular', band: 'medium', rfm: {}, segment: undefined },
    { who: 'a customer one cent short of VIP', band: 'low', rfm: { monetaryTotalCents: 99_999 }, segment: undefined },
  ] as const)('puts $who in $segment', ({ band, rfm, segment }) => {
    expect(segmentOf(customer(band, rfm), rules).segment).toBe(segment);
  });

  it.each([
    { band: 'low', rfm: { recencyDays: 200 }, reason: 'no order for 200 days (>= 180)' },
    { band: 'high', rfm: {}, reason: 'churn risk band is high' },
    { band: 'low', rfm: { monetaryTotalCents: 120_000 }, reason: 'lifetime spend 120000c >= 100000c' },
    { band: 'low', rfm: { tenureDays: 12 }, reason: 'first order 12 days ago (< 30)' },
    { band: 'medium', rfm: {}, reason: 'active customer, medium risk: no campaign applies' },
  ] as const)('explains the choice: $reason', ({ band, rfm, reason }) => {
    expect(segmentOf(customer(band, rfm), rules).reason).toBe(reason);
  });
});
