import { ConnectorError } from '../../application/connector-errors';
import type { CrmConnector } from '../../application/crm-connector';
import type { IngestConfig } from '../../config';
import { createHubSpotConnector } from './hubspot/create-hubspot-connector';
import { parseMapping } from './postgres/column-mapping';
import { PostgresConnector } from './postgres/postgres-connector';
import { createSalesforceConnector } from './salesforce/create-salesforce-connector';
import { createShopifyConnector } from './shopify/create-shopify-connector';

/** The connector SYNCENGAGE_CRM_PROVIDER chose; adding a CRM adds one line here. */
export function createConnector(config: IngestConfig): CrmConnector {
  const crm = config.crm;
  if (!crm) throw new ConnectorError('ingest', 'no CRM is configured: set SYNCENGAGE_CRM_PROVIDER', false);
  if (crm.provider === 'postgres') {
    const source = config.postgresSource;
    const { mapping } = parseMapping(source.customersTable, source.ordersTable, source.columnMap);
    return new PostgresConnector({
      connectionString: crm.credentials.POSTGRES_CONN_STRING!,
      mapping: mapping!, // config validation already refused a bad mapping
      pageSize: config.sync.pageSize,
      settleMs: config.sync.settleMs,
      notifyChannel: source.notifyChannel,
    });
  }
  if (crm.provider === 'shopify') return createShopifyConnector(config, crm.credentials);
  if (crm.provider === 'hubspot') return createHubSpotConnector(config, crm.credentials);
  if (crm.provider === 'salesforce') return createSalesforceConnector(config, crm.credentials);
  throw new ConnectorError(crm.provider, `the ${crm.provider} connector is not built yet (issue 5); webhooks work without it`, false);
}
