import { parsePushSubscription, pushTopicOf } from './push-subscription';

const p256dh = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url');
const auth = Buffer.alloc(16, 9).toString('base64url');

describe(parsePushSubscription.name, () => {
  it('accepts a browser subscription', () => {
    const subscription = { endpoint: 'https://push.example.net/send/abc', keys: { p256dh, auth }, expirationTime: null };
    expect(parsePushSubscription(subscription)).toEqual({ ok: true, value: { endpoint: 'https://push.example.net/send/abc', keys: { p256dh, auth } } });
  });

  it.each([
    { subscription: undefined, problem: 'subscription must be an object with endpoint and keys' },
    { subscription: { endpoint: 'ftp://push.example.net', keys: { p256dh, auth } }, problem: 'subscription.endpoint must be an http(s) URL' },
    { subscription: { endpoint: 'https://push.example.net/x' }, problem: 'subscription.keys must hold p256dh and auth' },
    { subscription: { endpoint: 'https://push.example.net/x', keys: { p256dh: auth, auth } }, problem: 'subscription.keys.p256dh must be a base64url uncompressed P-256 public key (65 bytes)' },
    { subscription: { endpoint: 'https://push.example.net/x', keys: { p256dh, auth: p256dh } }, problem: 'subscription.keys.auth must be a base64url 16-byte secret' },
  ])('refuses $subscription: $problem', ({ subscription, problem }) => {
    expect(parsePushSubscription(subscription)).toEqual({ ok: false, problem });
  });
});

describe(pushTopicOf.name, () => {
  it('turns a message id into a 32-character base64url topic', () => {
    expect(pushTopicOf('1b4e28ba-2fa1-11d2-883f-0016d3cca427')).toBe('1b4e28ba2fa111d2883f0016d3cca427');
  });
});
