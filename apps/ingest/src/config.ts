import { parseMapping } from './adapters/connectors/postgres/column-mapping';
import { PROPERTY_NAME } from './adapters/connectors/hubspot/hubspot-contact';
import { salesforceAuthFrom } from './adapters/connectors/salesforce/salesforce-settings';
import { CUSTOM_FIELD, SALESFORCE_OBJECTS } from './adapters/connectors/salesforce/salesforce-soql';
import { EnvReader, readInfrastructure, type InfrastructureSettings } from '@syncengage/config';

export const CRM_PROVIDERS = ['hubspot', 'salesforce', 'postgres', 'shopify'] as const;
export type CrmProvider = (typeof CRM_PROVIDERS)[number];

export interface IngestConfig {
  infrastructure: InfrastructureSettings;
  httpPort: number;
  enableWebhooks: boolean;
  /** When set, every generic webhook must carry `X-SyncEngage-Timestamp` and `X-SyncEngage-Signature` (see webhook-signature.ts). */
  webhookSigningSecret?: string;
  /** Largest webhook body accepted, in bytes. */
  webhookMaxBytes: number;
  /** How far a signed timestamp may be from our clock before the request counts as a replay. */
  webhookToleranceSeconds: number;
  /** Requests per minute per webhook source (generic, hubspot, shopify, stripe) per instance; 0 = no limit. */
  webhookRateLimitPerMinute: number;
  /** The URL HubSpot is configured to call, when a proxy in front of ingest changes the host or scheme it sees. */
  publicUrl?: string;
  /** Each vendor's webhook route answers 404 until its secret is set. */
  vendorSecrets: { hubspotClientSecret?: string; shopifyWebhookSecret?: string; stripeWebhookSecret?: string };
  crm?: { provider: CrmProvider; credentials: Record<string, string | undefined> };
  /** How CRM syncs run: an incremental sync every `intervalMs` (0 = only on demand or on a push). */
  sync: { intervalMs: number; pageSize: number; settleMs: number };
  /** The user's own tables, for SYNCENGAGE_CRM_PROVIDER=postgres. */
  postgresSource: { customersTable: string; ordersTable?: string; columnMap: string; notifyChannel: string };
  /** Bearer token of the /customers API; unset = that API answers 404. */
  customerStoreApiToken?: string;
  /** For SYNCENGAGE_CRM_PROVIDER=shopify (the store and token are in `crm.credentials`). */
  shopifySource: {
    apiVersion: string;
    apiBaseUrl?: string;
    /** Consume segment-changed and keep each Shopify customer's one `syncengage:<segment>` tag current; false for other providers. */
    writeSegmentTags: boolean;
  };
  /** For SYNCENGAGE_CRM_PROVIDER=hubspot (the token is in `crm.credentials`). */
  hubspotSource: { baseUrl: string; customProperties: string[] };
  /** For SYNCENGAGE_CRM_PROVIDER=salesforce (the secrets are in `crm.credentials`); `loginUrl` undefined = login.salesforce.com. */
  salesforceSource: { loginUrl?: string; apiVersion: string; objects: string[]; customFields: string[] };
}

/**
 * The variables each CRM needs; a provider chosen without them is a start-up error naming the missing ones.
 * Salesforce lists every credential it reads; which of them it needs depends on the OAuth flow (salesforce-settings.ts).
 */
const CRM_VARIABLES: Record<CrmProvider, string[]> = {
  hubspot: ['HUBSPOT_API_KEY'],
  salesforce: ['SALESFORCE_INSTANCE_URL', 'SALESFORCE_ACCESS_TOKEN', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET', 'SALESFORCE_REFRESH_TOKEN'],
  postgres: ['POSTGRES_CONN_STRING'],
  shopify: ['SHOPIFY_SHOP_URL', 'SHOPIFY_ACCESS_TOKEN'],
};

export function loadIngestConfig(env: NodeJS.ProcessEnv): IngestConfig {
  const read = new EnvReader(env);
  const provider = read.oneOf('SYNCENGAGE_CRM_PROVIDER', CRM_PROVIDERS, {});
  const config: IngestConfig = {
    infrastructure: readInfrastructure(read, 'ingest'),
    httpPort: read.int('INGEST_HTTP_PORT', { default: 3000, min: 0, max: 65535 }),
    enableWebhooks: read.bool('ENABLE_WEBHOOKS', { default: true }),
    webhookSigningSecret: read.optionalSecret('WEBHOOK_SIGNING_SECRET'),
    webhookMaxBytes: read.int('WEBHOOK_MAX_BYTES', { default: 256 * 1024, min: 1024 }),
    webhookToleranceSeconds: read.int('WEBHOOK_TOLERANCE_SECONDS', { default: 300, min: 1, max: 86_400 }),
    webhookRateLimitPerMinute: read.int('WEBHOOK_RATE_LIMIT_PER_MINUTE', { default: 6000, min: 0 }),
    publicUrl: read.url('INGEST_PUBLIC_URL', { protocols: ['http', 'https'] }),
    vendorSecrets: {
      hubspotClientSecret: read.optionalSecret('HUBSPOT_CLIENT_SECRET'),
      shopifyWebhookSecret: read.optionalSecret('SHOPIFY_WEBHOOK_SECRET'),
      stripeWebhookSecret: read.optionalSecret('STRIPE_WEBHOOK_SECRET'),
    },
    sync: {
      intervalMs: read.int('CRM_SYNC_INTERVAL_MS', { default: 300_000, min: 0 }),
      pageSize: read.int('CRM_PAGE_SIZE', { default: 500, min: 1, max: 10_000 }),
      settleMs: read.int('CRM_SYNC_SETTLE_MS', { default: 5_000, min: 0 }),
    },
    postgresSource: {
      customersTable: read.string('POSTGRES_CUSTOMERS_TABLE', { default: 'customers' }),
      ordersTable: ((table) => (table === '-' ? undefined : table))(read.string('POSTGRES_ORDERS_TABLE', { default: 'orders' })),
      columnMap: read.string('POSTGRES_COLUMN_MAP', { default: '' }),
      notifyChannel: read.string('POSTGRES_NOTIFY_CHANNEL', { default: 'syncengage_changes' }),
    },
    customerStoreApiToken: read.optionalSecret('CUSTOMER_STORE_API_TOKEN'),
    shopifySource: {
      apiVersion: read.string('SHOPIFY_API_VERSION', { default: '2026-10' }),
      apiBaseUrl: read.url('SHOPIFY_API_BASE_URL', { protocols: ['http', 'https'] }),
      writeSegmentTags: read.bool('SHOPIFY_WRITE_SEGMENT_TAGS', { default: true }) && provider === 'shopify',
    },
    hubspotSource: {
      baseUrl: read.url('HUBSPOT_BASE_URL', { protocols: ['http', 'https'] }) ?? 'https://api.hubapi.com',
      customProperties: read.list('HUBSPOT_CUSTOM_PROPERTIES', { default: [] }),
    },
    salesforceSource: {
      loginUrl: read.url('SALESFORCE_LOGIN_URL', { protocols: ['http', 'https'] }),
      apiVersion: read.string('SALESFORCE_API_VERSION', { default: '62.0' }),
      objects: read.list('SALESFORCE_OBJECTS', { default: ['Contact', 'Lead'] }),
      customFields: read.list('SALESFORCE_CUSTOM_FIELDS', { default: [] }),
    },
  };
  for (const name of config.hubspotSource.customProperties.filter((property) => !PROPERTY_NAME.test(property))) {
    read.problem(`HUBSPOT_CUSTOM_PROPERTIES must list HubSpot internal property names (lower case, digits, _), got "${name}"`);
  }
  const { apiVersion, objects, customFields } = config.salesforceSource;
  if (!/^\d{2,3}\.0$/.test(apiVersion)) read.problem(`SALESFORCE_API_VERSION must be a REST API version like 62.0, got "${apiVersion}"`);
  if (objects.length === 0) read.problem(`SALESFORCE_OBJECTS must list ${SALESFORCE_OBJECTS.join(' and/or ')}, got nothing`);
  for (const object of objects.filter((name) => !(SALESFORCE_OBJECTS as readonly string[]).includes(name))) {
    read.problem(`SALESFORCE_OBJECTS must list ${SALESFORCE_OBJECTS.join(' and/or ')}, got "${object}"`);
  }
  for (const field of customFields.filter((spec) => !CUSTOM_FIELD.test(spec))) {
    read.problem(`SALESFORCE_CUSTOM_FIELDS must list custom field API names like Loyalty_Tier__c or Contact.Loyalty_Tier__c, got "${field}"`);
  }
  if (!/^(\d{4}-(01|04|07|10)|unstable)$/.test(config.shopifySource.apiVersion)) {
    read.problem(`SHOPIFY_API_VERSION must be a Shopify release like 2026-10 (January, April, July or October) or "unstable", got "${config.shopifySource.apiVersion}"`);
  }
  if (provider === 'postgres') {
    const { problems } = parseMapping(config.postgresSource.customersTable, config.postgresSource.ordersTable, config.postgresSource.columnMap);
    for (const problem of problems) read.problem(`POSTGRES_COLUMN_MAP / POSTGRES_*_TABLE: ${problem}`);
  }
  if (provider) {
    const credentials = Object.fromEntries(CRM_VARIABLES[provider].map((name) => [name, read.optionalSecret(name)]));
    for (const [name, value] of Object.entries(credentials)) {
      if (!value && provider !== 'salesforce') read.problem(`${name} is required when SYNCENGAGE_CRM_PROVIDER=${provider}`);
    }
    if (provider === 'salesforce') for (const problem of salesforceAuthFrom(credentials, config.salesforceSource.loginUrl).problems) read.problem(problem);
    config.crm = { provider, credentials };
  }
  const shopUrl = config.crm?.provider === 'shopify' ? config.crm.credentials.SHOPIFY_SHOP_URL : undefined;
  if (shopUrl && !/^(https?:\/\/)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+\/?$/.test(shopUrl.trim())) {
    read.problem(`SHOPIFY_SHOP_URL must be the store's domain like my-store.myshopify.com, got "${shopUrl}"`);
  }
  read.throwIfInvalid('ingest');
  return Object.freeze(config);
}
