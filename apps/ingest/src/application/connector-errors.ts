/** A CRM call failed; `retryable` says whether waiting and trying again can help. */
export class ConnectorError extends Error {
  readonly code: string = 'CONNECTOR_ERROR';
  constructor(
    readonly provider: string,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(`${provider}: ${message}`, { cause: options?.cause });
    this.retryAfterMs = options?.retryAfterMs;
  }
  readonly retryAfterMs?: number;
}

/** Never retried: the message names the variable to fix and how. */
export class BadCredentials extends ConnectorError {
  override readonly code = 'BAD_CREDENTIALS';
  constructor(provider: string, howToFix: string, cause?: unknown) {
    super(provider, `the credentials were refused. ${howToFix}`, false, { cause });
  }
}
