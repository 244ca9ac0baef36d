import { isNetworkFailureInDoubt, parseRetryAfter, ProviderRejected } from './channel-sender';

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

describe('what a failure without an HTTP status means', () => {
  it.each([
    ['connect ECONNREFUSED 127.0.0.1:4010', false],
    ['getaddrinfo ENOTFOUND api.sendgrid.com', false],
    ['timeout of 5000ms exceeded', true],
    ['socket hang up', true],
    ['read ECONNRESET', true],
  ])('"%s" leaves the outcome in doubt: %s', (detail, inDoubt) => {
    expect(isNetworkFailureInDoubt(detail)).toBe(inDoubt);
  });
});

describe(parseRetryAfter.name, () => {
  const now = new Date('2026-01-15T10:00:00Z');
  it.each([
    ['2', 2_000],
    [' 0 ', 0],
    ['Thu, 15 Jan 2026 10:00:30 GMT', 30_000],
    ['Thu, 15 Jan 2026 09:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('reads %p as %p ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});
