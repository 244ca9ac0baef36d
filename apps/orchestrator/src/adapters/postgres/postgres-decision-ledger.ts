import type { SqlClient, SqlExecutor } from '@syncengage/db';
import { Topics, type DecisionRecorded, type MessageRequested } from '@syncengage/contracts';
import type { Channel, SuppressionReason } from '@syncengage/contracts';
import type { Decision } from '../../domain/decide-campaign';
import type { ContactHistory } from '../../domain/guard-rails';
import type { DecisionLedger, DecisionRequest, RecordedDecision } from '../../application/ports';
import { recordBanditPull } from './postgres-bandit-store';

export class PostgresDecisionLedger implements DecisionLedger {
  constructor(private readonly db: SqlClient) {}

  async decideOnce(
    request: DecisionRequest,
    decide: (history: ContactHistory) => Decision,
    toMessage: (decision: Extract<Decision, { action: 'send' }>) => MessageRequested,
    toRecord?: (decision: Decision) => DecisionRecorded,
  ): Promise<RecordedDecision> {
    return this.db.transaction((tx) => this.decideInTransaction(tx, request, decide, toMessage, toRecord));
  }

  /** `decideOnce` inside a caller's transaction: a journey step decides in the transaction that advances it. */
  async decideInTransaction(
    tx: SqlExecutor,
    request: DecisionRequest,
    decide: (history: ContactHistory) => Decision,
    toMessage: (decision: Extract<Decision, { action: 'send' }>) => MessageRequested,
    toRecord?: (decision: Decision) => DecisionRecorded,
  ): Promise<RecordedDecision> {
    const seen = await tx.query('SELECT 1 FROM orchestrator_decisions WHERE scored_event_id = $1', [request.scoredEventId]);
    if (seen.rows.length > 0) return { duplicate: true };
    let decision = decide(await readHistory(tx, request));
    let budgetDenied = false;
    const reservedCents = decision.action === 'send' ? decision.discount?.reservedCents ?? 0 : 0;
    if (reservedCents > 0 && !(await reserveBudget(tx, request, reservedCents))) {
      budgetDenied = true;
      decision = { action: 'skip', segment: decision.action === 'send' ? decision.segment : undefined, reason: `daily discount budget of ${request.budgetCapCents}c for ${request.budgetDay} reached` };
    }
    await insertDecision(tx, request, decision, budgetDenied ? 0 : reservedCents);
    if (decision.action === 'send' && decision.discountPull) await recordBanditPull(tx, request.messageId, request.decidedAt, decision.discountPull);
    if (decision.action === 'send') {
      await tx.query('INSERT INTO orchestrator_outbox (message_id, topic, payload, trace_id, release_at) VALUES ($1, $2, $3, $4, $5)', [
        request.messageId,
        Topics.MessageRequested,
        JSON.stringify(toMessage(decision)),
        request.traceId,
        decision.releaseAt?.toISOString() ?? null,
      ]);
    }
    if (toRecord) {
      // Never held for quiet hours: the decision happened now, whenever its message leaves.
      const recorded = toRecord(decision);
      await tx.query('INSERT INTO orchestrator_outbox (message_id, topic, payload, trace_id) VALUES ($1, $2, $3, $4)', [
        recorded.eventId,
        Topics.DecisionRecorded,
        JSON.stringify(recorded),
        request.traceId,
      ]);
    }
    return { duplicate: false, decision, budgetDenied };
  }

  async settle(messageId: string, outcome: 'spent' | 'released'): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const claimed = await tx.query<{ budget_day: string; reserved_cents: string | number }>(
        `UPDATE orchestrator_decisions SET budget_status = $2
          WHERE message_id = $1 AND budget_status = 'reserved' RETURNING budget_day, reserved_cents`,
        [messageId, outcome],
      );
      const row = claimed.rows[0];
      if (!row) return false;
      const cents = Number(row.reserved_cents);
      const spentDelta = outcome === 'spent' ? cents : 0;
      await tx.query('UPDATE orchestrator_budget_days SET reserved_cents = reserved_cents - $2, spent_cents = spent_cents + $3 WHERE day = $1', [
        row.budget_day,
        cents,
        spentDelta,
      ]);
      return true;
    });
  }
}

/**
 * A customer's events share one partition, so one instance decides for a customer at a time: the history read
 * here cannot miss a send committed concurrently for the same customer.
 */
async function readHistory(tx: SqlExecutor, request: DecisionRequest): Promise<ContactHistory> {
  const since = new Date(request.decidedAt.getTime() - request.historyWindowMs).toISOString();
  const sends = await tx.query<{ channel: Channel; decided_at: string | Date }>(
    "SELECT channel, decided_at FROM orchestrator_decisions WHERE customer_id = $1 AND action = 'send' AND decided_at > $2 ORDER BY decided_at DESC",
    [request.customerId, since],
  );
  const last = await tx.query<{ last: string | Date | null }>(
    "SELECT max(decided_at) AS last FROM orchestrator_decisions WHERE customer_id = $1 AND action = 'send'",
    [request.customerId],
  );
  const signals = await tx.query<{ last_converted_at: string | Date | null }>('SELECT last_converted_at FROM orchestrator_customer_signals WHERE customer_id = $1', [
    request.customerId,
  ]);
  const suppressions = await tx.query<{ channel: Channel; reason: SuppressionReason }>(
    'SELECT channel, reason FROM orchestrator_suppressions WHERE customer_id = $1 AND lifted = false',
    [request.customerId],
  );
  const convertedAt = signals.rows[0]?.last_converted_at;
  return {
    lastContactedAt: last.rows[0]?.last ? new Date(last.rows[0].last) : undefined,
    recentSends: sends.rows.map((row) => ({ channel: row.channel, at: new Date(row.decided_at) })),
    lastConvertedAt: convertedAt ? new Date(convertedAt) : undefined,
    suppressions: suppressions.rows,
  };
}

/**
 * One conditional UPDATE: the row lock serialises instances deciding at once, and the WHERE clause (backed by
 * a CHECK constraint) makes overspending impossible rather than unlikely.
 */
async function reserveBudget(tx: SqlExecutor, request: DecisionRequest, cents: number): Promise<boolean> {
  await tx.query('INSERT INTO orchestrator_budget_days (day, cap_cents) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING', [request.budgetDay, request.budgetCapCents]);
  const granted = await tx.query(
    'UPDATE orchestrator_budget_days SET reserved_cents = reserved_cents + $2 WHERE day = $1 AND reserved_cents + spent_cents + $2 <= cap_cents RETURNING day',
    [request.budgetDay, cents],
  );
  return granted.rows.length > 0;
}

async function insertDecision(tx: SqlExecutor, request: DecisionRequest, decision: Decision, reservedCents: number): Promise<void> {
  const sending = decision.action === 'send' ? decision : undefined;
  const campaign = decision.action === 'skip' ? undefined : decision.campaign;
  await tx.query(
    `INSERT INTO orchestrator_decisions
       (message_id, scored_event_id, customer_id, decided_at, action, segment, campaign_id, campaign_version, variant, channel, reason, budget_day, reserved_cents, budget_status, release_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      request.messageId,
      request.scoredEventId,
      request.customerId,
      request.decidedAt.toISOString(),
      decision.action,
      decision.segment ?? null,
      campaign?.id ?? null,
      campaign?.version ?? null,
      sending?.variant ?? (decision.action === 'holdout' ? 'holdout' : null),
      sending?.channel ?? null,
      decision.reason,
      request.budgetDay,
      reservedCents,
      reservedCents > 0 ? 'reserved' : 'none',
      sending?.releaseAt?.toISOString() ?? null,
    ],
  );
}
