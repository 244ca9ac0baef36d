/**
 * Where a Shopify scan stands. A scan reads every record with `since < updated_at <= until`, sorted by
 * UPDATED_AT. Shopify's page cursors belong to one search query, so the query's bounds are saved with the cursor.
 * `until` is a whole second (Shopify's precision) at least `settleMs` in the past: every change stamped at or
 * before it is already searchable, so the next scan may start strictly after the last change this one read,
 * and a bulk import of thousands of customers in one second is not read again by every later sync.
 */
export interface ShopifyCheckpoint {
  since?: string;
  until?: string;
  /** Shopify's endCursor inside the current scan. */
  after?: string;
  /** The greatest updatedAt read by this scan so far: the next scan's `since`. */
  latest?: string;
}

export interface ScanPage {
  updatedAts: string[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export function parseCheckpoint(text: string | undefined): ShopifyCheckpoint {
  return text ? JSON.parse(text) : {};
}

/** The scan to run: the saved one if it was interrupted, else a new one from the saved watermark up to `until`. */
export function scanOf(checkpoint: ShopifyCheckpoint, now: Date, settleMs: number): ShopifyCheckpoint {
  if (checkpoint.until) return checkpoint;
  const until = new Date(Math.floor((now.getTime() - settleMs) / 1000) * 1000 - 1000).toISOString();
  return { since: checkpoint.since, until };
}

/** Shopify search syntax; instants are quoted because they contain colons. */
export function searchQueryOf(scan: ShopifyCheckpoint): string {
  const bounds = [scan.since ? `updated_at:>'${scan.since}'` : '', scan.until ? `updated_at:<='${scan.until}'` : ''];
  return bounds.filter(Boolean).join(' AND ');
}

/** After a page: inside the scan, the cursor moves on; at its end, the latest change read becomes the next watermark. */
export function advance(scan: ShopifyCheckpoint, page: ScanPage): ShopifyCheckpoint {
  const latest = [scan.latest, ...page.updatedAts].reduce<string | undefined>((max, at) => (at !== undefined && (max === undefined || at > max) ? at : max), undefined);
  if (page.hasNextPage) return { ...scan, after: page.endCursor ?? scan.after, latest };
  return latest === undefined ? { since: scan.since } : { since: latest };
}
