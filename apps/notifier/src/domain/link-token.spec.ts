import { signLinkToken, verifyLinkToken } from './link-token';

describe('link tokens', () => {
  const secret = 'a-secret-of-reasonable-length';
  const ref = { messageId: '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b', linkIndex: 7 };

  it('carry the message id and link index back out', () => {
    const token = signLinkToken(ref, secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]{46}$/);
    expect(verifyLinkToken(token, secret)).toEqual(ref);
  });

  it('are the same every time for the same link, so a resent message carries the same URLs', () => {
    expect(signLinkToken(ref, secret)).toBe(signLinkToken(ref, secret));
  });

  it('are refused when signed with another secret', () => {
    expect(verifyLinkToken(signLinkToken(ref, 'another-secret-entirely'), secret)).toBeUndefined();
  });

  it('are refused when any character is changed', () => {
    const token = signLinkToken(ref, secret);
    for (const position of [0, 20, 23, 45]) {
      const swapped = token[position] === 'A' ? 'B' : 'A';
      expect(verifyLinkToken(token.slice(0, position) + swapped + token.slice(position + 1), secret)).toBeUndefined();
    }
  });

  it.each(['', 'short', 'not a token!', 'x'.repeat(46), 'y'.repeat(200)])('refuse "%s"', (token) => {
    expect(verifyLinkToken(token, secret)).toBeUndefined();
  });
});
