import RequestClient from 'twilio/lib/base/RequestClient';
import { parseRetryAfter, ProviderRejected } from '../../../domain/channel-sender';

export interface TwilioRequestClientOptions {
  /** Replaces https://api.twilio.com (the SDK has no base-URL option); unset in production. */
  origin?: string;
  timeoutMs?: number;
}

/**
 * The SDK's own client (auth, encoding, parsing) with two additions: a local origin for tests, and a 429 turned
 * into a rejection that keeps Retry-After, which the SDK's RestException drops along with every header.
 */
export class TwilioRequestClient extends RequestClient {
  private readonly origin?: string;

  constructor(options: TwilioRequestClientOptions = {}) {
    super(options.timeoutMs ? { timeout: options.timeoutMs } : {});
    this.origin = options.origin?.replace(/\/$/, '');
  }

  override async request<TData>(options: RequestClient.RequestOptions<TData>) {
    const url = new URL(options.uri);
    const uri = this.origin ? `${this.origin}${url.pathname}${url.search}` : options.uri;
    const response = await super.request<TData>({ ...options, uri });
    if (response.statusCode === 429) {
      const headers = (response.headers ?? {}) as Record<string, string | undefined>;
      const body = parseBody(response.body);
      throw new ProviderRejected('twilio', 429, `${body.code ?? ''} ${body.message ?? 'Too Many Requests'}`.trim(), {
        retryAfterMs: parseRetryAfter(headers['retry-after'], new Date()),
      });
    }
    return response;
  }
}

function parseBody(body: unknown): { code?: number; message?: string } {
  if (typeof body !== 'string') return (body ?? {}) as { code?: number; message?: string };
  try {
    return JSON.parse(body) as { code?: number; message?: string };
  } catch {
    return {};
  }
}
