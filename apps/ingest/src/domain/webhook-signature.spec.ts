import { SIGNATURE_HEADER, TIMESTAMP_HEADER, hmacSha256Hex, signBody, verifySignature } from './webhook-signature';

const secret = 'whsec_test_secret';
const rawBody = Buffer.from('{"customer_id":"cust-42","event":"profile_updated","data":{"locale":"es-MX"}}', 'utf8');
const now = new Date('2025-03-01T10:00:00.000Z');
const timestamp = String(now.getTime() / 1000);
const signature = signBody(secret, rawBody, timestamp);
const check = (overrides: Partial<{ rawBody: Buffer; signature: string | undefined; timestamp: string | undefined }>, at = now) =>
  verifySignature(secret, { rawBody, signature, timestamp, ...overrides }, at, 300);

describe(verifySignature.name, () => {
  it('accepts the signature of the exact raw body and timestamp', () => {
    expect(check({})).toEqual({ valid: true });
  });

  it('accepts upper-case hex and surrounding whitespace', () => {
    expect(check({ signature: `  sha256=${signature.slice('sha256='.length).toUpperCase()} ` })).toEqual({ valid: true });
  });

  it.each([
    ['signature', { signature: undefined }, `missing ${SIGNATURE_HEADER} header`],
    ['signature (empty)', { signature: '' }, `missing ${SIGNATURE_HEADER} header`],
    ['timestamp', { timestamp: undefined }, `missing ${TIMESTAMP_HEADER} header`],
  ])('refuses a request without a %s', (_, overrides, reason) => {
    expect(check(overrides)).toEqual({ valid: false, reason });
  });

  it.each([
    ['without the sha256= prefix', signature.slice('sha256='.length)],
    ['with another algorithm', signature.replace('sha256=', 'sha1=')],
    ['one hex digit short', signature.slice(0, -1)],
    ['with a non-hex digit', `${signature.slice(0, -1)}g`],
    ['with two signatures', `${signature},${signature}`],
  ])('refuses a signature header %s as malformed', (_, header) => {
    expect(check({ signature: header })).toEqual({ valid: false, reason: `${SIGNATURE_HEADER} must look like sha256=<64 hex digits>` });
  });

  it('refuses a timestamp that is not Unix seconds', () => {
    expect(check({ timestamp: '2025-03-01T10:00:00Z' })).toEqual({ valid: false, reason: `${TIMESTAMP_HEADER} must be Unix seconds` });
  });

  it.each([
    ['signed with another secret', { signature: signBody('another-secret', rawBody, timestamp) }],
    ['for a tampered body', { rawBody: Buffer.from(rawBody.toString('utf8').replace('es-MX', 'en-US')) }],
    ['for the body with a trailing newline', { rawBody: Buffer.concat([rawBody, Buffer.from('\n')]) }],
    ['re-dated to look fresh', { timestamp: String(Number(timestamp) + 60) }],
  ])('refuses a signature %s', (_, overrides) => {
    expect(check(overrides)).toEqual({ valid: false, reason: 'signature does not match the body' });
  });

  it.each([
    ['replayed six minutes later', new Date(now.getTime() + 360_000)],
    ['dated six minutes ahead of our clock', new Date(now.getTime() - 360_000)],
  ])('refuses a correctly signed request %s', (_, at) => {
    expect(check({}, at)).toEqual({ valid: false, reason: expect.stringMatching(/^the signed timestamp is 360 s away from now, more than the 300 s tolerated/) });
  });

  it('accepts a request signed just inside the tolerance', () => {
    expect(check({}, new Date(now.getTime() + 299_000))).toEqual({ valid: true });
  });
});

describe(signBody.name, () => {
  it('signs "<timestamp>.<body>" as sha256=<64 lower-case hex digits>, from a string or a Buffer alike', () => {
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signBody(secret, rawBody.toString('utf8'), Number(timestamp))).toBe(signature);
    expect(signature).toBe(`sha256=${hmacSha256Hex(secret, `${timestamp}.${rawBody.toString('utf8')}`)}`);
  });

  it('uses plain HMAC-SHA256 (the RFC 4231 test vector), so partners can sign with any library', () => {
    // RFC 4231 test case 2.
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});
