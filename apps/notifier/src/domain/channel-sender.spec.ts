import { ProviderRejected } from './channel-sender';

describe('ProviderRejected', () => {
  it.each([
    { status: 400, retryable: false, why: 'a malformed request' },
    { status: 401, retryable: false, why: 'bad credentials' },
    { status: 403, retryable: false, why: 'a forbidden sender' },
    { status: 404, retryable: false, why: 'an unknown resource' },
    { status: 422, retryable: false, why: 'an invalid address' },
    { status: 429, retryable: true, why: 'rate limiting' },
    { status: 500, retryable: true, why: 'a provider error' },
    { status: 502, retryable: true, why: 'a bad gateway' },
    { status: 503, retryable: true, why: 'an unavailable provider' },
    { status: 0, retryable: true, why: 'no response at all (network failure)' },
  ])('is retryable=$retryable after $status, $why', ({ status, retryable }) => {
    expect(new ProviderRejected('sendgrid', status, 'detail').retryable).toBe(retryable);
  });

  it('names the provider, the status and the detail, with a stable code', () => {
    const error = new ProviderRejected('twilio', 400, '21211 invalid To number');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'PROVIDER_REJECTED', name: 'ProviderRejected', provider: 'twilio', status: 400 });
    expect(error.message).toBe('twilio rejected the message with 400: 21211 invalid To number');
  });
});
