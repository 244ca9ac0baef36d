import { ConfigError } from '@syncengage/config';
import { loadIngestConfig } from './config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadIngestConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe(loadIngestConfig.name, () => {
  it('runs embedded with webhooks on and no CRM when nothing is set', () => {
    const config = loadIngestConfig({});
    expect(config).toMatchObject({ httpPort: 3000, enableWebhooks: true, webhookMaxBytes: 256 * 1024 });
    expect(config.webhookSigningSecret).toBeUndefined();
    expect(config.crm).toBeUndefined();
    expect(config.infrastructure).toMatchObject({ kafkaBrokers: [], kafkaGroupId: 'syncengage-ingest', databaseUrl: undefined });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads a chosen CRM with its credentials', () => {
    const config = loadIngestConfig({
      SYNCENGAGE_CRM_PROVIDER: 'salesforce',
      SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com',
      SALESFORCE_ACCESS_TOKEN: 'token',
      WEBHOOK_SIGNING_SECRET: 'whsec',
      ENABLE_WEBHOOKS: 'false',
    });
    expect(config.crm).toEqual({
      provider: 'salesforce',
      credentials: { SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com', SALESFORCE_ACCESS_TOKEN: 'token' },
    });
    expect(config).toMatchObject({ webhookSigningSecret: 'whsec', enableWebhooks: false });
  });

  it('reads the webhook protections and vendor secrets, with safe defaults', () => {
    expect(loadIngestConfig({})).toMatchObject({ webhookToleranceSeconds: 300, webhookRateLimitPerMinute: 6000, publicUrl: undefined, vendorSecrets: {} });
    const config = loadIngestConfig({
      WEBHOOK_TOLERANCE_SECONDS: '60', WEBHOOK_RATE_LIMIT_PER_MINUTE: '0', INGEST_PUBLIC_URL: 'https://hooks.example.com',
      HUBSPOT_CLIENT_SECRET: 'hs', SHOPIFY_WEBHOOK_SECRET: 'sh', STRIPE_WEBHOOK_SECRET: 'whsec_x',
    });
    expect(config).toMatchObject({
      webhookToleranceSeconds: 60, webhookRateLimitPerMinute: 0, publicUrl: 'https://hooks.example.com',
      vendorSecrets: { hubspotClientSecret: 'hs', shopifyWebhookSecret: 'sh', stripeWebhookSecret: 'whsec_x' },
    });
    expect(problemsOf({ WEBHOOK_TOLERANCE_SECONDS: '0', INGEST_PUBLIC_URL: 'hooks.example.com' })).toEqual([
      'WEBHOOK_TOLERANCE_SECONDS must be an integer between 1 and 86400, got "0"',
      'INGEST_PUBLIC_URL must be a http or https URL, got "hooks.example.com"',
    ]);
  });

  it('names every bad variable at once', () => {
    expect(problemsOf({ SYNCENGAGE_CRM_PROVIDER: 'hubspot', INGEST_HTTP_PORT: 'abc', WEBHOOK_MAX_BYTES: '100' })).toEqual(
      expect.arrayContaining([
        'HUBSPOT_API_KEY is required when SYNCENGAGE_CRM_PROVIDER=hubspot',
        'INGEST_HTTP_PORT must be an integer between 0 and 65535, got "abc"',
        'WEBHOOK_MAX_BYTES must be an integer >= 1024, got "100"',
      ]),
    );
  });

  it.each([
    ['hubspot', ['HUBSPOT_API_KEY']],
    ['salesforce', ['SALESFORCE_INSTANCE_URL', 'SALESFORCE_ACCESS_TOKEN']],
    ['postgres', ['POSTGRES_CONN_STRING']],
    ['shopify', ['SHOPIFY_SHOP_URL', 'SHOPIFY_ACCESS_TOKEN']],
  ])('requires every credential of %s', (provider, variables) => {
    expect(problemsOf({ SYNCENGAGE_CRM_PROVIDER: provider })).toEqual(
      variables.map((name) => `${name} is required when SYNCENGAGE_CRM_PROVIDER=${provider}`),
    );
  });

  it('treats a blank credential as missing', () => {
    expect(problemsOf({ SYNCENGAGE_CRM_PROVIDER: 'hubspot', HUBSPOT_API_KEY: '   ' })).toEqual(['HUBSPOT_API_KEY is required when SYNCENGAGE_CRM_PROVIDER=hubspot']);
  });

  it('refuses a CRM it does not know, listing the ones it does', () => {
    expect(problemsOf({ SYNCENGAGE_CRM_PROVIDER: 'excel' })).toEqual(['SYNCENGAGE_CRM_PROVIDER must be one of hubspot, salesforce, postgres, shopify, got "excel"']);
  });

  it('includes the shared infrastructure variables in the same report, without leaking a password', () => {
    const error = (() => {
      try {
        loadIngestConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x', INGEST_HTTP_PORT: '70000' });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('expected the config to be rejected');
    })();
    expect(error.message).toContain('ingest config is invalid');
    expect(error.problems).toHaveLength(2);
    expect(error.message).toContain('DATABASE_URL must be a postgres or postgresql URL');
    expect(error.message).not.toContain('hunter2');
  });
});
