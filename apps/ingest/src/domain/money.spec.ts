import { decimalToCents } from './money';

describe(decimalToCents.name, () => {
  it.each([
    ['403.00', 40_300],
    ['4.35', 435],
    ['1.1', 110],
    ['0', 0],
    ['12', 1_200],
    [' 19.99 ', 1_999],
    [19.99, 1_999],
  ])('reads %p as %p cents', (amount, cents) => {
    expect(decimalToCents(amount)).toBe(cents);
  });

  it.each([['-1.00'], ['1e3'], ['abc'], [''], [null], [undefined]])('refuses %p', (amount) => {
    expect(decimalToCents(amount)).toBeUndefined();
  });
});
