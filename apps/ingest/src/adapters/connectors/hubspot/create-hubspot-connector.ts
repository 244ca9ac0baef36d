import type { IngestConfig } from '../../../config';
import { HubSpotConnector } from './hubspot-connector';

/** SYNCENGAGE_CRM_PROVIDER=hubspot, from the validated config. */
export function createHubSpotConnector(config: IngestConfig, credentials: Record<string, string | undefined>): HubSpotConnector {
  return new HubSpotConnector({
    accessToken: credentials.HUBSPOT_API_KEY!, // config validation requires it
    baseUrl: config.hubspotSource.baseUrl,
    customProperties: config.hubspotSource.customProperties,
    pageSize: config.sync.pageSize,
    settleMs: config.sync.settleMs,
  });
}
