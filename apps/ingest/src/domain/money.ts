/**
 * "403.00" → 40300. Vendors send money as decimal strings; parsing through a float would turn "4.35" into
 * 434 cents. Returns undefined for anything that is not a plain non-negative decimal with at most 2 places.
 */
export function decimalToCents(amount: string | number | null | undefined): number | undefined {
  if (amount === null || amount === undefined) return undefined;
  const text = typeof amount === 'number' ? amount.toFixed(2) : amount.trim();
  const match = /^(\d{1,12})(?:\.(\d{1,2})\d*)?$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
