import { advance, unseen } from './salesforce-cursor';
import type { SalesforceRow } from './salesforce-record';

const row = (Id: string, SystemModstamp: string): SalesforceRow => ({ Id, SystemModstamp });

describe('the Salesforce keyset cursor', () => {
  it('keeps the second of the last row (SOQL compares to the second) and the ids already published in it', () => {
    const rows = [row('003A', '2026-01-01T00:00:04.900+0000'), row('003B', '2026-01-01T00:00:05.100+0000'), row('003C', '2026-01-01T00:00:05.700+0000')];
    expect(advance({}, rows, '/services/data/v62.0/query/01gX-500')).toEqual({ second: '2026-01-01T00:00:05Z', ids: ['003B', '003C'], locator: '/services/data/v62.0/query/01gX-500' });
  });

  it('adds to the ids while the same second goes on, and forgets the locator when the query is done', () => {
    expect(advance({ second: '2026-01-01T00:00:05Z', ids: ['003B'], locator: 'old' }, [row('003C', '2026-01-01T00:00:05.700+0000')], undefined)).toEqual({
      second: '2026-01-01T00:00:05Z', ids: ['003B', '003C'],
    });
  });

  it('drops rows of the saved second that were published, and nothing else', () => {
    const cursor = { second: '2026-01-01T00:00:05Z', ids: ['003B'] };
    expect(unseen(cursor, [row('003B', '2026-01-01T00:00:05.100+0000'), row('003C', '2026-01-01T00:00:05.700+0000'), row('003B', '2026-01-01T00:00:06.000+0000')]).map((r) => r.SystemModstamp)).toEqual([
      '2026-01-01T00:00:05.700+0000', '2026-01-01T00:00:06.000+0000',
    ]);
  });
});
