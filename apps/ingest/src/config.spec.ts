import { ConfigError } from '@syncengage/config';
import { salesforceAuthFrom } from './adapters/connectors/salesforce/salesforce-settings';
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

  it('keeps the customer store API off unless its token is set', () => {
    expect(loadIngestConfig({}).customerStoreApiToken).toBeUndefined();
    expect(loadIngestConfig({ CUSTOMER_STORE_API_TOKEN: 's3cret' }).customerStoreApiToken).toBe('s3cret');
  });

  it('reads Shopify with a supported API version by default, and an optional origin for a proxy', () => {
    const env = { SYNCENGAGE_CRM_PROVIDER: 'shopify', SHOPIFY_SHOP_URL: 'my-store.myshopify.com', SHOPIFY_ACCESS_TOKEN: 'shpat_x' };
    expect(loadIngestConfig(env).shopifySource).toEqual({ apiVersion: '2026-10', apiBaseUrl: undefined, writeSegmentTags: true });
    expect(loadIngestConfig({ ...env, SHOPIFY_API_VERSION: 'unstable', SHOPIFY_API_BASE_URL: 'http://127.0.0.1:4015' }).shopifySource).toEqual({
      apiVersion: 'unstable', apiBaseUrl: 'http://127.0.0.1:4015', writeSegmentTags: true,
    });
  });

  it('writes segment tags back to Shopify unless turned off, and never for another CRM', () => {
    const env = { SYNCENGAGE_CRM_PROVIDER: 'shopify', SHOPIFY_SHOP_URL: 'my-store.myshopify.com', SHOPIFY_ACCESS_TOKEN: 'shpat_x' };
    expect(loadIngestConfig({ ...env, SHOPIFY_WRITE_SEGMENT_TAGS: 'false' }).shopifySource.writeSegmentTags).toBe(false);
    expect(loadIngestConfig({ SHOPIFY_WRITE_SEGMENT_TAGS: 'true' }).shopifySource.writeSegmentTags).toBe(false);
    expect(loadIngestConfig({ SYNCENGAGE_CRM_PROVIDER: 'postgres', POSTGRES_CONN_STRING: 'postgres://x/y' }).shopifySource.writeSegmentTags).toBe(false);
    expect(problemsOf({ ...env, SHOPIFY_WRITE_SEGMENT_TAGS: 'sometimes' })).toEqual(['SHOPIFY_WRITE_SEGMENT_TAGS must be true or false, got "sometimes"']);
  });

  it('refuses a Shopify store that is not a domain and an API version Shopify never released', () => {
    expect(problemsOf({ SYNCENGAGE_CRM_PROVIDER: 'shopify', SHOPIFY_SHOP_URL: 'my store', SHOPIFY_ACCESS_TOKEN: 'shpat_x', SHOPIFY_API_VERSION: '2026-11' })).toEqual([
      'SHOPIFY_API_VERSION must be a Shopify release like 2026-10 (January, April, July or October) or "unstable", got "2026-11"',
      'SHOPIFY_SHOP_URL must be the store\'s domain like my-store.myshopify.com, got "my store"',
    ]);
  });

  it('reads HubSpot with the public API by default, a local origin when given, and custom properties', () => {
    const env = { SYNCENGAGE_CRM_PROVIDER: 'hubspot', HUBSPOT_API_KEY: 'pat-na1-x' };
    expect(loadIngestConfig(env).hubspotSource).toEqual({ baseUrl: 'https://api.hubapi.com', customProperties: [] });
    expect(loadIngestConfig({ ...env, HUBSPOT_BASE_URL: 'http://127.0.0.1:4019', HUBSPOT_CUSTOM_PROPERTIES: 'loyalty_tier, favourite_store' }).hubspotSource).toEqual({
      baseUrl: 'http://127.0.0.1:4019', customProperties: ['loyalty_tier', 'favourite_store'],
    });
    expect(problemsOf({ ...env, HUBSPOT_BASE_URL: 'api.hubapi.com', HUBSPOT_CUSTOM_PROPERTIES: 'Loyalty Tier' })).toEqual([
      'HUBSPOT_BASE_URL must be a http or https URL, got "api.hubapi.com"',
      'HUBSPOT_CUSTOM_PROPERTIES must list HubSpot internal property names (lower case, digits, _), got "Loyalty Tier"',
    ]);
  });

  it('reads Salesforce objects, custom fields and API version, refusing names that would not be safe in SOQL', () => {
    const env = { SYNCENGAGE_CRM_PROVIDER: 'salesforce', SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com', SALESFORCE_ACCESS_TOKEN: 'token' };
    expect(loadIngestConfig(env).salesforceSource).toEqual({ loginUrl: undefined, apiVersion: '62.0', objects: ['Contact', 'Lead'], customFields: [] });
    expect(loadIngestConfig({ ...env, SALESFORCE_OBJECTS: 'Contact', SALESFORCE_CUSTOM_FIELDS: 'Loyalty_Tier__c,Contact.Region__c' }).salesforceSource).toMatchObject({
      objects: ['Contact'], customFields: ['Loyalty_Tier__c', 'Contact.Region__c'],
    });
    expect(problemsOf({ ...env, SALESFORCE_API_VERSION: 'v62', SALESFORCE_OBJECTS: 'Account', SALESFORCE_CUSTOM_FIELDS: 'Email, Id FROM User--' })).toEqual([
      'SALESFORCE_API_VERSION must be a REST API version like 62.0, got "v62"',
      'SALESFORCE_OBJECTS must list Contact and/or Lead, got "Account"',
      'SALESFORCE_CUSTOM_FIELDS must list custom field API names like Loyalty_Tier__c or Contact.Loyalty_Tier__c, got "Email"',
      'SALESFORCE_CUSTOM_FIELDS must list custom field API names like Loyalty_Tier__c or Contact.Loyalty_Tier__c, got "Id FROM User--"',
    ]);
  });

  it.each([
    ['refresh-token', { SALESFORCE_CLIENT_ID: 'cid', SALESFORCE_REFRESH_TOKEN: 'rt', SALESFORCE_ACCESS_TOKEN: 'seed', SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com' }],
    ['client-credentials', { SALESFORCE_CLIENT_ID: 'cid', SALESFORCE_CLIENT_SECRET: 'cs', SALESFORCE_LOGIN_URL: 'https://acme.my.salesforce.com' }],
    ['access-token', { SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com', SALESFORCE_ACCESS_TOKEN: 'token' }],
  ])('accepts Salesforce credentials of one OAuth flow: %s', (flow, env) => {
    const config = loadIngestConfig({ SYNCENGAGE_CRM_PROVIDER: 'salesforce', ...env });
    expect(salesforceAuthFrom(config.crm!.credentials, config.salesforceSource.loginUrl).auth?.flow).toBe(flow);
  });

  it.each([
    [{}, 'SYNCENGAGE_CRM_PROVIDER=salesforce needs credentials: SALESFORCE_CLIENT_ID with SALESFORCE_REFRESH_TOKEN (refresh-token flow), SALESFORCE_CLIENT_ID with SALESFORCE_CLIENT_SECRET and SALESFORCE_LOGIN_URL (client-credentials flow), or SALESFORCE_INSTANCE_URL with SALESFORCE_ACCESS_TOKEN'],
    [{ SALESFORCE_REFRESH_TOKEN: 'rt' }, 'SALESFORCE_CLIENT_ID is required with SALESFORCE_REFRESH_TOKEN (the connected app that issued it)'],
    [{ SALESFORCE_CLIENT_ID: 'cid' }, 'SALESFORCE_CLIENT_ID needs SALESFORCE_REFRESH_TOKEN (refresh-token flow) or SALESFORCE_CLIENT_SECRET (client-credentials flow); SALESFORCE_CLIENT_SECRET alone is not enough'],
    [{ SALESFORCE_CLIENT_ID: 'cid', SALESFORCE_CLIENT_SECRET: 'cs' }, 'SALESFORCE_LOGIN_URL must be the org\'s My Domain URL (https://<domain>.my.salesforce.com) for the client-credentials flow, got nothing'],
    [{ SALESFORCE_ACCESS_TOKEN: 'token' }, 'SALESFORCE_INSTANCE_URL is required with SALESFORCE_ACCESS_TOKEN (the org the token belongs to)'],
  ])('names what Salesforce credentials %j lack', (credentials, problem) => {
    expect(problemsOf({ SYNCENGAGE_CRM_PROVIDER: 'salesforce', ...credentials })).toEqual([problem]);
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
