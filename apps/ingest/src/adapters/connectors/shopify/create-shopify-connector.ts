import type { IngestConfig } from '../../../config';
import { ShopifyConnector } from './shopify-connector';

/** SYNCENGAGE_CRM_PROVIDER=shopify; config validation has already required the store and token. */
export function createShopifyConnector(config: IngestConfig, credentials: Record<string, string | undefined>): ShopifyConnector {
  return new ShopifyConnector({
    storeDomain: credentials.SHOPIFY_SHOP_URL!,
    accessToken: credentials.SHOPIFY_ACCESS_TOKEN!,
    apiVersion: config.shopifySource.apiVersion,
    baseUrl: config.shopifySource.apiBaseUrl,
    pageSize: config.sync.pageSize,
    settleMs: config.sync.settleMs,
  });
}
