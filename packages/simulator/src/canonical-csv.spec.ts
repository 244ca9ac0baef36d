import { toCanonicalCsv } from './canonical-csv';

describe('toCanonicalCsv', () => {
  it('writes the canonical header and one line per document', () => {
    const csv = toCanonicalCsv([
      { customerId: 'C000042', timestamp: '2023-01-02T09:30:00Z', amount: 12.5, orderId: 'INV-0000001' },
      { customerId: 'C000042', timestamp: '2023-01-09T10:00:00Z', amount: -3.333, orderId: 'CRN-0000002' },
    ]);
    expect(csv).toBe('customer_id,timestamp,amount,order_id\n' +
      'C000042,2023-01-02T09:30:00Z,12.5,INV-0000001\n' +
      'C000042,2023-01-09T10:00:00Z,-3.33,CRN-0000002\n');
  });

  it('quotes a field that holds a comma or a quote', () => {
    const csv = toCanonicalCsv([{ customerId: 'a,"b"', timestamp: '2023-01-02', amount: 0, orderId: 'x' }]);
    expect(csv.split('\n')[1]).toBe('"a,""b""",2023-01-02,0,x');
  });
});
