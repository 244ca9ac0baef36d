import type { CampaignResult, Purchase } from '@syncengage/contracts';
import type { Campaign } from '../domain/campaigns';
import { InMemoryCampaignCatalog } from '../../test/support/in-memory-campaign-catalog';
import { ExperimentResults, toUnit } from './experiment-results';
import type { ExperimentEvidence, ExperimentStore, PromotionLog, PromotionRecord } from './ports';
import { PromoteWinner } from './promote-winner';

const now = new Date('2026-03-20T12:00:00Z');
const DAY = 86_400_000;
const template = { en: { subject: 's', text: 't' } };
const campaign: Campaign = {
  id: 'win-back',
  version: 1,
  segment: 'At-Risk',
  autoPromote: true,
  experiment: { minCustomersPerArm: 10 },
  variants: [
    { name: 'VariantA', weight: 1, discountPercent: 10, templates: template },
    { name: 'VariantB', weight: 1, discountPercent: 20, templates: template },
  ],
};

/** Evidence per version in a Map: what the Postgres store would return after attribution. */
class InMemoryExperimentStore implements ExperimentStore {
  constructor(private readonly byVersion: Map<number, ExperimentEvidence[]>) {}
  async recordOutcome(_result: CampaignResult): Promise<void> {}
  async recordPurchase(_customerId: string, _change: 'purchase_made' | 'purchase_refunded', _purchase: Purchase): Promise<boolean> {
    return false;
  }
  async evidence(_campaignId: string, version: number): Promise<ExperimentEvidence[]> {
    return this.byVersion.get(version) ?? [];
  }
}

class InMemoryPromotionLog implements PromotionLog {
  readonly records: PromotionRecord[] = [];
  async claim(campaignId: string, fromVersion: number, winner: string, reason: string): Promise<boolean> {
    if (this.records.some((record) => record.campaignId === campaignId && record.fromVersion === fromVersion)) return false;
    this.records.push({ campaignId, fromVersion, toVersion: null, winner, reason, promotedAt: now.toISOString() });
    return true;
  }
  async complete(campaignId: string, fromVersion: number, toVersion: number): Promise<void> {
    this.records.find((record) => record.campaignId === campaignId && record.fromVersion === fromVersion)!.toVersion = toVersion;
  }
  async release(campaignId: string, fromVersion: number): Promise<void> {
    this.records.splice(this.records.findIndex((record) => record.campaignId === campaignId && record.fromVersion === fromVersion), 1);
  }
  async list(campaignId: string): Promise<PromotionRecord[]> {
    return this.records.filter((record) => record.campaignId === campaignId);
  }
}

/** `customers` of an arm, the first `conversions` of them buying a day after the decision. */
function evidence(arm: string, customers: number, conversions: number): ExperimentEvidence[] {
  return Array.from({ length: customers }, (_, index) => {
    const decidedAt = new Date(now.getTime() - 10 * DAY + index * 1_000);
    return {
      customerId: `${arm}-${index}`,
      arm,
      decidedAt,
      sent: arm !== 'holdout',
      opened: false,
      clicked: false,
      firstPurchaseAt: index < conversions ? new Date(decidedAt.getTime() + DAY) : undefined,
      attributedPurchaseCents: index < conversions ? 4_000 : 0,
      trackedRevenueCents: 0,
      ltvCents: index < conversions ? 4_000 : 0,
    };
  });
}

function world(versionEvidence: ExperimentEvidence[], definition: Campaign = campaign) {
  const catalog = new InMemoryCampaignCatalog([definition]);
  const log = new InMemoryPromotionLog();
  const results = new ExperimentResults(catalog, new InMemoryExperimentStore(new Map([[1, versionEvidence]])), log, () => now);
  return { catalog, log, results, promote: new PromoteWinner(catalog, results, log, () => now) };
}

const decisive = [...evidence('VariantA', 200, 10), ...evidence('VariantB', 200, 60), ...evidence('holdout', 200, 8)];

describe(PromoteWinner.name, () => {
  it('publishes the next version with only the winner, no further promotion, and why', async () => {
    const { catalog, promote, log } = world(decisive);
    const outcome = await promote.evaluate('win-back');
    expect(outcome).toMatchObject({ promoted: true, fromVersion: 1, toVersion: 2, winner: 'VariantB' });
    const promoted = (await catalog.get('win-back'))!;
    expect(promoted).toMatchObject({ version: 2, autoPromote: false, variants: [{ name: 'VariantB', weight: 1, discountPercent: 20 }] });
    expect(promoted.promotedFrom).toMatchObject({ fromVersion: 1, winner: 'VariantB', promotedAt: now.toISOString(), reason: expect.stringContaining('holdout') });
    expect((await catalog.versions('win-back')).map((version) => version.source)).toEqual(['test', 'auto-promotion']);
    expect(log.records).toEqual([expect.objectContaining({ fromVersion: 1, toVersion: 2 })]);
  });

  it('promotes a version once, however often it is evaluated', async () => {
    const { catalog, promote } = world(decisive);
    await promote.evaluate('win-back');
    expect(await promote.evaluate('win-back')).toMatchObject({ promoted: false, reason: 'win-back@2 does not set autoPromote' });
    expect(await catalog.versions('win-back')).toHaveLength(2);
  });

  it('lets only one of two instances evaluating at once publish a version', async () => {
    const { catalog, promote } = world(decisive);
    const outcomes = await Promise.all([promote.evaluate('win-back'), promote.evaluate('win-back')]);
    expect(outcomes.filter((outcome) => outcome.promoted)).toHaveLength(1);
    expect(outcomes).toContainEqual({ promoted: false, reason: 'win-back@1 is promoted already' });
    expect(await catalog.versions('win-back')).toHaveLength(2);
  });

  it('leaves a campaign alone while nothing has won, or when it did not ask', async () => {
    expect(await world([...evidence('VariantA', 200, 30), ...evidence('VariantB', 200, 30), ...evidence('holdout', 200, 8)]).promote.evaluateAll()).toEqual([
      { promoted: false, reason: 'win-back@1: no winner yet' },
    ]);
    expect(await world(decisive, { ...campaign, autoPromote: undefined }).promote.evaluateAll()).toEqual([]);
  });
});

describe(ExperimentResults.name, () => {
  it('reports every version with customers, with the promotion that ended its test', async () => {
    const { promote, results } = world(decisive);
    await promote.evaluate('win-back');
    const report = (await results.forCampaign('win-back'))!;
    expect(report.versions.map((version) => version.version)).toEqual([1, 2]);
    expect(report.versions[0].analysis.winner?.arm).toBe('VariantB');
    expect(report.promotions).toEqual([expect.objectContaining({ fromVersion: 1, toVersion: 2, winner: 'VariantB' })]);
    expect(report).toMatchObject({ latestVersion: 2, autoPromote: false });
  });
});

describe(toUnit.name, () => {
  const base: ExperimentEvidence = {
    customerId: 'c',
    arm: 'VariantA',
    decidedAt: new Date('2026-03-01T00:00:00Z'),
    sent: true,
    opened: true,
    clicked: false,
    trackedRevenueCents: 0,
    attributedPurchaseCents: 0,
    ltvCents: 0,
  };

  it.each([
    { name: 'a tracked conversion inside the window', fields: { trackedConvertedAt: new Date('2026-03-03T00:00:00Z'), trackedRevenueCents: 5_000 }, converted: '2026-03-03T00:00:00.000Z', revenue: 5_000 },
    { name: 'a tracked conversion after the window', fields: { trackedConvertedAt: new Date('2026-03-20T00:00:00Z'), trackedRevenueCents: 5_000 }, converted: undefined, revenue: 0 },
    { name: 'a purchase, as for the holdout', fields: { firstPurchaseAt: new Date('2026-03-02T00:00:00Z'), attributedPurchaseCents: 3_000 }, converted: '2026-03-02T00:00:00.000Z', revenue: 3_000 },
    {
      name: 'both, counted once: the first time and the larger amount',
      fields: { trackedConvertedAt: new Date('2026-03-04T00:00:00Z'), trackedRevenueCents: 5_000, firstPurchaseAt: new Date('2026-03-02T00:00:00Z'), attributedPurchaseCents: 4_800 },
      converted: '2026-03-02T00:00:00.000Z',
      revenue: 5_000,
    },
  ])('counts $name', ({ fields, converted, revenue }) => {
    const unit = toUnit({ ...base, ...fields }, 7);
    expect(unit.convertedAt?.toISOString()).toBe(converted);
    expect(unit.revenueCents).toBe(revenue);
  });
});
