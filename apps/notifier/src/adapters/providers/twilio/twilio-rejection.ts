import { isNetworkFailureInDoubt, ProviderRejected } from '../../../domain/channel-sender';

/** The SDK's RestException (status, code, message) or a network error, as a rejection the retry logic reads. */
export function toTwilioRejection(error: unknown): ProviderRejected {
  if (error instanceof ProviderRejected) return error;
  const failure = error as { status?: number; message?: string; code?: number | string };
  const detail = `${failure.code ?? ''} ${failure.message ?? String(error)}`.trim();
  const status = failure.status ?? 0;
  return new ProviderRejected('twilio', status, detail, { inDoubt: status === 0 && isNetworkFailureInDoubt(detail) });
}
