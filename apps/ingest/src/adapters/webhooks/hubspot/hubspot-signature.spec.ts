import { Signature } from '@hubspot/api-client/lib/src/utils/signature';
import { signHubSpotV3, verifyHubSpotV3, type HubSpotRequest } from './hubspot-signature';

// HubSpot's documented example (secret, URI and body from the request-validation guide and the SDK's tests).
const clientSecret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const timestampMs = 1_735_689_600_000;
const documented: HubSpotRequest = {
  method: 'POST',
  uri: 'https://www.example.com/webhook_uri',
  rawBody: '{"example_field":"example_value"}',
  timestamp: String(timestampMs),
  signature: '7uB2noF8oP94IGE5tptBzJhfzdsMx+xegrR74kYpGio=',
};
const now = new Date(timestampMs + 1_000);
const verify = (overrides: Partial<HubSpotRequest>, at = now) => verifyHubSpotV3(clientSecret, { ...documented, ...overrides }, at, 300);

describe(verifyHubSpotV3.name, () => {
  it('computes what the official SDK computes for the documented example', () => {
    const sdk = Signature.getSignature('POST', 'v3', { signature: '', clientSecret, url: documented.uri, requestBody: documented.rawBody, timestamp: timestampMs });
    expect(signHubSpotV3(clientSecret, documented)).toBe(sdk);
    expect(sdk).toBe(documented.signature);
  });

  it('accepts the documented example', () => {
    expect(verify({})).toEqual({ valid: true });
  });

  it('signs the URI with the characters HubSpot decodes first', () => {
    const signed = signHubSpotV3(clientSecret, { ...documented, uri: 'https://www.example.com/webhook_uri?a=1%3A2' });
    expect(verify({ uri: 'https://www.example.com/webhook_uri?a=1:2', signature: signed })).toEqual({ valid: true });
  });

  it.each([
    ['a tampered body', { rawBody: '{"example_field":"other_value"}' }],
    ['another URI', { uri: 'https://www.example.com/other' }],
    ['another method', { method: 'PUT' }],
    ['a re-dated timestamp', { timestamp: String(timestampMs + 1) }],
    ['a signature under another secret', { signature: signHubSpotV3('another-secret', documented) }],
    ['garbage for a signature', { signature: 'not base64 at all' }],
  ])('refuses %s', (_, overrides) => {
    expect(verify(overrides)).toEqual({ valid: false, reason: 'signature does not match the request' });
  });

  it('refuses a correctly signed request older than the tolerance (a replay)', () => {
    expect(verify({}, new Date(timestampMs + 301_000))).toEqual({ valid: false, reason: expect.stringMatching(/more than the 300 s tolerated/) });
  });

  it.each([
    ['no signature', { signature: undefined }, 'missing x-hubspot-signature-v3 header'],
    ['a timestamp in seconds as an ISO date', { timestamp: '2025-01-01T00:00:00Z' }, 'x-hubspot-request-timestamp must be milliseconds since the epoch'],
  ])('refuses a request with %s', (_, overrides, reason) => {
    expect(verify(overrides)).toEqual({ valid: false, reason });
  });
});
