import { advance, parseCheckpoint, scanOf, searchQueryOf } from './shopify-checkpoint';

const now = new Date('2026-11-26T10:00:30.400Z');

describe('a Shopify scan checkpoint', () => {
  it('starts a first scan without a lower bound, ending a whole second before now minus the settle time', () => {
    const scan = scanOf(parseCheckpoint(undefined), now, 5_000);
    expect(scan).toEqual({ since: undefined, until: '2026-11-26T10:00:24.000Z' });
    expect(searchQueryOf(scan)).toBe("updated_at:<='2026-11-26T10:00:24.000Z'");
  });

  it('continues an interrupted scan with its own bounds and cursor', () => {
    const interrupted = { since: 'a', until: 'b', after: 'cursor', latest: 'a' };
    expect(scanOf(parseCheckpoint(JSON.stringify(interrupted)), now, 0)).toEqual(interrupted);
  });

  it('keeps the cursor between pages and, at the end, makes the latest change the next lower bound', () => {
    let scan = scanOf(parseCheckpoint(undefined), now, 0);
    scan = advance(scan, { updatedAts: ['2026-11-26T09:00:00.000Z', '2026-11-26T09:00:02.000Z'], endCursor: 'c1', hasNextPage: true });
    expect(scan).toMatchObject({ after: 'c1', latest: '2026-11-26T09:00:02.000Z' });
    scan = advance(scan, { updatedAts: ['2026-11-26T09:00:01.000Z'], endCursor: 'c2', hasNextPage: false });
    expect(scan).toEqual({ since: '2026-11-26T09:00:02.000Z' });
    expect(searchQueryOf(scanOf(scan, now, 0))).toBe("updated_at:>'2026-11-26T09:00:02.000Z' AND updated_at:<='2026-11-26T10:00:29.000Z'");
  });

  it('keeps its lower bound when a scan finds nothing new', () => {
    const quiet = { since: '2026-11-26T09:00:02.000Z' };
    expect(advance(scanOf(quiet, now, 0), { updatedAts: [], endCursor: null, hasNextPage: false })).toEqual(quiet);
  });
});
