import type { RiskBand } from '@syncengage/contracts';
import type { SqlClient, SqlExecutor } from '@syncengage/db';
import type { BanditLesson, BanditStore } from '../../application/ports';
import type { DiscountOptimizer, DiscountPosterior } from '../../domain/discount-bandit';
import type { BanditPull } from '../../domain/discount-policy';

interface ArmRow {
  context_key: string;
  discount_percent: number;
  successes: number;
  failures: number;
}

/**
 * Stored with the decision, in its transaction: a decision that committed can always be learned from, and one
 * that rolled back leaves no pull behind.
 */
export async function recordBanditPull(tx: SqlExecutor, messageId: string, decidedAt: Date, pull: BanditPull): Promise<void> {
  await tx.query(
    `INSERT INTO orchestrator_bandit_pulls
       (message_id, context_key, campaign_id, scope, segment, risk_band, discount_percent, optimizer, posterior, sampled_reward, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [messageId, pull.key, pull.campaignId, pull.scope, pull.segment, pull.band, pull.discountPercent, JSON.stringify(pull.optimizer), JSON.stringify(pull.posterior), pull.sampledReward, decidedAt.toISOString()],
  );
}

/** One row per context and level. Learning locks the message's pull, then its context, so instances take turns per context. */
export class PostgresBanditStore implements BanditStore {
  constructor(private readonly db: SqlClient) {}

  async posteriorsFor(band: RiskBand): Promise<ReadonlyMap<string, DiscountPosterior>> {
    const result = await this.db.query<ArmRow>(
      'SELECT context_key, discount_percent, successes, failures FROM orchestrator_bandit_arms WHERE risk_band = $1 ORDER BY context_key, discount_percent',
      [band],
    );
    const posteriors = new Map<string, DiscountPosterior>();
    for (const row of result.rows) {
      const posterior = posteriors.get(row.context_key) ?? { arms: [] };
      posterior.arms.push(toArm(row));
      posteriors.set(row.context_key, posterior);
    }
    return posteriors;
  }

  async learnFromMessage(messageId: string, lesson: BanditLesson): Promise<'learned' | 'unchanged' | 'no-pull'> {
    return this.db.transaction(async (tx) => {
      const pulls = await tx.query<{ context_key: string; risk_band: string; discount_percent: number; optimizer: DiscountOptimizer | string; learned_reward: number | null }>(
        'SELECT context_key, risk_band, discount_percent, optimizer, learned_reward FROM orchestrator_bandit_pulls WHERE message_id = $1 FOR UPDATE',
        [messageId],
      );
      const pull = pulls.rows[0];
      if (!pull) return 'no-pull';
      // Row locks cannot cover levels that have no row yet: two first lessons of a new context would both start
      // from nothing and the second would overwrite the first. One lock per context serialises them.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`orchestrator-bandit:${pull.context_key}`]);
      const arms = await tx.query<ArmRow>(
        'SELECT context_key, discount_percent, successes, failures FROM orchestrator_bandit_arms WHERE context_key = $1 ORDER BY discount_percent',
        [pull.context_key],
      );
      const lessonLearned = lesson(
        {
          key: pull.context_key,
          discountPercent: Number(pull.discount_percent),
          optimizer: typeof pull.optimizer === 'string' ? (JSON.parse(pull.optimizer) as DiscountOptimizer) : pull.optimizer,
          learnedReward: pull.learned_reward === null ? null : Number(pull.learned_reward),
        },
        { arms: arms.rows.map(toArm) },
      );
      if (!lessonLearned) return 'unchanged';
      for (const arm of lessonLearned.posterior.arms) {
        await tx.query(
          `INSERT INTO orchestrator_bandit_arms (context_key, discount_percent, successes, failures, risk_band) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (context_key, discount_percent) DO UPDATE SET successes = EXCLUDED.successes, failures = EXCLUDED.failures, updated_at = now()`,
          [pull.context_key, arm.discountPercent, arm.successes, arm.failures, pull.risk_band],
        );
      }
      await tx.query('UPDATE orchestrator_bandit_pulls SET learned_reward = $2, learned_at = now() WHERE message_id = $1', [messageId, lessonLearned.reward]);
      return 'learned';
    });
  }
}

function toArm(row: ArmRow) {
  return { discountPercent: Number(row.discount_percent), successes: Number(row.successes), failures: Number(row.failures) };
}
