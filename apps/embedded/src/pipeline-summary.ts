import { ALL_DEAD_LETTER_TOPICS, ALL_TOPICS } from '@syncengage/contracts';
import type { SqlClient } from '@syncengage/db';
import type { InProcessBus } from '@syncengage/kafka';

export interface PipelineSummary {
  events: Record<string, number>;
  deadLetters: Record<string, number>;
  customers: number;
  bands: Record<string, number>;
  /** Customers per score decile, 0–0.1 … 0.9–1. */
  scoreDeciles: number[];
  decisions: Array<{ action: string; segment: string | null; campaign: string | null; variant: string | null; channel: string | null; count: number }>;
  budget: { days: number; capCents: number; spentCents: number; reservedCents: number; daysAtCap: number };
  outbox: Array<{ customer_id: string; channel: string; recipient: string; subject: string | null; body: string; campaign_id: string; variant: string; locale: string }>;
}

/** Reads what happened straight from the services' tables and the bus: the same numbers anyone could query. */
export async function summarizePipeline(db: SqlClient, bus: InProcessBus): Promise<PipelineSummary> {
  const bands = await db.query<{ band: string; n: number }>("SELECT coalesce(last_band, 'unscored') AS band, count(*)::int AS n FROM scorer_customers GROUP BY 1 ORDER BY 1");
  const deciles = await db.query<{ decile: number; n: number }>(
    'SELECT least(floor(last_score * 10), 9)::int AS decile, count(*)::int AS n FROM scorer_customers WHERE last_score IS NOT NULL GROUP BY 1',
  );
  const decisions = await db.query<PipelineSummary['decisions'][number]>(
    `SELECT action, segment, campaign_id AS campaign, variant, channel, count(*)::int AS count
       FROM orchestrator_decisions GROUP BY 1, 2, 3, 4, 5 ORDER BY count DESC`,
  );
  const budget = await db.query<{ days: number; cap: string; spent: string; reserved: string; at_cap: number }>(
    `SELECT count(*)::int AS days, coalesce(sum(cap_cents), 0) AS cap, coalesce(sum(spent_cents), 0) AS spent,
            coalesce(sum(reserved_cents), 0) AS reserved,
            count(*) FILTER (WHERE cap_cents - spent_cents - reserved_cents < cap_cents * 0.05)::int AS at_cap
       FROM orchestrator_budget_days`,
  );
  const outbox = await db.query<PipelineSummary['outbox'][number]>(
    'SELECT customer_id, channel, recipient, subject, body, campaign_id, variant, locale FROM notifier_local_outbox ORDER BY stored_at DESC LIMIT 5',
  );
  const scoreDeciles = new Array(10).fill(0);
  for (const row of deciles.rows) scoreDeciles[row.decile] = row.n;
  const budgetRow = budget.rows[0];
  return {
    events: Object.fromEntries(ALL_TOPICS.map((topic) => [topic, bus.messages(topic).length])),
    deadLetters: Object.fromEntries(ALL_DEAD_LETTER_TOPICS.map((topic) => [topic, bus.messages(topic).length])),
    customers: bands.rows.reduce((sum, row) => sum + row.n, 0),
    bands: Object.fromEntries(bands.rows.map((row) => [row.band, row.n])),
    scoreDeciles,
    decisions: decisions.rows,
    budget: {
      days: budgetRow.days,
      capCents: Number(budgetRow.cap),
      spentCents: Number(budgetRow.spent),
      reservedCents: Number(budgetRow.reserved),
      daysAtCap: budgetRow.at_cap,
    },
    outbox: outbox.rows,
  };
}
