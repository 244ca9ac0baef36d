import { simulateTransactions, type SimulatedTransaction } from './simulate-transactions';

const options = { seed: 11, customers: 1500, startDate: new Date('2023-01-01T00:00:00Z'), days: 730 };
const rows = simulateTransactions(options);
const dayOf = (row: SimulatedTransaction): string => row.timestamp.slice(0, 10);

describe('simulateTransactions', () => {
  it('is deterministic: same options, same rows', () => {
    expect(simulateTransactions(options)).toEqual(rows);
  });

  it('changes with the seed', () => {
    expect(simulateTransactions({ ...options, seed: 12 }).slice(0, 50)).not.toEqual(rows.slice(0, 50));
  });

  it('keeps each customer\'s history when more customers are simulated', () => {
    const more = simulateTransactions({ ...options, customers: 1600 });
    const ofFirst = (list: SimulatedTransaction[]) => list.filter((row) => row.customerId === 'C000001').map(({ timestamp, amount }) => [timestamp, amount]);
    expect(ofFirst(more)).toEqual(ofFirst(rows));
  });

  it('sorts rows by time and stamps them in UTC within the simulated days', () => {
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1].timestamp <= rows[i].timestamp).toBe(true);
    expect(rows.every((row) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(row.timestamp))).toBe(true);
    expect(dayOf(rows[0]) >= '2023-01-01').toBe(true);
    expect(dayOf(rows[rows.length - 1]) <= '2024-12-30').toBe(true);
  });

  it('gives every document a unique id and keeps leading zeros in customer ids', () => {
    expect(new Set(rows.map((row) => row.orderId)).size).toBe(rows.length);
    expect(rows.every((row) => /^C\d{6}$/.test(row.customerId))).toBe(true);
  });

  it('mixes purchases with occasional returns as negative amounts', () => {
    const returns = rows.filter((row) => row.amount < 0);
    expect(returns.length / rows.length).toBeGreaterThan(0.01);
    expect(returns.length / rows.length).toBeLessThan(0.1);
    expect(returns.every((row) => row.orderId.startsWith('CRN-'))).toBe(true);
  });

  it('has wholesalers who send several invoices on one day', () => {
    const perCustomerDay = new Map<string, number>();
    for (const row of rows) if (row.amount >= 0) perCustomerDay.set(`${row.customerId} ${dayOf(row)}`, (perCustomerDay.get(`${row.customerId} ${dayOf(row)}`) ?? 0) + 1);
    expect([...perCustomerDay.values()].filter((count) => count >= 3).length).toBeGreaterThan(20);
  });

  it('lets customers churn: many stop buying long before the end, others buy to the last months', () => {
    const lastPurchase = new Map<string, string>();
    for (const row of rows) if (row.amount >= 0) lastPurchase.set(row.customerId, dayOf(row));
    const lastDays = [...lastPurchase.values()];
    const stopped = lastDays.filter((day) => day < '2024-07-01').length / lastDays.length;
    expect(stopped).toBeGreaterThan(0.3);
    expect(stopped).toBeLessThan(0.8);
  });

  it('rejects nonsense options with every problem named', () => {
    expect(() => simulateTransactions({ ...options, customers: -1, days: 0 })).toThrow(/customers must be .*days must be/);
  });
});
