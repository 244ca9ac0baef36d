import type { SqlClient } from '@syncengage/db';
import type { AnalyticsFilter, ChurnDistribution, ModelVersionUsage } from '../../application/read-models';
import { eventRange, messageFilter, toIso } from './message-filter';

export class PostgresChurnQueries {
  constructor(private readonly db: SqlClient) {}

  async distribution(filter: AnalyticsFilter): Promise<ChurnDistribution> {
    const range = eventRange(filter);
    const where = ["e.event_type = 'churn-scored'", ...range.clauses].join(' AND ');
    const latest = await this.db.query<{ decile: number; band: string; n: number }>(
      `SELECT least(floor(score * 10), 9)::int AS decile, band, count(*)::int AS n
         FROM (SELECT DISTINCT ON (e.customer_id) e.score, e.band FROM console_events e WHERE ${where} ORDER BY e.customer_id, e.occurred_at DESC) latest
        GROUP BY 1, 2`,
      range.params,
    );
    const weekly = await this.db.query<{ period: string; band: string; n: number }>(
      `SELECT period, band, count(*)::int AS n
         FROM (SELECT DISTINCT ON (e.customer_id, date_trunc('week', e.occurred_at)) to_char(date_trunc('week', e.occurred_at), 'YYYY-MM-DD') AS period, e.band
                 FROM console_events e WHERE ${where} ORDER BY e.customer_id, date_trunc('week', e.occurred_at), e.occurred_at DESC) weekly
        GROUP BY 1, 2 ORDER BY 1`,
      range.params,
    );
    const transitions = await this.db.query<{ from_band: string; to_band: string; n: number }>(
      `SELECT previous AS from_band, band AS to_band, count(*)::int AS n
         FROM (SELECT e.band, lag(e.band) OVER (PARTITION BY e.customer_id ORDER BY e.occurred_at) AS previous FROM console_events e WHERE ${where}) moves
        WHERE previous IS NOT NULL AND previous <> band
        GROUP BY 1, 2 ORDER BY 3 DESC`,
      range.params,
    );
    const messages = messageFilter({ from: filter.from, to: filter.to });
    const segments = await this.db.query<{ period: string; segment: string; n: number }>(
      `SELECT to_char(date_trunc('week', m.requested_at), 'YYYY-MM-DD') AS period, m.segment, count(DISTINCT m.customer_id)::int AS n
         FROM console_messages m ${messages.where ? `${messages.where} AND` : 'WHERE'} m.segment IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 2`,
      messages.params,
    );
    const segmentRange = eventRange(filter);
    const segmentMoves = await this.db.query<{ from_segment: string; to_segment: string; n: number }>(
      `SELECT coalesce(e.payload->>'previousSegment', 'none') AS from_segment, coalesce(e.segment, 'none') AS to_segment, count(*)::int AS n
         FROM console_events e WHERE ${["e.event_type = 'segment-changed'", ...segmentRange.clauses].join(' AND ')}
        GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
      segmentRange.params,
    );
    const deciles = new Array<number>(10).fill(0);
    const bands: Record<string, number> = {};
    for (const row of latest.rows) {
      deciles[row.decile] += row.n;
      bands[row.band] = (bands[row.band] ?? 0) + row.n;
    }
    const periods = new Map<string, { period: string; low: number; medium: number; high: number }>();
    for (const row of weekly.rows) {
      const period = periods.get(row.period) ?? { period: row.period, low: 0, medium: 0, high: 0 };
      if (row.band === 'low' || row.band === 'medium' || row.band === 'high') period[row.band] = row.n;
      periods.set(row.period, period);
    }
    return {
      customers: deciles.reduce((sum, n) => sum + n, 0),
      deciles,
      bands,
      bandsOverTime: [...periods.values()],
      bandTransitions: transitions.rows.map((row) => ({ from: row.from_band, to: row.to_band, count: row.n })),
      segmentsOverTime: segments.rows.map((row) => ({ period: row.period, segment: row.segment, customers: row.n })),
      segmentTransitions: segmentMoves.rows.map((row) => ({ from: row.from_segment, to: row.to_segment, count: row.n })),
    };
  }

  async modelVersions(filter: AnalyticsFilter): Promise<ModelVersionUsage[]> {
    const range = eventRange(filter);
    const where = ["e.event_type = 'churn-scored'", ...range.clauses].join(' AND ');
    const rows = await this.db.query<{ model_version: string; customers: number; scores: number; mean: number; first_at: Date; last_at: Date; total: number }>(
      `SELECT e.model_version, count(DISTINCT e.customer_id)::int AS customers, count(*)::int AS scores, avg(e.score) AS mean,
              min(e.occurred_at) AS first_at, max(e.occurred_at) AS last_at,
              (SELECT count(DISTINCT e.customer_id)::int FROM console_events e WHERE ${where}) AS total
         FROM console_events e WHERE ${where}
        GROUP BY 1 ORDER BY min(e.occurred_at)`,
      range.params,
    );
    return rows.rows.map((row) => ({
      modelVersion: row.model_version,
      customers: row.customers,
      scores: row.scores,
      shareOfCustomers: row.total === 0 ? 0 : row.customers / row.total,
      meanScore: Number(row.mean),
      firstScoredAt: toIso(row.first_at),
      lastScoredAt: toIso(row.last_at),
    }));
  }
}
