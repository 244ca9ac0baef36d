import {
  decodeMessageRequested,
  deriveEventId,
  EventHeaders,
  Topics,
  type CampaignResult,
  type ChurnScored,
  type MessageRequested,
} from '@syncengage/contracts';
import { encodeEvent, type OutgoingMessage } from '@syncengage/kafka';
import { reserve, type DailyBudget } from '../domain/budget';
import { DEFAULT_CAMPAIGNS } from '../adapters/files/default-campaigns';
import type { Decision, DecisionPolicy } from '../domain/decide-campaign';
import type { ContactHistory } from '../domain/guard-rails';
import { DecideForScore } from './decide-for-score';
import type { DecisionLedger, DecisionRequest, Outbox, RecordedDecision } from './ports';
import { SettleBudget } from './settle-budget';
import { InMemoryCampaignCatalog } from '../../test/support/in-memory-campaign-catalog';

/** The ledger port in memory: one decision per score, a send sets the cool-down, discounts are reserved per budget day. */
class InMemoryDecisionLedger implements DecisionLedger, Outbox {
  readonly published: OutgoingMessage[] = [];
  private readonly pending: Array<{ message: MessageRequested; traceId: string }> = [];
  private readonly decidedScores = new Set<string>();
  private readonly lastSendAt = new Map<string, Date>();
  private readonly budgets = new Map<string, DailyBudget>();
  private readonly reservations = new Map<string, { day: string; cents: number; status: 'reserved' | 'spent' | 'released' }>();

  async decideOnce(
    request: DecisionRequest,
    decide: (history: ContactHistory) => Decision,
    toMessage: (decision: Extract<Decision, { action: 'send' }>) => MessageRequested,
  ): Promise<RecordedDecision> {
    if (this.decidedScores.has(request.scoredEventId)) return { duplicate: true };
    this.decidedScores.add(request.scoredEventId);
    let decision = decide({ lastContactedAt: this.lastSendAt.get(request.customerId), recentSends: [], suppressions: [] });
    let budgetDenied = false;
    const cents = decision.action === 'send' ? decision.discount?.reservedCents ?? 0 : 0;
    if (decision.action === 'send' && cents > 0) {
      const budget = this.budgets.get(request.budgetDay) ?? { capCents: request.budgetCapCents, committedCents: 0 };
      const reservation = reserve(budget, cents);
      if (reservation.granted) {
        this.budgets.set(request.budgetDay, reservation.budget);
        this.reservations.set(request.messageId, { day: request.budgetDay, cents, status: 'reserved' });
      } else {
        budgetDenied = true;
        decision = { action: 'skip', segment: decision.segment, reason: 'daily discount budget reached' };
      }
    }
    if (decision.action === 'send') {
      this.lastSendAt.set(request.customerId, request.decidedAt);
      this.pending.push({ message: toMessage(decision), traceId: request.traceId });
    }
    return { duplicate: false, decision, budgetDenied };
  }

  async settle(messageId: string, outcome: 'spent' | 'released'): Promise<boolean> {
    const reservation = this.reservations.get(messageId);
    if (!reservation || reservation.status !== 'reserved') return false;
    reservation.status = outcome;
    if (outcome === 'released') {
      const budget = this.budgets.get(reservation.day)!;
      this.budgets.set(reservation.day, { ...budget, committedCents: budget.committedCents - reservation.cents });
    }
    return true;
  }

  async flush(): Promise<number> {
    const batch = this.pending.splice(0);
    for (const { message, traceId } of batch) this.published.push(encodeEvent(Topics.MessageRequested, message, traceId));
    return batch.length;
  }

  committedOn(day: string): number {
    return this.budgets.get(day)?.committedCents ?? 0;
  }

  statusOf(messageId: string): string | undefined {
    return this.reservations.get(messageId)?.status;
  }

  messages(): MessageRequested[] {
    return this.published.map((message) => decodeMessageRequested(JSON.parse(message.value.toString('utf8'))));
  }
}

const policy: Omit<DecisionPolicy, 'campaigns'> = {
  segmentRules: { vipMinSpendCents: 100_000, dormantMinRecencyDays: 180, newMaxTenureDays: 30 },
  channelPolicy: { smsEnabled: false, smsMinBand: 'high', smsMinSpendCents: 50_000 },
  abTestingEnabled: false,
  holdoutPercent: 0,
  cooldownMs: 14 * 86_400_000,
};

let scoreCount = 0;
function atRiskScore(customerId = 'cust-42'): ChurnScored {
  scoreCount += 1;
  return {
    eventId: `4f8c2b1e-7d3a-4e5f-8a9b-${String(scoreCount).padStart(12, '0')}`,
    occurredAt: '2025-03-01T16:29:00.000Z',
    customerId,
    eventType: 'churn-scored',
    schemaVersion: 1,
    score: 0.9,
    band: 'high',
    modelVersion: 'rf-1',
    horizonDays: 30,
    rfm: { recencyDays: 60, frequency: 7, monetaryTotalCents: 84_000, tenureDays: 400 },
    profile: { email: 'ana@example.com', firstName: 'Ana', locale: 'es-MX' },
    trigger: 'purchase_made',
  };
}

function setUp(options: { capCents?: number; timeZone?: string; now?: Date } = {}) {
  const ledger = new InMemoryDecisionLedger();
  let now = options.now ?? new Date('2025-03-01T16:30:00.000Z');
  const useCase = new DecideForScore(ledger, ledger, new InMemoryCampaignCatalog(DEFAULT_CAMPAIGNS), policy, { dailyCapCents: options.capCents ?? 50_000, timeZone: options.timeZone ?? 'UTC' }, () => now);
  return { ledger, useCase, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('DecideForScore', () => {
  it('publishes one message-requested whose id is derived from the score and which traces back to it', async () => {
    const { ledger, useCase } = setUp();
    const scored = atRiskScore();
    const recorded = await useCase.execute(scored, 'trace-9');
    expect(recorded).toMatchObject({ duplicate: false, budgetDenied: false, decision: { action: 'send' } });
    const [message] = ledger.messages();
    expect(message).toMatchObject({
      eventId: deriveEventId(scored.eventId, Topics.MessageRequested),
      causationId: scored.eventId,
      customerId: 'cust-42',
      campaignId: 'at-risk-win-back',
      segment: 'At-Risk',
      channel: 'email',
      locale: 'es',
      recipient: { email: 'ana@example.com' },
      discount: { percent: 10, reservedCents: 1_200 },
      occurredAt: '2025-03-01T16:30:00.000Z',
    });
    expect(ledger.published[0]).toMatchObject({ key: 'cust-42', headers: { [EventHeaders.TraceId]: 'trace-9' } });
  });

  it('decides a redelivered score once and publishes nothing more', async () => {
    const { ledger, useCase } = setUp();
    const scored = atRiskScore();
    await useCase.execute(scored, 'trace-9');
    expect(await useCase.execute(scored, 'trace-9')).toEqual({ duplicate: true });
    expect(ledger.messages()).toHaveLength(1);
  });

  it('leaves a customer alone inside the cool-down after a send, and writes again once it is over', async () => {
    const { ledger, useCase, advance } = setUp();
    await useCase.execute(atRiskScore(), 't');
    advance(86_400_000);
    expect(await useCase.execute(atRiskScore(), 't')).toMatchObject({ decision: { action: 'skip', reason: expect.stringContaining('cool-down') } });
    advance(14 * 86_400_000);
    expect(await useCase.execute(atRiskScore(), 't')).toMatchObject({ decision: { action: 'send' } });
    expect(ledger.messages()).toHaveLength(2);
  });

  it('reserves the discount on the budget day of the configured time zone', async () => {
    const { ledger, useCase } = setUp({ timeZone: 'Asia/Tokyo', now: new Date('2025-03-01T16:30:00.000Z') });
    await useCase.execute(atRiskScore(), 't');
    expect(ledger.committedOn('2025-03-02')).toBe(1_200);
    expect(ledger.committedOn('2025-03-01')).toBe(0);
  });

  it('sends nothing once the day’s budget cannot cover the discount', async () => {
    const { ledger, useCase } = setUp({ capCents: 2_000 });
    await useCase.execute(atRiskScore('cust-1'), 't');
    const second = await useCase.execute(atRiskScore('cust-2'), 't');
    expect(second).toMatchObject({ duplicate: false, budgetDenied: true, decision: { action: 'skip' } });
    expect(ledger.messages().map((message) => message.customerId)).toEqual(['cust-1']);
  });
});

describe('SettleBudget', () => {
  const resultFor = (messageId: string, status: CampaignResult['status']): CampaignResult => ({
    eventId: deriveEventId(messageId, `campaign-result:${status}`),
    occurredAt: '2025-03-01T16:31:00.000Z',
    customerId: 'cust-42',
    eventType: 'campaign-result',
    schemaVersion: 1,
    messageId,
    campaignId: 'at-risk-win-back',
    campaignVersion: 1,
    variant: 'VariantA',
    channel: 'email',
    provider: 'local-outbox',
    status,
    opened: false,
    clicked: false,
    converted: false,
    revenueImpactCents: 0,
    discountReservedCents: 1_200,
  });

  it.each([
    { status: 'sent', budget: 'spent', committed: 1_200 },
    { status: 'failed', budget: 'released', committed: 0 },
    { status: 'suppressed', budget: 'released', committed: 0 },
  ] as const)('a $status message leaves its discount $budget', async ({ status, budget, committed }) => {
    const { ledger, useCase } = setUp();
    await useCase.execute(atRiskScore(), 't');
    const [message] = ledger.messages();
    expect(await new SettleBudget(ledger).execute(resultFor(message.eventId, status))).toBe(true);
    expect(ledger.statusOf(message.eventId)).toBe(budget);
    expect(ledger.committedOn('2025-03-01')).toBe(committed);
  });
});
