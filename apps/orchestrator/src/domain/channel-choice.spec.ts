import type { Channel, CustomerProfile, RiskBand } from '@syncengage/contracts';
import { chooseChannel, type ChannelPolicy } from './channel-choice';

const policy: ChannelPolicy = { smsEnabled: true, smsMinBand: 'high', smsMinSpendCents: 50_000 };
const email = { email: 'ana@example.com' };
const phoneWithConsent = { phone: '+34600111222', smsConsent: true };

describe(chooseChannel.name, () => {
  it.each<{ case: string; profile: CustomerProfile; band: RiskBand; spend: number; policy?: Partial<ChannelPolicy>; channel: Channel | undefined }>([
    { case: 'an ordinary customer with an email', profile: email, band: 'high', spend: 100_000, channel: 'email' },
    { case: 'an urgent case with SMS consent', profile: { ...email, ...phoneWithConsent }, band: 'high', spend: 100_000, channel: 'sms' },
    { case: 'an urgent case spending exactly the SMS threshold', profile: { ...email, ...phoneWithConsent }, band: 'high', spend: 50_000, channel: 'sms' },
    { case: 'a medium-risk case with SMS consent', profile: { ...email, ...phoneWithConsent }, band: 'medium', spend: 100_000, channel: 'email' },
    { case: 'a high-risk case spending one cent too little for SMS', profile: { ...email, ...phoneWithConsent }, band: 'high', spend: 49_999, channel: 'email' },
    { case: 'an urgent case when SMS is switched off', profile: { ...email, ...phoneWithConsent }, band: 'high', spend: 100_000, policy: { smsEnabled: false }, channel: 'email' },
    { case: 'an urgent case with a phone but no recorded SMS consent', profile: { ...email, phone: '+34600111222' }, band: 'high', spend: 100_000, channel: 'email' },
    { case: 'an urgent case whose SMS consent was withdrawn', profile: { ...email, phone: '+34600111222', smsConsent: false }, band: 'high', spend: 100_000, channel: 'email' },
    { case: 'a medium-risk case when SMS starts at medium', profile: { ...email, ...phoneWithConsent }, band: 'medium', spend: 100_000, policy: { smsMinBand: 'medium' }, channel: 'sms' },
    { case: 'a low-risk customer with only a phone and consent', profile: phoneWithConsent, band: 'low', spend: 0, channel: 'sms' },
    { case: 'a customer who opted out of email but consents to SMS', profile: { ...email, emailConsent: false, ...phoneWithConsent }, band: 'low', spend: 0, channel: 'sms' },
    { case: 'a customer who opted out of email and has no phone', profile: { ...email, emailConsent: false }, band: 'high', spend: 100_000, channel: undefined },
    { case: 'a customer with only a phone while SMS is off', profile: phoneWithConsent, band: 'high', spend: 100_000, policy: { smsEnabled: false }, channel: undefined },
    { case: 'a customer with no contact details', profile: {}, band: 'high', spend: 100_000, channel: undefined },
    { case: 'an app user without an email when push is on', profile: phoneWithConsent, band: 'low', spend: 0, policy: { pushEnabled: true }, channel: 'push' },
    { case: 'a customer with an email when push is on', profile: email, band: 'low', spend: 0, policy: { pushEnabled: true }, channel: 'email' },
    { case: 'an urgent case with SMS consent when push is on', profile: { ...email, ...phoneWithConsent }, band: 'high', spend: 100_000, policy: { pushEnabled: true }, channel: 'sms' },
    { case: 'a customer with no contact details when in-app is on', profile: {}, band: 'low', spend: 0, policy: { inAppEnabled: true }, channel: 'in_app' },
  ])('chooses $channel for $case', ({ profile, band, spend, policy: override, channel }) => {
    expect(chooseChannel(profile, band, spend, { ...policy, ...override }).channel).toBe(channel);
  });

  it.each([
    [{ ...email, ...phoneWithConsent }, 'high', 'urgent (high risk, 80000c spent) and SMS consent given'],
    [email, 'low', 'email is the primary channel'],
    [phoneWithConsent, 'low', 'no usable email; SMS consent given'],
    [{}, 'low', 'no channel: no email with consent and no SMS consent'],
  ] as const)('explains the choice for %j at %s risk', (profile, band, reason) => {
    expect(chooseChannel(profile, band, 80_000, policy).reason).toBe(reason);
  });

  it('lists every other possible channel, in order, as the fallback chain', () => {
    const everything = { ...policy, pushEnabled: true, inAppEnabled: true };
    expect(chooseChannel({ ...email, ...phoneWithConsent }, 'low', 0, everything)).toMatchObject({ channel: 'email', fallbackChannels: ['push', 'sms', 'in_app'] });
    expect(chooseChannel({ ...email, ...phoneWithConsent }, 'high', 80_000, everything)).toMatchObject({ channel: 'sms', fallbackChannels: ['email', 'push', 'in_app'] });
  });

  it('falls back past a channel that is impossible: no phone, no consent, or suppressed', () => {
    const withPush = { ...policy, pushEnabled: true };
    expect(chooseChannel({ ...email, emailConsent: false }, 'low', 0, withPush)).toMatchObject({ channel: 'push', fallbackChannels: [] });
    expect(chooseChannel(email, 'low', 0, withPush, { email: 'email suppressed (bounced)' })).toMatchObject({ channel: 'push', reason: expect.stringContaining('email suppressed (bounced)') });
  });

  it('uses only the channels a campaign allows', () => {
    const everything = { ...policy, pushEnabled: true, inAppEnabled: true };
    expect(chooseChannel({ ...email, ...phoneWithConsent }, 'low', 0, everything, {}, ['in_app', 'push'])).toMatchObject({ channel: 'push', fallbackChannels: ['in_app'] });
    expect(chooseChannel(email, 'low', 0, policy, {}, ['sms'])).toMatchObject({ channel: undefined, reason: expect.stringContaining('campaign allows sms') });
  });
});
