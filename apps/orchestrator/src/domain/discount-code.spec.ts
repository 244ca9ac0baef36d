import { randomUUID } from 'node:crypto';
import { discountCodeFor, expectedDiscountCostCents } from './discount-code';

describe(discountCodeFor.name, () => {
  const messageId = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

  it('issues the same code for the same message, so a redelivered decision does not mint a second one', () => {
    expect(discountCodeFor(messageId, 15)).toBe(discountCodeFor(messageId, 15));
  });

  it('names the percent and adds eight upper-case letters or digits', () => {
    expect(discountCodeFor(messageId, 15)).toMatch(/^SAVE15-[A-Z0-9]{8}$/);
  });

  it('gives 10 000 messages 10 000 different codes', () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => discountCodeFor(randomUUID(), 10)));
    expect(codes.size).toBe(10_000);
  });
});

describe(expectedDiscountCostCents.name, () => {
  it.each([
    { percent: 10, total: 84_000, frequency: 7, cost: 1_200 },
    { percent: 15, total: 10_000, frequency: 3, cost: 500 },
    { percent: 20, total: 12_345, frequency: 1, cost: 2_469 },
    { percent: 0, total: 84_000, frequency: 7, cost: 0 },
    { percent: -5, total: 84_000, frequency: 7, cost: 0 },
    { percent: 20, total: 0, frequency: 0, cost: 1 },
    { percent: 20, total: 2, frequency: 1, cost: 1 },
  ])('$percent% of an average order from $total cents over $frequency orders costs $cost cents', ({ percent, total, frequency, cost }) => {
    expect(expectedDiscountCostCents(percent, total, frequency)).toBe(cost);
  });
});
