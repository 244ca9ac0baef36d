import { BadCredentials, ConnectorError } from '../../../application/connector-errors';

const PROVIDER = 'hubspot';
const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET'];

/** What `@hubspot/api-client` throws for an HTTP error: the status in `code`, HubSpot's error JSON in `body`. */
interface ApiException {
  code: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const isApiException = (error: unknown): error is ApiException => typeof (error as ApiException)?.code === 'number';

/** HubSpot sends Retry-After in seconds; the SDK keeps the headers as node-fetch lowercased them. */
function retryAfterMs(headers: Record<string, string> | undefined): number | undefined {
  const value = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  const seconds = Number(value);
  return value !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function describe(body: unknown): string {
  if (typeof body === 'string') {
    try {
      return describe(JSON.parse(body));
    } catch {
      return body.slice(0, 300);
    }
  }
  const { category, message } = (body ?? {}) as { category?: string; message?: string };
  return [category, message].filter(Boolean).join(': ') || 'no details';
}

/** Maps an SDK failure to what the sync can act on: retry (429, 5xx, network), stop with a fix (401, 403), or fail. */
export function translateHubSpotError(error: unknown, doing: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (!isApiException(error)) {
    const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code ?? '';
    const message = (error as Error)?.message ?? String(error);
    const transient = NETWORK_CODES.includes(code) || /socket hang up|network|fetch failed/i.test(message);
    return new ConnectorError(PROVIDER, `${doing} failed: ${message}`, transient, { cause: error });
  }
  const detail = describe(error.body);
  if (error.code === 401) {
    return new BadCredentials(
      PROVIDER,
      `HubSpot answered 401 (${detail}) while ${doing}. HUBSPOT_API_KEY is expired, revoked or not a HubSpot token: create a private app ` +
        '(HubSpot → Settings → Integrations → Private Apps) with the crm.objects.contacts.read scope and set its access token as HUBSPOT_API_KEY. ' +
        'OAuth access tokens expire after 30 minutes; a private app token does not.',
      error,
    );
  }
  if (error.code === 403) {
    return new BadCredentials(PROVIDER, `HubSpot answered 403 (${detail}) while ${doing}: give the private app behind HUBSPOT_API_KEY the crm.objects.contacts.read scope.`, error);
  }
  if (error.code === 429) {
    return new ConnectorError(PROVIDER, `rate limited while ${doing} (${detail})`, true, { cause: error, retryAfterMs: retryAfterMs(error.headers) });
  }
  return new ConnectorError(PROVIDER, `HubSpot answered ${error.code} while ${doing}: ${detail}`, error.code >= 500, { cause: error });
}
