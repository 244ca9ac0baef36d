import { EnvReader, readInfrastructure, type InfrastructureSettings } from '@syncengage/config';

export const CRM_PROVIDERS = ['hubspot', 'salesforce', 'postgres', 'shopify'] as const;
export type CrmProvider = (typeof CRM_PROVIDERS)[number];

export interface IngestConfig {
  infrastructure: InfrastructureSettings;
  httpPort: number;
  enableWebhooks: boolean;
  /** When set, every webhook must carry `X-SyncEngage-Signature: sha256=<hex HMAC of the raw body>`. */
  webhookSigningSecret?: string;
  /** Largest webhook body accepted, in bytes. */
  webhookMaxBytes: number;
  crm?: { provider: CrmProvider; credentials: Record<string, string | undefined> };
}

/** The variables each CRM needs; a provider chosen without them is a start-up error naming the missing ones. */
const CRM_VARIABLES: Record<CrmProvider, string[]> = {
  hubspot: ['HUBSPOT_API_KEY'],
  salesforce: ['SALESFORCE_INSTANCE_URL', 'SALESFORCE_ACCESS_TOKEN'],
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
  };
  if (provider) {
    const credentials = Object.fromEntries(CRM_VARIABLES[provider].map((name) => [name, read.optionalSecret(name)]));
    for (const [name, value] of Object.entries(credentials)) {
      if (!value) read.problem(`${name} is required when SYNCENGAGE_CRM_PROVIDER=${provider}`);
    }
    config.crm = { provider, credentials };
  }
  read.throwIfInvalid('ingest');
  return Object.freeze(config);
}
