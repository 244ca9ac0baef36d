import type { SqlClient, SqlExecutor } from '@syncengage/db';
import type { Segment } from '@syncengage/contracts';
import type { AdvanceJourney, DecideInJourney, JourneyInstance, JourneyStore, SentDecision } from '../../application/journey-ports';
import type { Campaign } from '../../domain/campaigns';
import type { JourneyState } from '../../domain/journey';
import type { JourneyCustomer } from '../../domain/journey-step-decision';
import type { PostgresDecisionLedger } from './postgres-decision-ledger';

interface InstanceRow {
  instance_id: string;
  customer_id: string;
  campaign_id: string;
  campaign_version: number;
  segment: Segment;
  variant: string;
  state: JourneyState | string;
  customer: JourneyCustomer | string;
  campaign: Campaign | string;
}

/**
 * Journeys and their timers: a timer is the instance's `due_at`, so it lives and dies with the instance and a
 * restart resumes from the row. Follow-ups are decided in the transaction that holds the row (see
 * `decideInTransaction`): the step, its decision, its budget and its outbox row commit together or not at all.
 */
export class PostgresJourneyStore implements JourneyStore {
  constructor(private readonly db: SqlClient, private readonly ledger: PostgresDecisionLedger) {}

  async sentDecision(messageId: string): Promise<SentDecision | undefined> {
    const found = await this.db.query<{ campaign_id: string; campaign_version: number; segment: Segment; variant: string }>(
      "SELECT campaign_id, campaign_version, segment, variant FROM orchestrator_decisions WHERE message_id = $1 AND action = 'send'",
      [messageId],
    );
    const row = found.rows[0];
    return row ? { campaignId: row.campaign_id, campaignVersion: row.campaign_version, segment: row.segment, variant: row.variant } : undefined;
  }

  async enroll(instance: JourneyInstance, at: Date): Promise<boolean> {
    const inserted = await this.db.query(
      `INSERT INTO orchestrator_journey_instances
         (instance_id, customer_id, campaign_id, campaign_version, segment, variant, status, state, customer, due_at, started_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
       ON CONFLICT DO NOTHING RETURNING instance_id`,
      [
        instance.instanceId,
        instance.customerId,
        instance.campaignId,
        instance.campaignVersion,
        instance.segment,
        instance.variant,
        instance.state.status,
        JSON.stringify(instance.state),
        JSON.stringify(instance.customer),
        instance.state.dueAt ?? null,
        at.toISOString(),
      ],
    );
    if (inserted.rows.length > 0) await appendHistory(this.db, instance.instanceId, 'enrolled', [], instance.state.status, at);
    return inserted.rows.length > 0;
  }

  async enrolledCampaignIds(customerId: string): Promise<string[]> {
    const found = await this.db.query<{ campaign_id: string }>('SELECT campaign_id FROM orchestrator_journey_instances WHERE customer_id = $1', [customerId]);
    return found.rows.map((row) => row.campaign_id);
  }

  async fireDue(now: Date, limit: number, advance: AdvanceJourney): Promise<number> {
    return this.db.transaction(async (tx) => {
      const due = await tx.query<InstanceRow>(
        `${SELECT_INSTANCE} WHERE i.status = 'active' AND i.due_at <= $1
          ORDER BY i.due_at LIMIT $2 FOR UPDATE OF i SKIP LOCKED`,
        [now.toISOString(), limit],
      );
      for (const row of due.rows) {
        // One journey that cannot advance (a bug, a bad snapshot) must not hold up the batch behind it forever:
        // its work is rolled back to the savepoint and its timer moved on, the others commit.
        await tx.query('SAVEPOINT journey_step');
        try {
          await this.advanceRow(tx, row, now, advance);
          await tx.query('RELEASE SAVEPOINT journey_step');
        } catch (error) {
          await tx.query('ROLLBACK TO SAVEPOINT journey_step');
          await this.postpone(tx, row.instance_id, now, error as Error);
        }
      }
      return due.rows.length;
    });
  }

  async withActive(customerId: string, campaignId: string, now: Date, advance: AdvanceJourney): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const found = await tx.query<InstanceRow>(
        `${SELECT_INSTANCE} WHERE i.customer_id = $1 AND i.campaign_id = $2 AND i.status = 'active' FOR UPDATE OF i`,
        [customerId, campaignId],
      );
      if (!found.rows[0]) return false;
      await this.advanceRow(tx, found.rows[0], now, advance);
      return true;
    });
  }

  private async postpone(tx: SqlExecutor, instanceId: string, now: Date, error: Error): Promise<void> {
    const retryAt = new Date(now.getTime() + FAILED_STEP_RETRY_MS);
    await tx.query('UPDATE orchestrator_journey_instances SET due_at = $2, updated_at = $3 WHERE instance_id = $1', [instanceId, retryAt.toISOString(), now.toISOString()]);
    await appendHistory(tx, instanceId, 'timer', [], `active: failed (${error.message}), retry at ${retryAt.toISOString()}`, now);
  }

  private async advanceRow(
    tx: SqlExecutor,
    row: InstanceRow,
    now: Date,
    advance: AdvanceJourney,
  ): Promise<void> {
    const decide: DecideInJourney = (request, decideFn, toMessage, toRecord) => this.ledger.decideInTransaction(tx, request, decideFn, toMessage, toRecord);
    const progress = await advance(toInstance(row), decide);
    await tx.query('UPDATE orchestrator_journey_instances SET status = $2, state = $3, due_at = $4, updated_at = $5 WHERE instance_id = $1', [
      row.instance_id,
      progress.state.status,
      JSON.stringify(progress.state),
      progress.state.status === 'active' ? progress.state.dueAt ?? null : null,
      now.toISOString(),
    ]);
    await appendHistory(tx, row.instance_id, progress.event, progress.trail, progress.state.status, now, progress.state.exitReason);
  }
}

function appendHistory(db: SqlExecutor, instanceId: string, event: string, trail: string[], status: string, at: Date, exitReason?: string) {
  return db.query('INSERT INTO orchestrator_journey_history (instance_id, event, trail, status, at) VALUES ($1, $2, $3, $4, $5)', [
    instanceId,
    event,
    trail.join(' > '),
    exitReason ? `${status}: ${exitReason}` : status,
    at.toISOString(),
  ]);
}

/** How long a journey whose step failed waits before it is tried again (service time). */
const FAILED_STEP_RETRY_MS = 5 * 60_000;

/** The campaign version comes with the row: the catalog's own reads would need a second connection mid-transaction. */
const SELECT_INSTANCE = `SELECT i.*, c.definition AS campaign FROM orchestrator_journey_instances i
  JOIN orchestrator_campaigns c ON c.campaign_id = i.campaign_id AND c.version = i.campaign_version`;

const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function toInstance(row: InstanceRow): JourneyInstance {
  return {
    instanceId: row.instance_id,
    customerId: row.customer_id,
    campaignId: row.campaign_id,
    campaignVersion: row.campaign_version,
    segment: row.segment,
    variant: row.variant,
    state: parsed(row.state),
    customer: parsed(row.customer),
    campaign: parsed(row.campaign),
  };
}
