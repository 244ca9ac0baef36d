import type { CustomerProfile, RiskBand } from '@syncengage/contracts';
import { chooseChannel, type ChannelPolicy } from './channel-choice';

const policy: ChannelPolicy = { smsEnabled: true, smsMinBand: 'high', smsMinSpendCents: 50_000 };
const email = { email: 'ana@example.com' };
const phoneWithConsent = { phone: '+34600111222', smsConsent: true };

describe(chooseChannel.name, () => {
  it.each<{ case: string; profile: CustomerProfile; band: RiskBand; spend: number; policy?: Partial<ChannelPolicy>; channel: 'email' | 'sms' | undefined }>([
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
});
