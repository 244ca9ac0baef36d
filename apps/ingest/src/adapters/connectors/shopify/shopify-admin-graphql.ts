import { createAdminApiClient, type AdminApiClient } from '@shopify/admin-api-client';
import { BadCredentials, ConnectorError } from '../../../application/connector-errors';
import { QueryCostBucket, type ThrottleStatus } from './query-cost-bucket';

export const SHOPIFY = 'shopify';

export interface ShopifyAdminSettings {
  /** "my-store.myshopify.com" (a scheme is accepted and dropped). */
  storeDomain: string;
  apiVersion: string;
  accessToken: string;
  /** Sends every call to this origin instead of https://<store>: a proxy, or a local server in tests. */
  baseUrl?: string;
}

export interface ShopifyAdminOptions {
  sleep?: (ms: number) => Promise<void>;
  nowMs?: () => number;
  /** THROTTLED answers retried here (after waiting for the points) before the sync's own backoff takes over. */
  throttledRetries?: number;
  warn?: (message: string) => void;
}

type GraphqlErrors = { networkStatusCode?: number; message?: string; graphQLErrors?: Array<{ message: string; extensions?: { code?: string } }>; response?: Response };

/**
 * The Admin GraphQL API through Shopify's own client, paced by Shopify's cost-based throttling: each
 * query waits until the bucket holds what that query cost last time, and a THROTTLED answer waits and retries.
 */
export class ShopifyAdminGraphql {
  private readonly client: AdminApiClient;
  private readonly bucket: QueryCostBucket;
  /** The requestedQueryCost Shopify reported for each document, our estimate of its next run. */
  private readonly costs = new Map<string, number>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly throttledRetries: number;

  constructor(settings: ShopifyAdminSettings, options: ShopifyAdminOptions = {}) {
    const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
    const baseUrl = settings.baseUrl?.replace(/\/+$/, '');
    try {
      this.client = createAdminApiClient({
        storeDomain: settings.storeDomain,
        apiVersion: settings.apiVersion,
        accessToken: settings.accessToken,
        userAgentPrefix: 'SyncEngage',
        retries: 0, // retryTransient owns retries, with jitter
        customFetchApi: baseUrl ? (url, init) => fetch(String(url).replace(/^https:\/\/[^/]+/, baseUrl), init) : undefined,
        logger: (log) => {
          if (log.type === 'Unsupported_Api_Version') warn(`shopify: SHOPIFY_API_VERSION=${settings.apiVersion} is not among the versions Shopify currently supports`);
        },
      });
    } catch (error) {
      throw new ConnectorError(SHOPIFY, `${(error as Error).message}: check SHOPIFY_SHOP_URL, SHOPIFY_API_VERSION and SHOPIFY_ACCESS_TOKEN`, false, { cause: error });
    }
    this.bucket = new QueryCostBucket(options.nowMs);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.throttledRetries = options.throttledRetries ?? 5;
  }

  async request<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const waitMs = this.bucket.waitMsFor(this.costs.get(document) ?? 0);
      if (waitMs > 0) await this.sleep(waitMs);
      const response = await this.client.request<T>(document, { variables });
      const cost = response.extensions?.cost;
      this.bucket.observe(cost?.throttleStatus as ThrottleStatus | undefined);
      if (cost?.requestedQueryCost !== undefined) this.costs.set(document, cost.requestedQueryCost);
      if (!response.errors) return response.data as T;
      if (!isThrottled(response.errors)) throw translate(response.errors);
      const refillMs = this.bucket.waitMsFor(cost?.requestedQueryCost ?? 0) || 1_000;
      if (attempt >= this.throttledRetries) throw new ConnectorError(SHOPIFY, 'still throttled after waiting for the query cost to restore', true, { retryAfterMs: refillMs });
      await this.sleep(refillMs);
    }
  }
}

const isThrottled = (errors: GraphqlErrors): boolean => Boolean(errors.graphQLErrors?.some((error) => error.extensions?.code === 'THROTTLED'));

function translate(errors: GraphqlErrors): ConnectorError {
  const status = errors.networkStatusCode;
  const detail = errors.graphQLErrors?.map((error) => error.message).join('; ') || errors.message || 'no detail';
  if (status === 401) {
    return new BadCredentials(SHOPIFY, 'Shopify refused SHOPIFY_ACCESS_TOKEN for SHOPIFY_SHOP_URL: set the Admin API access token (shpat_...) of a custom app installed on that store.', errors);
  }
  if (status === 403 || errors.graphQLErrors?.some((error) => error.extensions?.code === 'ACCESS_DENIED')) {
    return new ConnectorError(SHOPIFY, `access denied (${detail}): give the app the read_customers, read_orders and write_customers scopes`, false, { cause: errors });
  }
  if (status === 404) return new ConnectorError(SHOPIFY, `no Admin API at SHOPIFY_SHOP_URL for SHOPIFY_API_VERSION (${detail})`, false, { cause: errors });
  if (status === undefined || status === 429 || status >= 500) {
    const retryAfterSeconds = Number(errors.response?.headers.get('Retry-After'));
    return new ConnectorError(SHOPIFY, `Shopify is unavailable for now (${status ?? 'no response'}: ${detail})`, true, {
      cause: errors,
      retryAfterMs: retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : undefined,
    });
  }
  // A query Shopify refuses (bad field, MAX_COST_EXCEEDED) fails the same way every time.
  return new ConnectorError(SHOPIFY, `Shopify refused the query (${status}: ${detail})`, false, { cause: errors });
}
