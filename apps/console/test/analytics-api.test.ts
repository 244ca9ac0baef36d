import { Topics } from '@syncengage/contracts';
import type { AbTestResult, BudgetDay, ChurnDistribution, CustomerView, FunnelReport, ModelVersionUsage, PipelineHealth, CampaignSummary, CampaignDetail } from '../src/application/read-models';
import { KEYS, startSeededConsole, type SeededConsole } from './console-harness';
import { DAY2, SEED_CUSTOMER_C1_EVENTS, SEED_DISTINCT_EVENTS, SEED_EVENTS } from './seed-events';

/**
 * The analytics store and its API over real PostgreSQL: the seed goes in through the console's own consumer and
 * every number below is counted by hand from test/seed-events.ts.
 */
describe('the console API over seeded events', () => {
  let seeded: SeededConsole;
  const get = async <T>(path: string, key: string = KEYS.viewer): Promise<T> => {
    const response = await fetch(`${seeded.console.url}${path}`, { headers: { 'x-api-key': key } });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    seeded = await startSeededConsole('console_api');
  }, 60_000);

  afterAll(async () => {
    await seeded?.close();
  });

  it('records each event once, however often it is delivered', async () => {
    expect(SEED_EVENTS.length).toBe(SEED_DISTINCT_EVENTS + 1);
    const counts = await seeded.db.query<{ event_type: string; n: number }>('SELECT event_type, count(*)::int AS n FROM console_events GROUP BY 1 ORDER BY 1');
    expect(Object.fromEntries(counts.rows.map((row) => [row.event_type, row.n]))).toEqual({
      [Topics.CustomerUpdated]: 10,
      [Topics.ChurnScored]: 4,
      [Topics.MessageRequested]: 5,
      [Topics.CampaignResult]: 11,
      [Topics.SegmentChanged]: 2,
      [Topics.DecisionRecorded]: 9,
    });
  });

  it('counts the funnel with rates, money and time to convert', async () => {
    const report = await get<FunnelReport>('/api/funnel');
    expect(report.counts).toEqual({ requested: 5, sent: 4, opened: 3, clicked: 2, converted: 1 });
    expect(report.steps.map((step) => [step.step, step.count, step.rateFromPrevious])).toEqual([
      ['Trigger Sent', 4, 1],
      ['Opened', 3, 0.75],
      ['Clicked', 2, 2 / 3],
      ['Purchase', 1, 0.5],
    ]);
    expect(report).toMatchObject({ attributedRevenueCents: 4000, discountCostCents: 500, netProfitCents: 3500 });
    expect(report.timeToConvert).toEqual({ medianSeconds: 7200, meanSeconds: 7200, conversions: 1 });
  });

  it('measures the uplift of the sent customers against the holdout within the attribution window', async () => {
    // winback@1 is the one version with a holdout. Sent: c1 (bought 40.00), c2 (30.00), c3, c5 (bought after the
    // 7 days): 2 of 4, 70.00. Held out: c6 (bought 25.00), c7, c8: 1 of 3. vip has no holdout and is left out.
    const { uplift } = await get<FunnelReport>('/api/funnel');
    if (!uplift.available) throw new Error(`no uplift: ${uplift.reason}`);
    expect(uplift.attributionDays).toBe(7);
    expect(uplift.treated).toMatchObject({ customers: 4, purchasers: 2, revenuePerCustomerCents: 1750, purchaseRate: { rate: 0.5 } });
    expect(uplift.holdout).toMatchObject({ customers: 3, purchasers: 1, purchaseRate: { rate: 1 / 3 } });
    expect(uplift.holdout.revenuePerCustomerCents).toBeCloseTo(2500 / 3, 6);
    expect(uplift.upliftVsHoldout.purchaseRate.difference).toBeCloseTo(1 / 6, 10);
    expect(uplift.upliftVsHoldout.purchaseRate.low).toBeCloseTo(-0.4105, 3);
    expect(uplift.upliftVsHoldout.purchaseRate.high).toBeCloseTo(0.6098, 3);
    expect(uplift.upliftVsHoldout.revenuePerCustomerCents).toBeCloseTo(1750 - 2500 / 3, 6);

    // From day 2: c3 and c5 sent, c8 held out, nobody bought within the window.
    const dayTwo = (await get<FunnelReport>(`/api/funnel?from=${DAY2}`)).uplift;
    expect(dayTwo).toMatchObject({ available: true, treated: { customers: 2, purchasers: 0 }, holdout: { customers: 1, purchasers: 0 } });
    expect((await get<FunnelReport>('/api/funnel?segment=VIP')).uplift).toEqual({ available: false, reason: expect.stringContaining('no customer was held out') });
  });

  it('filters the funnel by segment, channel, locale and date range, and breaks it down', async () => {
    expect((await get<FunnelReport>('/api/funnel?segment=VIP')).counts).toEqual({ requested: 1, sent: 1, opened: 1, clicked: 1, converted: 0 });
    expect((await get<FunnelReport>('/api/funnel?channel=sms')).counts).toEqual({ requested: 2, sent: 1, opened: 0, clicked: 0, converted: 0 });
    expect((await get<FunnelReport>('/api/funnel?locale=es')).counts).toEqual({ requested: 1, sent: 1, opened: 1, clicked: 0, converted: 0 });
    expect((await get<FunnelReport>(`/api/funnel?from=${DAY2}`)).counts).toEqual({ requested: 3, sent: 2, opened: 1, clicked: 1, converted: 0 });
    expect((await get<FunnelReport>(`/api/funnel?to=${DAY2}&campaignId=winback&variant=ten`)).counts).toEqual({ requested: 1, sent: 1, opened: 1, clicked: 1, converted: 1 });
    const bySegment = await get<FunnelReport>('/api/funnel?groupBy=segment');
    expect(bySegment.breakdown?.map((group) => [group.key, group.counts.sent, group.counts.converted, group.netProfitCents])).toEqual([
      ['At-Risk', 3, 1, 3500],
      ['VIP', 1, 0, 0],
    ]);
  });

  it('keeps the latest stage of a message whose results came out of order', async () => {
    const stages = await seeded.db.query<{ customer_id: string; stage: string; is_requested: boolean; segment: string | null }>(
      "SELECT customer_id, stage, is_requested, segment FROM console_messages WHERE customer_id IN ('c2', 'c3') ORDER BY 1",
    );
    expect(stages.rows).toEqual([
      { customer_id: 'c2', stage: 'opened', is_requested: true, segment: 'At-Risk' },
      { customer_id: 'c3', stage: 'sent', is_requested: true, segment: 'At-Risk' },
    ]);
  });

  it('reports A/B results per variant with Wilson intervals', async () => {
    const tests = await get<AbTestResult[]>('/api/ab-tests');
    expect(tests.map((test) => `${test.campaignId}@${test.campaignVersion}`)).toEqual(['vip@1', 'winback@1']);
    const winback = tests[1];
    expect(winback.variants.map((v) => [v.variant, v.sent, v.converted, v.discount])).toEqual([
      ['ten', 2, 1, { meanPercent: 10, minPercent: 10, maxPercent: 10 }],
      // The bandit gave c5 15 % within the twenty variant.
      ['twenty', 1, 0, { meanPercent: 17.5, minPercent: 15, maxPercent: 20 }],
    ]);
    expect(tests[0].variants[0].discount).toEqual({ meanPercent: 0, minPercent: 0, maxPercent: 0 });
    expect(winback.variants[0].conversion.rate).toBe(0.5);
    expect(winback.variants[0].conversion.low).toBeCloseTo(0.0945, 3);
    expect(winback.variants[0].conversion.high).toBeCloseTo(0.9055, 3);
    expect(winback.verdict).toMatchObject({ decided: false, leader: 'ten' });
  });

  it('puts each variant beside the holdout: purchase rate and revenue per customer within 7 days of the decision', async () => {
    const [vip, winback] = await get<AbTestResult[]>('/api/ab-tests');
    expect(winback.attributionDays).toBe(7);
    expect(winback.holdout).toMatchObject({ arm: 'holdout', customers: 3, purchasers: 1 });
    // ten: c1 bought 40.00, c3 nothing; twenty: c2 bought 30.00, c5 only after the window.
    expect(winback.variants.map((v) => [v.variant, v.customers?.customers, v.customers?.purchasers, v.customers?.revenuePerCustomerCents])).toEqual([
      ['ten', 2, 1, 2000],
      ['twenty', 2, 1, 1500],
    ]);
    const ten = winback.variants[0].upliftVsHoldout!;
    expect(ten.purchaseRate.difference).toBeCloseTo(0.5 - 1 / 3, 10);
    expect(ten.purchaseRate.low).toBeCloseTo(-0.4458, 3);
    expect(ten.purchaseRate.high).toBeCloseTo(0.6548, 3);
    expect(ten.revenuePerCustomerCents).toBeCloseTo(2000 - 2500 / 3, 6);
    expect(winback.variants[1].upliftVsHoldout?.revenuePerCustomerCents).toBeCloseTo(1500 - 2500 / 3, 6);
    expect(vip.holdout).toBeNull();
    expect(vip.variants[0]).toMatchObject({ customers: { customers: 1, purchasers: 0 }, upliftVsHoldout: null });
  });

  it('adds up the discount budget per day against the cap', async () => {
    expect(await get<BudgetDay[]>('/api/budget')).toEqual([
      { day: '2026-03-02', messages: 2, reservedCents: 1500, spentCents: 500, capCents: 2000 },
      { day: '2026-03-03', messages: 3, reservedCents: 1500, spentCents: 0, capCents: 2000 },
    ]);
  });

  it('shows the churn distribution, band moves and model versions', async () => {
    const churn = await get<ChurnDistribution>('/api/churn');
    expect(churn.customers).toBe(3);
    expect(churn.deciles).toEqual([0, 0, 0, 0, 0, 1, 0, 1, 0, 1]);
    expect(churn.bands).toEqual({ medium: 1, high: 2 });
    expect(churn.bandTransitions).toEqual([{ from: 'low', to: 'high', count: 1 }]);
    expect(churn.segmentsOverTime).toEqual([
      { period: '2026-03-02', segment: 'At-Risk', customers: 4 },
      { period: '2026-03-02', segment: 'VIP', customers: 1 },
    ]);
    expect(churn.segmentTransitions).toEqual([
      { from: 'At-Risk', to: 'Dormant', count: 1 },
      { from: 'none', to: 'At-Risk', count: 1 },
    ]);
    const models = await get<ModelVersionUsage[]>('/api/models');
    expect(models.map((m) => [m.modelVersion, m.customers, m.scores, m.shareOfCustomers])).toEqual([
      ['model-a', 2, 2, 2 / 3],
      ['model-b', 2, 2, 2 / 3],
    ]);
  });

  it('lists campaigns with their definitions as seen in the events, and one in detail', async () => {
    const campaigns = await get<CampaignSummary[]>('/api/campaigns');
    expect(campaigns.map((c) => [c.campaignId, c.messages, c.sent, c.converted, c.channels, c.variants.map((v) => v.variant)])).toEqual([
      ['vip', 1, 1, 0, ['email'], ['early']],
      ['winback', 4, 3, 1, ['email', 'sms'], ['ten', 'twenty']],
    ]);
    expect(campaigns[1].definitionUrl).toBe('http://orchestrator.test:3002/campaigns/winback?version=1');
    const detail = await get<CampaignDetail>('/api/campaigns/winback/versions/1');
    expect(detail.funnel.breakdown?.map((b) => [b.key, b.counts.sent])).toEqual([['ten', 2], ['twenty', 1]]);
    expect(detail.recentReasons).toHaveLength(4);
    const missing = await fetch(`${seeded.console.url}/api/campaigns/winback/versions/9`, { headers: { 'x-api-key': KEYS.viewer } });
    expect(missing.status).toBe(404);
  });

  it("shows one customer's events, scores, segments and messages with their reasons", async () => {
    const view = await get<CustomerView>('/api/customers/c1', KEYS.operator);
    expect(view.events).toHaveLength(SEED_CUSTOMER_C1_EVENTS);
    expect(view.scores.map((s) => s.band)).toEqual(['low', 'high']);
    expect(view.segmentHistory.map((s) => s.segment)).toEqual(['At-Risk', 'Dormant']);
    expect(view.messages).toHaveLength(1);
    expect(view.messages[0]).toMatchObject({ campaignId: 'winback', stage: 'converted', converted: true, revenueCents: 4000, reason: 'At-Risk because of the seed; variant ten' });
    expect(view.decisions.map((d) => [d.action, d.campaignId, d.variant, d.channel, d.discountPercent, d.reason])).toEqual([
      ['send', 'winback', 'ten', 'email', 10, 'At-Risk because of the seed; variant ten'],
      ['skip', null, null, null, null, 'contacted at 2026-03-02T09:00:00.000Z, inside the cool-down'],
    ]);
    expect(view.decisions[0].messageId).toBe(view.messages[0].messageId);
    const heldOut = await get<CustomerView>('/api/customers/c7', KEYS.operator);
    expect(heldOut.messages).toEqual([]);
    expect(heldOut.decisions).toEqual([expect.objectContaining({ action: 'holdout', campaignId: 'winback', campaignVersion: 1, variant: 'holdout', reason: 'At-Risk; in the 10% holdout of winback' })]);
  });

  it('reports pipeline health: no lag once caught up, dead letters, send failures', async () => {
    await seeded.bus.publish({ topic: Topics.CampaignResult, key: 'c9', headers: {}, value: Buffer.from('{not json') });
    await seeded.bus.idle();
    const health = await get<PipelineHealth>('/api/pipeline/health', KEYS.operator);
    expect(health.source).toBe('in-process');
    expect(health.topics.map((t) => [t.topic, t.deadLetters])).toEqual([
      [Topics.CustomerUpdated, 0],
      [Topics.ChurnScored, 0],
      [Topics.MessageRequested, 0],
      [Topics.CampaignResult, 1],
      [Topics.SegmentChanged, 0],
      [Topics.DecisionRecorded, 0],
    ]);
    // The bus holds the redelivered conversion and the poison message: two more than were recorded.
    expect(health.topics.find((t) => t.topic === Topics.CampaignResult)?.consumerLag).toBe(2);
    expect(health.topics.find((t) => t.topic === Topics.ChurnScored)?.consumerLag).toBe(0);
    expect(health.sendFailures).toEqual([{ channel: 'sms', reason: 'invalid phone number', count: 1 }]);
  });

  it('answers 401 without a key, 403 below the role a route needs, and 400 naming a bad filter', async () => {
    expect((await fetch(`${seeded.console.url}/api/funnel`)).status).toBe(401);
    expect((await fetch(`${seeded.console.url}/api/customers/c1`)).status).toBe(401);
    expect((await fetch(`${seeded.console.url}/api/funnel`, { headers: { 'x-api-key': 'not-a-key-at-all-0000' } })).status).toBe(401);
    const forbidden = await fetch(`${seeded.console.url}/api/customers/c1`, { headers: { 'x-api-key': KEYS.viewer } });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { message: string }).message).toContain('operator');
    expect((await fetch(`${seeded.console.url}/api/admin/rollup/rebuild`, { method: 'POST', headers: { 'x-api-key': KEYS.operator } })).status).toBe(403);
    const bad = await fetch(`${seeded.console.url}/api/funnel?from=yesterday&groupBy=planet`, { headers: { authorization: `Bearer ${KEYS.viewer}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string[] }).message).toEqual(['from must be an ISO-8601 date or date-time, got "yesterday"']);
  });

  it('signs a browser in with a cookie and refuses a wrong key', async () => {
    const refused = await fetch(`${seeded.console.url}/auth/sign-in`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'apiKey=wrong' });
    expect(refused.headers.get('location')).toBe('/sign-in?failed=1');
    const signedIn = await fetch(`${seeded.console.url}/auth/sign-in`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `apiKey=${KEYS.operator}` });
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await fetch(`${seeded.console.url}/api/me`, { headers: { cookie: cookie.split(';')[0] } });
    expect(await me.json()).toEqual({ role: 'operator' });
  });

  it('rebuilds the rollup from the events to the same numbers (admin)', async () => {
    const before = await get<FunnelReport>('/api/funnel');
    const rebuilt = await fetch(`${seeded.console.url}/api/admin/rollup/rebuild`, { method: 'POST', headers: { 'x-api-key': KEYS.admin } });
    expect(await rebuilt.json()).toEqual({ messages: 5 });
    expect(await get<FunnelReport>('/api/funnel')).toEqual(before);
  });

  it('documents the API with OpenAPI', async () => {
    const response = await fetch(`${seeded.console.url}/api/openapi.json`);
    const document = (await response.json()) as { paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } };
    for (const path of ['/api/funnel', '/api/ab-tests', '/api/budget', '/api/churn', '/api/models', '/api/campaigns', '/api/customers/{customerId}', '/api/pipeline/health']) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    expect(document.components.securitySchemes['api-key']).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect((await fetch(`${seeded.console.url}/api/docs`)).status).toBe(200);
  });
});
