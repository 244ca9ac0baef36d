import { randomUUID } from 'node:crypto';
import { migrate, PgSqlClient } from '@syncengage/db';
import { createFreshDatabase, type FreshDatabase } from '@syncengage/testing';
import type { MessageRequested } from '@syncengage/contracts';
import { ORCHESTRATOR_MIGRATIONS } from '../src/adapters/postgres/migrations';
import { PostgresDecisionLedger } from '../src/adapters/postgres/postgres-decision-ledger';
import { DEFAULT_CAMPAIGNS } from '../src/adapters/files/default-campaigns';
import type { Decision } from '../src/domain/decide-campaign';

const CAP_CENTS = 10_000;
const COST_CENTS = 700;

function sendWithDiscount(reservedCents: number): Decision {
  return {
    action: 'send',
    segment: 'At-Risk',
    campaign: DEFAULT_CAMPAIGNS.find((campaign) => campaign.id === 'at-risk-win-back')!,
    variant: 'VariantA',
    channel: 'email',
    locale: 'en',
    content: { subject: 's', text: 't' },
    discount: { percent: 10, code: 'SAVE10-X', reservedCents },
    reason: 'test',
  };
}

const toMessage = () => ({}) as MessageRequested;

describe('the daily discount budget shared by several orchestrator instances', () => {
  let database: FreshDatabase;
  let instances: PgSqlClient[];

  beforeAll(async () => {
    database = await createFreshDatabase('budget');
    const setup = new PgSqlClient(database.url);
    await migrate(setup, 'orchestrator', ORCHESTRATOR_MIGRATIONS);
    await setup.close();
    instances = [new PgSqlClient(database.url), new PgSqlClient(database.url), new PgSqlClient(database.url)];
  });

  afterAll(async () => {
    await Promise.all(instances.map((db) => db.close()));
    await database.drop();
  });

  it('is never exceeded when 60 decisions race for it, and the ledger adds up to the cent', async () => {
    const ledgers = instances.map((db) => new PostgresDecisionLedger(db));
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        ledgers[index % ledgers.length].decideOnce(
          {
            scoredEventId: randomUUID(),
            messageId: randomUUID(),
            customerId: `c${index}`,
            decidedAt: new Date('2026-11-26T10:00:00Z'),
            budgetDay: '2026-11-26',
            budgetCapCents: CAP_CENTS,
            traceId: 't',
            historyWindowMs: 86_400_000,
          },
          () => sendWithDiscount(COST_CENTS),
          toMessage as never,
        ),
      ),
    );
    const granted = outcomes.filter((outcome) => !outcome.duplicate && !outcome.budgetDenied).length;
    expect(granted).toBe(Math.floor(CAP_CENTS / COST_CENTS));
    const day = await instances[0].query<{ reserved_cents: string; spent_cents: string }>("SELECT reserved_cents, spent_cents FROM orchestrator_budget_days WHERE day = '2026-11-26'");
    expect(Number(day.rows[0].reserved_cents)).toBe(granted * COST_CENTS);
    const decided = await instances[0].query<{ total: string }>("SELECT coalesce(sum(reserved_cents), 0) AS total FROM orchestrator_decisions WHERE budget_status = 'reserved'");
    expect(Number(decided.rows[0].total)).toBe(granted * COST_CENTS);
    const outbox = await instances[0].query('SELECT 1 FROM orchestrator_outbox');
    expect(outbox.rows).toHaveLength(granted);
  });

  it('settles a sent message as spent and releases a failed one, each only once', async () => {
    const ledger = new PostgresDecisionLedger(instances[0]);
    const sent = await instances[0].query<{ message_id: string }>("SELECT message_id FROM orchestrator_decisions WHERE budget_status = 'reserved' ORDER BY message_id LIMIT 2");
    const [spentId, releasedId] = sent.rows.map((row) => row.message_id);
    expect(await ledger.settle(spentId, 'spent')).toBe(true);
    expect(await ledger.settle(spentId, 'spent')).toBe(false);
    expect(await ledger.settle(releasedId, 'released')).toBe(true);
    const day = await instances[0].query<{ reserved_cents: string; spent_cents: string }>("SELECT reserved_cents, spent_cents FROM orchestrator_budget_days WHERE day = '2026-11-26'");
    const granted = Math.floor(CAP_CENTS / COST_CENTS);
    expect(Number(day.rows[0].spent_cents)).toBe(COST_CENTS);
    expect(Number(day.rows[0].reserved_cents)).toBe((granted - 2) * COST_CENTS);
  });

  it('decides a redelivered score only once', async () => {
    const ledger = new PostgresDecisionLedger(instances[1]);
    const request = {
      scoredEventId: randomUUID(),
      messageId: randomUUID(),
      customerId: 'again',
      decidedAt: new Date('2026-11-27T10:00:00Z'),
      budgetDay: '2026-11-27',
      budgetCapCents: CAP_CENTS,
      traceId: 't',
      historyWindowMs: 86_400_000,
    };
    const first = await ledger.decideOnce(request, () => sendWithDiscount(COST_CENTS), toMessage as never);
    const second = await ledger.decideOnce(request, () => sendWithDiscount(COST_CENTS), toMessage as never);
    expect(first).toMatchObject({ duplicate: false, budgetDenied: false });
    expect(second).toEqual({ duplicate: true });
    const day = await instances[1].query<{ reserved_cents: string }>("SELECT reserved_cents FROM orchestrator_budget_days WHERE day = '2026-11-27'");
    expect(Number(day.rows[0].reserved_cents)).toBe(COST_CENTS);
  });
});
