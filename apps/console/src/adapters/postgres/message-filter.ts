import type { AnalyticsFilter } from '../../application/read-models';

/** WHERE clause over console_messages (alias m) for a filter; parameters numbered from `firstParam`. */
export function messageFilter(filter: AnalyticsFilter, firstParam = 1): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown): void => {
    params.push(value);
    clauses.push(sql.replace('?', `$${firstParam + params.length - 1}`));
  };
  if (filter.from) add('m.requested_at >= ?::timestamptz', filter.from);
  if (filter.to) add('m.requested_at < ?::timestamptz', filter.to);
  if (filter.campaignId) add('m.campaign_id = ?', filter.campaignId);
  if (filter.segment) add('m.segment = ?', filter.segment);
  if (filter.variant) add('m.variant = ?', filter.variant);
  if (filter.channel) add('m.channel = ?', filter.channel);
  if (filter.locale) add('m.locale = ?', filter.locale);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The same date range over console_events (alias e). */
export function eventRange(filter: AnalyticsFilter, firstParam = 1): { clauses: string[]; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.from) {
    params.push(filter.from);
    clauses.push(`e.occurred_at >= $${firstParam + params.length - 1}::timestamptz`);
  }
  if (filter.to) {
    params.push(filter.to);
    clauses.push(`e.occurred_at < $${firstParam + params.length - 1}::timestamptz`);
  }
  return { clauses, params };
}

export const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
export const toIso = (value: unknown): string => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());
