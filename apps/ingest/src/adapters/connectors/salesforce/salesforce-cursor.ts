import { modifiedSecond, type SalesforceRow } from './salesforce-record';

/**
 * Where a Salesforce sync stands, saved as JSON in the checkpoint: every row modified in or after `second` comes
 * next, except `ids`, already published from that very second. While a query is being paged, `locator` is its
 * nextRecordsUrl; Salesforce forgets locators (after about 15 minutes idle), and then the keyset alone restarts
 * the query where it was. SOQL compares date-times to the second, hence a second and ids rather than an instant.
 */
export interface SalesforceCursor {
  second?: string;
  ids?: string[];
  locator?: string;
}

export const parseCursor = (raw: string | undefined): SalesforceCursor => (raw ? (JSON.parse(raw) as SalesforceCursor) : {});
export const formatCursor = (cursor: SalesforceCursor): string => JSON.stringify(cursor);

/** Rows of a batch not yet published: a restarted query re-reads the whole second it starts in. */
export function unseen(cursor: SalesforceCursor, rows: readonly SalesforceRow[]): SalesforceRow[] {
  const seen = new Set(cursor.ids ?? []);
  return rows.filter((row) => !(modifiedSecond(row) === cursor.second && seen.has(row.Id)));
}

/** The cursor after a batch, in (SystemModstamp, Id) order; `locator` is the next batch of the same query, if any. */
export function advance(cursor: SalesforceCursor, rows: readonly SalesforceRow[], locator: string | undefined): SalesforceCursor {
  let second = cursor.second;
  let ids = new Set(cursor.ids ?? []);
  for (const row of rows) {
    const rowSecond = modifiedSecond(row);
    if (second === undefined || rowSecond > second) {
      second = rowSecond;
      ids = new Set([row.Id]);
    } else if (rowSecond === second) {
      ids.add(row.Id);
    }
  }
  return { second, ids: [...ids], ...(locator ? { locator } : {}) };
}
