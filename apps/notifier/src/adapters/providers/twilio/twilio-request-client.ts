import RequestClient from 'twilio/lib/base/RequestClient';

/** The Twilio SDK has no base-URL option; this keeps its auth, encoding and parsing and only swaps the origin. */
export class OriginRewritingRequestClient extends RequestClient {
  constructor(private readonly origin: string) {
    super();
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    const url = new URL(options.uri);
    return super.request<TData>({ ...options, uri: `${this.origin.replace(/\/$/, '')}${url.pathname}${url.search}` });
  }
}
