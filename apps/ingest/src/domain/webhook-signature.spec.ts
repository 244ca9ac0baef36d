import { SIGNATURE_HEADER, signBody, verifySignature } from './webhook-signature';

const secret = 'whsec_test_secret';
const body = Buffer.from('{"customer_id":"cust-42","event":"profile_updated","data":{"locale":"es-MX"}}', 'utf8');
const validHeader = signBody(secret, body);

describe(verifySignature.name, () => {
  it('accepts the signature of the exact raw body', () => {
    expect(verifySignature(secret, body, validHeader)).toEqual({ valid: true });
  });

  it('accepts upper-case hex and surrounding whitespace', () => {
    expect(verifySignature(secret, body, `  sha256=${validHeader.slice('sha256='.length).toUpperCase()} `)).toEqual({ valid: true });
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
  ])('refuses a request whose signature header is %s', (_, header) => {
    expect(verifySignature(secret, body, header)).toEqual({ valid: false, reason: `missing ${SIGNATURE_HEADER} header` });
  });

  it.each([
    ['without the sha256= prefix', validHeader.slice('sha256='.length)],
    ['with another algorithm', validHeader.replace('sha256=', 'sha1=')],
    ['one hex digit short', validHeader.slice(0, -1)],
    ['with a non-hex digit', `${validHeader.slice(0, -1)}g`],
    ['with two signatures', `${validHeader},${validHeader}`],
  ])('refuses a header %s as malformed', (_, header) => {
    expect(verifySignature(secret, body, header)).toEqual({ valid: false, reason: `${SIGNATURE_HEADER} must look like sha256=<64 hex digits>` });
  });

  it.each([
    ['signed with another secret', body, signBody('another-secret', body)],
    ['for a tampered body', Buffer.from(body.toString('utf8').replace('es-MX', 'en-US')), validHeader],
    ['for the body with a trailing newline', Buffer.concat([body, Buffer.from('\n')]), validHeader],
  ])('refuses a signature %s', (_, rawBody, header) => {
    expect(verifySignature(secret, rawBody, header)).toEqual({ valid: false, reason: 'signature does not match the body' });
  });
});

describe(signBody.name, () => {
  it('produces sha256=<64 lower-case hex digits>', () => {
    expect(validHeader).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('signs a string and the same bytes as a Buffer alike', () => {
    expect(signBody(secret, body.toString('utf8'))).toBe(validHeader);
  });

  it('matches the published HMAC-SHA256 test vector, so partners can sign with any library', () => {
    // RFC 4231 test case 2.
    expect(signBody('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});
