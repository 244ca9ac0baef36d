import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../..');

function start(service: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [resolve(REPO_ROOT, `apps/${service}/dist/main.js`)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

/** A misconfigured service stops before it takes traffic, with one message naming every bad variable. */
describe('start-up with bad configuration', () => {
  it.each([
    ['ingest', { INGEST_HTTP_PORT: 'eighty', SYNCENGAGE_CRM_PROVIDER: 'hubspot' }, ['INGEST_HTTP_PORT must be an integer', 'HUBSPOT_API_KEY is required when SYNCENGAGE_CRM_PROVIDER=hubspot']],
    ['churn-scorer', { CHURN_BAND_MEDIUM_FROM: '0.9', CHURN_BAND_HIGH_FROM: '0.5' }, ['CHURN_BAND_MEDIUM_FROM (0.9) must not be above CHURN_BAND_HIGH_FROM (0.5)']],
    ['orchestrator', { BUDGET_TIME_ZONE: 'Mars/Olympus', ENABLE_AB_TESTING: 'perhaps' }, ['BUDGET_TIME_ZONE must be an IANA time zone', 'ENABLE_AB_TESTING must be true or false, got "perhaps"']],
    ['notifier', { SENDGRID_API_KEY: 'SG.x', DATABASE_URL: 'mysql://root:hunter2@db/x' }, ['SENDGRID_FROM_EMAIL is required when SENDGRID_API_KEY is set', 'DATABASE_URL must be a postgres or postgresql URL']],
  ])('%s exits with code 2 naming every bad variable', (service, env, expected) => {
    const result = start(service, env as Record<string, string>);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${service} config is invalid`);
    for (const text of expected) expect(result.stderr).toContain(text);
    expect(result.stderr).not.toContain('hunter2');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops the churn scorer with a clear message when the model file is missing', () => {
    const result = start('churn-scorer', { CHURN_MODEL_PATH: '/nonexistent/model.json', CHURN_GRPC_PORT: '0', CHURN_SCORER_HTTP_PORT: '0' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cannot load the churn model from /nonexistent/model.json');
    expect(result.stderr).toContain('CHURN_MODEL_PATH');
  });
});
