import type { ChurnScored } from '@syncengage/contracts';
import { mulberry32 } from '@syncengage/seeded-random';
import { decideCampaign, type DecisionPolicy } from './decide-campaign';
import { InvalidCampaignDefinition, parseCampaignDefinition } from './campaign-definition';
import type { Campaign } from './campaigns';
import { banditKey, pickDiscount } from './discount-policy';

const template = { en: { subject: 'Hi', text: 'Hi {name}, {percent, number, ::percent} off: {code}' } };
const campaign: Campaign = {
  id: 'win-back',
  version: 2,
  segment: 'At-Risk',
  discountOptimizer: { minPercent: 5, maxPercent: 25, learningRate: 0.01 },
  variants: [
    { name: 'VariantA', weight: 1, discountPercent: 12, templates: template },
    { name: 'VariantB', weight: 1, discountPercent: 30, templates: template, discountOptimizer: { minPercent: 20, maxPercent: 40, learningRate: 0, levels: [20, 30, 40] } },
  ],
};

describe(pickDiscount.name, () => {
  it('draws from the campaign-wide bandit of the segment and risk band, inside its bounds, and explains the draw', () => {
    const pick = pickDiscount(campaign, campaign.variants[0], 'At-Risk', 'high', { posterior: () => undefined, random: mulberry32(1) });
    expect([5, 10, 15, 20, 25]).toContain(pick.percent);
    expect(pick.pull).toMatchObject({ key: 'win-back|*|At-Risk|high', scope: '*', band: 'high', discountPercent: pick.percent });
    expect(pick.reason).toMatch(/discount \d+% by Thompson sampling: mean reward .* in win-back\|\*\|At-Risk\|high \(levels 5\/10\/15\/20\/25%\)/);
  });

  it('lets a variant with its own optimizer learn apart from the campaign-wide one', () => {
    const asked: string[] = [];
    const pick = pickDiscount(campaign, campaign.variants[1], 'At-Risk', 'medium', { posterior: (key) => (asked.push(key), undefined), random: mulberry32(2) });
    expect(asked).toEqual([banditKey('win-back', 'VariantB', 'At-Risk', 'medium')]);
    expect([20, 30, 40]).toContain(pick.percent);
  });

  it('follows what was learned: a level that always paid is chosen', () => {
    const posterior = {
      arms: [5, 10, 15, 20, 25].map((discountPercent) => ({ discountPercent, successes: discountPercent === 15 ? 500 : 0, failures: discountPercent === 15 ? 0 : 500 })),
    };
    const random = mulberry32(3);
    for (let draw = 0; draw < 50; draw += 1) expect(pickDiscount(campaign, campaign.variants[0], 'At-Risk', 'high', { posterior: () => posterior, random }).percent).toBe(15);
  });

  it('keeps the fixed discount of a variant without any optimizer', () => {
    expect(pickDiscount({ ...campaign, discountOptimizer: undefined }, campaign.variants[0], 'At-Risk', 'high', { posterior: () => undefined, random: Math.random })).toEqual({ percent: 12 });
  });

  it('pulls the fixed discount inside the bounds when nothing learned is at hand', () => {
    expect(pickDiscount(campaign, campaign.variants[0], 'At-Risk', 'high').percent).toBe(10);
    expect(pickDiscount(campaign, campaign.variants[1], 'At-Risk', 'high').percent).toBe(30);
    expect(pickDiscount(campaign, { ...campaign.variants[0], discountPercent: 60 }, 'At-Risk', 'high').percent).toBe(25);
  });
});

describe('discountOptimizer in a campaign definition', () => {
  const base = { id: 'spring', version: 1, segment: 'At-Risk', variants: [{ name: 'VariantA', weight: 1, discountPercent: 10, templates: template }] };
  const problemsOf = (raw: unknown): string[] => {
    try {
      parseCampaignDefinition(raw, 'spring.yaml');
    } catch (error) {
      if (error instanceof InvalidCampaignDefinition) return error.problems;
      throw error;
    }
    return [];
  };

  it('accepts an optimizer on the campaign and on a variant, with autoPromote and experiment settings', () => {
    const parsed = parseCampaignDefinition(
      {
        ...base,
        autoPromote: true,
        experiment: { attributionDays: 14, ltvDays: 60, alpha: 0.05 },
        discountOptimizer: { minPercent: 0, maxPercent: 30, learningRate: 0.01 },
        variants: [{ ...base.variants[0], discountOptimizer: { minPercent: 10, maxPercent: 20, learningRate: 0, levels: [10, 20] } }],
      },
      'spring.yaml',
    );
    expect(parsed.discountOptimizer).toEqual({ minPercent: 0, maxPercent: 30, learningRate: 0.01 });
    expect(parsed.variants[0].discountOptimizer?.levels).toEqual([10, 20]);
    expect(parsed.autoPromote).toBe(true);
  });

  it.each([
    [{ minPercent: 30, maxPercent: 10, learningRate: 0 }, 'discountOptimizer.maxPercent: must be at least minPercent (30)'],
    [{ minPercent: 0, maxPercent: 30, learningRate: 1 }, 'discountOptimizer.learningRate: must be below 1 (1 would forget everything at once)'],
    [{ minPercent: 5, maxPercent: 30, learningRate: 0, levels: [5, 35] }, 'discountOptimizer.levels.1: 35 is outside [5, 30]'],
    [{ minPercent: 0, maxPercent: 95, learningRate: 0 }, 'discountOptimizer.maxPercent: Number must be less than or equal to 90'],
  ])('refuses %j naming the field', (discountOptimizer, problem) => {
    expect(problemsOf({ ...base, discountOptimizer })).toContain(problem);
  });
});

describe('a decision with a discount optimizer', () => {
  const scored: ChurnScored = {
    eventId: '4f8c2b1e-7d3a-4e5f-8a9b-0c1d2e3f4a5b',
    occurredAt: '2025-03-01T10:00:00.000Z',
    customerId: 'cust-42',
    eventType: 'churn-scored',
    schemaVersion: 1,
    score: 0.8,
    band: 'high',
    modelVersion: 'rf-1',
    horizonDays: 30,
    rfm: { recencyDays: 60, frequency: 7, monetaryTotalCents: 84_000, tenureDays: 400 },
    profile: { email: 'ana@example.com', firstName: 'Ana', locale: 'en-US' },
    trigger: 'purchase_made',
  };
  const policy: DecisionPolicy = {
    segmentRules: { vipMinSpendCents: 100_000, dormantMinRecencyDays: 180, newMaxTenureDays: 30 },
    channelPolicy: { smsEnabled: false, smsMinBand: 'high', smsMinSpendCents: 50_000 },
    campaigns: [{ ...campaign, variants: [campaign.variants[0]] }],
    abTestingEnabled: true,
    holdoutPercent: 0,
    cooldownMs: 0,
  };

  it('offers, codes, renders and budgets the level the bandit drew, and records the pull and its reason', () => {
    const decision = decideCampaign(
      { scored, messageId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', now: new Date('2025-03-01T10:00:00Z'), discountLearning: { posterior: () => undefined, random: mulberry32(5) } },
      policy,
    );
    if (decision.action !== 'send') throw new Error(decision.reason);
    const percent = decision.discountPull!.discountPercent;
    expect(decision.discount).toMatchObject({ percent, code: expect.stringMatching(new RegExp(`^SAVE${percent}-`)) });
    expect(decision.content.text).toContain(`${percent}%`);
    expect(decision.reason).toContain(`discount ${percent}% by Thompson sampling`);
  });
});
