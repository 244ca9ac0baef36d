import { startOrchestratorHarness, type OrchestratorHarness } from './support/orchestrator-harness';
import { atRiskScore } from './support/scores';

/** The REST API over the real service and PostgreSQL: versions are added, never changed, and decisions use the latest. */
describe('campaign definitions over REST', () => {
  let orchestrator: OrchestratorHarness;
  const api = (path: string, init?: RequestInit) => fetch(`${orchestrator.url}${path}`, { ...init, headers: { 'content-type': 'application/json' } });

  beforeAll(async () => {
    orchestrator = await startOrchestratorHarness('campaign_api', { ENABLE_AB_TESTING: 'false' });
  }, 30_000);
  afterAll(() => orchestrator?.stop());

  it('lists the shipped campaign files, one per segment', async () => {
    const body = (await (await api('/campaigns')).json()) as { campaigns: Array<{ id: string; version: number }> };
    expect(body.campaigns.map((campaign) => `${campaign.id}@${campaign.version}`).sort()).toEqual([
      'at-risk-win-back@1',
      'dormant-reactivation@2',
      'new-onboarding@2',
      'vip-early-access@1',
    ]);
  });

  it('adds a version that the next decision records, and keeps the first readable', async () => {
    const first = (await (await api('/campaigns/at-risk-win-back')).json()) as Record<string, unknown> & { variants: Array<{ discountPercent: number }> };
    const edited = { ...first, variants: first.variants.map((variant) => ({ ...variant, discountPercent: 5 })) };
    const created = await api('/campaigns/at-risk-win-back/versions', { method: 'POST', body: JSON.stringify(edited) });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: 'at-risk-win-back', version: 2 });

    const scored = atRiskScore('rest-cust-1');
    await orchestrator.publishScore(scored);
    const message = await orchestrator.waitForMessage(scored.eventId);
    expect(message).toMatchObject({ campaignId: 'at-risk-win-back', campaignVersion: 2, discount: { percent: 5 } });
    const recorded = await orchestrator.db.query<{ campaign_version: number }>('SELECT campaign_version FROM orchestrator_decisions WHERE message_id = $1', [message.eventId]);
    expect(recorded.rows[0].campaign_version).toBe(2);

    expect(await (await api('/campaigns/at-risk-win-back?version=1')).json()).toMatchObject({ version: 1, variants: [{ discountPercent: 10 }, { discountPercent: 20 }] });
    const versions = (await (await api('/campaigns/at-risk-win-back/versions')).json()) as { versions: Array<{ version: number; source: string }> };
    expect(versions.versions.map((version) => `${version.version} ${version.source}`)).toEqual(['1 at-risk-win-back.yaml', '2 api']);
  });

  it('answers 400 naming every bad field, and stores nothing', async () => {
    const response = await api('/campaigns/summer/versions', { method: 'POST', body: JSON.stringify({ segment: 'Whales', variants: [] }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { problems: string[] };
    expect(body.problems).toEqual([expect.stringMatching(/^segment: Invalid enum value/), 'variants: Array must contain at least 1 element(s)']);
    expect((await api('/campaigns/summer')).status).toBe(404);
  });
});
