import type { IngestConfig } from '../../../config';
import { SalesforceConnector } from './salesforce-connector';
import { salesforceAuthFrom } from './salesforce-settings';
import { SALESFORCE_STREAMS } from './salesforce-soql';

const STREAM_OF = Object.fromEntries(Object.entries(SALESFORCE_STREAMS).map(([stream, object]) => [object, stream])) as Record<string, keyof typeof SALESFORCE_STREAMS>;

/** SYNCENGAGE_CRM_PROVIDER=salesforce, from the validated config. */
export function createSalesforceConnector(config: IngestConfig, credentials: Record<string, string | undefined>): SalesforceConnector {
  const source = config.salesforceSource;
  return new SalesforceConnector({
    auth: salesforceAuthFrom(credentials, source.loginUrl).auth!, // config validation already refused incomplete credentials
    apiVersion: source.apiVersion,
    streams: [...new Set(source.objects.map((object) => STREAM_OF[object]))],
    customFields: source.customFields,
    pageSize: config.sync.pageSize,
    settleMs: config.sync.settleMs,
  });
}
