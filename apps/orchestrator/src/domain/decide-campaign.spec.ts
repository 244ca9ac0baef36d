import type { ChurnScored, CustomerProfile, RfmSummary, RiskBand } from '@syncengage/contracts';
import { DEFAULT_CAMPAIGNS } from '../adapters/files/default-campaigns';
import type { Campaign } from './campaigns';
import { decideCampaign, type Decision, type DecisionPolicy } from './decide-campaign';
import { discountCodeFor, expectedDiscountCostCents } from './discount-code';

const DAY_MS = 86_400_000;
const now = new Date('2025-03-01T10:00:00.000Z');

const policy: DecisionPolicy = {
  segmentRules: { vipMinSpendCents: 100_000, dormantMinRecencyDays: 180, newMaxTenureDays: 30 },
  channelPolicy: { smsEnabled: false, smsMinBand: 'high', smsMinSpendCents: 50_000 },
  campaigns: DEFAULT_CAMPAIGNS,
  abTestingEnabled: true,
  holdoutPercent: 0,
  cooldownMs: 14 * DAY_MS,
};

/** RFM profiles that land in each segment under `policy`. */
const rfmFor = {
  Dormant: { recencyDays: 240, frequency: 5, monetaryTotalCents: 30_000, tenureDays: 700 },
  'At-Risk': { recencyDays: 60, frequency: 7, monetaryTotalCents: 84_000, tenureDays: 400 },
  VIP: { recencyDays: 5, frequency: 20, monetaryTotalCents: 250_000, tenureDays: 900 },
  New: { recencyDays: 2, frequency: 1, monetaryTotalCents: 4_000, tenureDays: 2 },
  none: { recencyDays: 10, frequency: 6, monetaryTotalCents: 30_000, tenureDays: 300 },
} satisfies Record<string, RfmSummary>;

function scoredEvent(overrides: { customerId?: string; band?: RiskBand; rfm?: RfmSummary; profile?: CustomerProfile } = {}): ChurnScored {
  return {
    eventId: '4f8c2b1e-7d3a-4e5f-8a9b-0c1d2e3f4a5b',
    occurredAt: now.toISOString(),
    customerId: overrides.customerId ?? 'cust-42',
    eventType: 'churn-scored',
    schemaVersion: 1,
    score: 0.8,
    band: overrides.band ?? 'high',
    modelVersion: 'rf-1',
    horizonDays: 30,
    rfm: overrides.rfm ?? rfmFor['At-Risk'],
    profile: overrides.profile ?? { email: 'ana@example.com', firstName: 'Ana', locale: 'en-US' },
    trigger: 'purchase_made',
  };
}

const messageId = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const decide = (scored: ChurnScored, overrides: Partial<DecisionPolicy> = {}, lastContactedAt?: Date): Decision =>
  decideCampaign({ scored, messageId, now, lastContactedAt }, { ...policy, ...overrides });

function sent(decision: Decision): Extract<Decision, { action: 'send' }> {
  if (decision.action !== 'send') throw new Error(`expected a send, got ${decision.action}: ${decision.reason}`);
  return decision;
}

describe(decideCampaign.name, () => {
  it.each([
    { band: 'low', rfm: rfmFor.Dormant, segment: 'Dormant', campaign: 'dormant-reactivation' },
    { band: 'high', rfm: rfmFor['At-Risk'], segment: 'At-Risk', campaign: 'at-risk-win-back' },
    { band: 'medium', rfm: rfmFor.VIP, segment: 'VIP', campaign: 'vip-early-access' },
    { band: 'low', rfm: rfmFor.New, segment: 'New', campaign: 'new-onboarding' },
  ] as const)('sends the $segment campaign to a $segment customer', ({ band, rfm, segment, campaign }) => {
    const decision = sent(decide(scoredEvent({ band, rfm })));
    expect(decision).toMatchObject({ segment, campaign: { id: campaign }, channel: 'email', locale: 'en' });
  });

  it('skips an active customer no campaign applies to, saying why', () => {
    expect(decide(scoredEvent({ band: 'medium', rfm: rfmFor.none }))).toEqual({
      action: 'skip',
      reason: 'active customer, medium risk: no campaign applies',
    });
  });

  it('skips a segment that has no campaign', () => {
    const withoutNew = DEFAULT_CAMPAIGNS.filter((campaign) => campaign.segment !== 'New');
    expect(decide(scoredEvent({ band: 'low', rfm: rfmFor.New }), { campaigns: withoutNew })).toEqual({
      action: 'skip',
      segment: 'New',
      reason: 'no campaign for segment New',
    });
  });

  it.each([
    { ago: '1 day', contactedAgo: 1 * DAY_MS, action: 'skip' },
    { ago: '1 ms less than 14 days', contactedAgo: 14 * DAY_MS - 1, action: 'skip' },
    { ago: 'exactly 14 days', contactedAgo: 14 * DAY_MS, action: 'send' },
    { ago: '30 days', contactedAgo: 30 * DAY_MS, action: 'send' },
  ])('with a 14-day cool-down, a customer contacted $ago ago gets $action', ({ contactedAgo, action }) => {
    const lastContactedAt = new Date(now.getTime() - contactedAgo);
    const decision = decide(scoredEvent(), {}, lastContactedAt);
    expect(decision.action).toBe(action);
    if (action === 'skip') expect(decision).toMatchObject({ segment: 'At-Risk', reason: `contacted at ${lastContactedAt.toISOString()}, inside the cool-down` });
  });

  it('skips a customer it cannot reach on any channel', () => {
    expect(decide(scoredEvent({ profile: { firstName: 'Ana', phone: '+34600111222' } }))).toEqual({
      action: 'skip',
      segment: 'At-Risk',
      reason: 'no channel: no email with consent and no SMS consent',
    });
  });

  it('sends an urgent case by SMS when SMS is on and the customer consented', () => {
    const decision = sent(
      decide(scoredEvent({ profile: { email: 'ana@example.com', phone: '+34600111222', smsConsent: true } }), {
        channelPolicy: { ...policy.channelPolicy, smsEnabled: true },
      }),
    );
    expect(decision.channel).toBe('sms');
  });

  it('holds out about the configured share of customers, keeping the campaign and saying so', () => {
    const decisions = Array.from({ length: 1_000 }, (_, index) => decide(scoredEvent({ customerId: `cust-${index}` }), { holdoutPercent: 30 }));
    const heldOut = decisions.filter((decision) => decision.action === 'holdout');
    expect(heldOut.length).toBeGreaterThan(250);
    expect(heldOut.length).toBeLessThan(350);
    expect(heldOut[0]).toMatchObject({
      segment: 'At-Risk',
      campaign: { id: 'at-risk-win-back' },
      reason: 'churn risk band is high; in the 30% holdout of at-risk-win-back',
    });
    expect(decisions.filter((decision) => decision.action === 'send')).toHaveLength(1_000 - heldOut.length);
  });

  it('tries every variant when A/B testing is on', () => {
    const variants = new Set(Array.from({ length: 200 }, (_, index) => sent(decide(scoredEvent({ customerId: `cust-${index}` }))).variant));
    expect(variants).toEqual(new Set(['VariantA', 'VariantB']));
  });

  it('sends only the first variant and holds nobody out when A/B testing is off', () => {
    const decisions = Array.from({ length: 200 }, (_, index) =>
      decide(scoredEvent({ customerId: `cust-${index}` }), { abTestingEnabled: false, holdoutPercent: 50 }),
    );
    expect(new Set(decisions.map((decision) => sent(decision).variant))).toEqual(new Set(['VariantA']));
  });

  it('puts a discount, with the message’s own code and its expected cost, on a discount campaign', () => {
    const decision = sent(decide(scoredEvent(), { abTestingEnabled: false }));
    const code = discountCodeFor(messageId, 10);
    expect(decision.discount).toEqual({ percent: 10, code, reservedCents: expectedDiscountCostCents(10, 84_000, 7) });
    expect(decision.discount?.reservedCents).toBe(1_200);
    expect(decision.content.text).toBe(`Hi Ana, come back for 10% off with code ${code}.`);
  });

  it.each([
    ['VIP', 'medium', rfmFor.VIP],
    ['New', 'low', rfmFor.New],
  ] as const)('offers no discount to a %s customer', (_, band, rfm) => {
    expect(sent(decide(scoredEvent({ band, rfm }))).discount).toBeUndefined();
  });

  it('writes to a Mexican customer in Spanish', () => {
    const decision = sent(decide(scoredEvent({ profile: { email: 'ana@example.com', firstName: 'Ana', locale: 'es-MX' } }), { abTestingEnabled: false }));
    expect(decision.locale).toBe('es');
    expect(decision.content.subject).toBe('Te echamos de menos');
    expect(decision.content.text).toMatch(/^Hola Ana, vuelve con un 10\s% de descuento/);
  });

  it('explains the whole decision in one reason', () => {
    expect(sent(decide(scoredEvent(), { abTestingEnabled: false })).reason).toBe(
      'churn risk band is high; at-risk-win-back VariantA; email is the primary channel; locale en',
    );
  });

  it('decides the same way every time for the same input', () => {
    expect(decide(scoredEvent())).toEqual(decide(scoredEvent()));
  });
});

describe('decideCampaign with campaigns outside the defaults', () => {
  it('falls back to a template the campaign has when it has none in English', () => {
    const spanishOnly: Campaign = {
      id: 'es-win-back',
      version: 1,
      segment: 'At-Risk',
      variants: [{ name: 'VariantA', weight: 1, discountPercent: 0, templates: { es: { subject: 'Te echamos de menos', text: 'Hola {name}' } } }],
    };
    const decision = decideCampaign(
      { scored: scoredEvent({ profile: { email: 'hans@example.com', locale: 'de-DE' } }), messageId, now },
      { ...policy, campaigns: [spanishOnly], abTestingEnabled: false },
    );
    expect(decision).toMatchObject({ action: 'send', locale: 'es' });
  });

  it('greets a Spanish customer without a first name in Spanish, not with the English "there"', () => {
    const decision = sent(decide(scoredEvent({ profile: { email: 'ana@example.com', locale: 'es-MX' } })));
    expect(decision.content.text).not.toMatch(/\bthere\b/);
  });
});
