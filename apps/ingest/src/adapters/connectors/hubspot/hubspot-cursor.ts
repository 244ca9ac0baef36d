/**
 * Where a HubSpot sync stands, saved as JSON in the checkpoint.
 * - Import: `after` is the list API's paging token; `since` is the watermark the incremental syncs start from
 *   once the import is done (the import's start, so a change made while it ran is not missed).
 * - Changes: every contact modified at or after `since` (epoch ms) is next, except `ids`, already published
 *   with exactly that timestamp. `after` is a search offset, used only while more contacts than one page share
 *   the same timestamp.
 */
export interface HubSpotCursor {
  after?: string;
  since?: number;
  ids?: string[];
}

export const parseCursor = (raw: string | undefined): HubSpotCursor | undefined => (raw ? (JSON.parse(raw) as HubSpotCursor) : undefined);
export const formatCursor = (cursor: HubSpotCursor): string => JSON.stringify(cursor);

export interface Stamped {
  id: string;
  modifiedAtMs: number;
}

/** The contacts of a search page not yet published: those at the watermark were published by the page before. */
export function unseen<T extends Stamped>(cursor: HubSpotCursor, results: readonly T[]): T[] {
  const seen = new Set(cursor.ids ?? []);
  return results.filter((contact) => !(contact.modifiedAtMs === cursor.since && seen.has(contact.id)));
}

/**
 * The cursor after one search page, sorted by lastmodifieddate ascending. The search API stops at 10,000 results
 * per query, so instead of paging one query with offsets, each page starts a new query at the last timestamp
 * read: the offset never grows past one page, however large the CRM. Paging on offsets also skips contacts
 * when one earlier in the order is modified meanwhile (it moves to the end and everything shifts left).
 */
export function advance(cursor: HubSpotCursor, results: readonly Stamped[], nextAfter: string | undefined): HubSpotCursor {
  let since = cursor.since;
  let ids = new Set(cursor.ids ?? []);
  for (const contact of results) {
    if (since === undefined || contact.modifiedAtMs > since) {
      since = contact.modifiedAtMs;
      ids = new Set([contact.id]);
    } else if (contact.modifiedAtMs === since) {
      ids.add(contact.id);
    }
  }
  // A full page that never left the watermark: the next query from the same timestamp would return the same
  // page, so page within this timestamp by offset.
  const isStuck = since === cursor.since && nextAfter !== undefined;
  return { since, ids: [...ids], ...(isStuck ? { after: nextAfter } : {}) };
}
