import type { Campaign } from './campaigns';
import type { ContactHistory, GuardRailPolicy } from './guard-rails';
import type { JourneySend } from './journey';
import { decideJourneyStep, type JourneyStepInput } from './journey-step-decision';

const campaign: Campaign = { id: 'onboarding', version: 2, segment: 'New', variants: [{ name: 'A', weight: 1, discountPercent: 0, templates: { en: { subject: 'Hi', text: 'Hi' } } }] };
const send: JourneySend = {
  step: { id: 'nudge', type: 'send', discountPercent: 10, templates: { en: { subject: 'For you', text: '{name}: {percent, number, ::percent} off with {code}' }, es: { subject: 'Para ti', text: '{name}: {code}' } } },
  ordinal: 1,
  messageId: '5b0f3c38-7f55-4c1e-9a43-8c1b0a0b9a11',
};
const now = new Date('2026-03-05T12:00:00Z');
const guardRails: GuardRailPolicy = { frequencyCaps: [{ channel: 'email', maxSends: 2, windowMs: 7 * 86_400_000, label: 'email:2/7d' }], conversionCooldownMs: 30 * 86_400_000 };
const channelPolicy = { smsEnabled: true, smsMinBand: 'high' as const, smsMinSpendCents: 50_000 };
const history = (overrides: Partial<ContactHistory> = {}): ContactHistory => ({ recentSends: [], suppressions: [], ...overrides });
const input = (overrides: Partial<JourneyStepInput> = {}): JourneyStepInput => ({
  send,
  campaign,
  segment: 'New',
  variant: 'A',
  customer: { profile: { email: 'ana@example.com', phone: '+34600111222', smsConsent: true, firstName: 'Ana', locale: 'es-MX' }, band: 'low', rfm: { recencyDays: 3, frequency: 2, monetaryTotalCents: 8_000, tenureDays: 5 } },
  instanceId: 'i-1',
  now,
  history: history(),
  ...overrides,
});

describe(decideJourneyStep.name, () => {
  it('sends the step’s own template in the customer’s language, with its discount budgeted', () => {
    const decision = decideJourneyStep(input(), channelPolicy, guardRails);
    expect(decision).toMatchObject({ action: 'send', channel: 'email', locale: 'es', variant: 'A', content: { subject: 'Para ti' }, discount: { percent: 10, reservedCents: 400 } });
    expect(decision.reason).toContain('journey onboarding@2 step nudge (follow-up 1, instance i-1)');
  });

  it('ignores the contact cool-down but not the frequency cap: a capped email falls back to SMS', () => {
    const twoEmails = history({ lastContactedAt: new Date(now.getTime() - 3_600_000), recentSends: [{ channel: 'email', at: now }, { channel: 'email', at: now }] });
    expect(decideJourneyStep(input({ history: twoEmails }), channelPolicy, guardRails)).toMatchObject({ action: 'send', channel: 'sms' });
  });

  it('sends nothing inside the post-conversion cool-down', () => {
    const converted = history({ lastConvertedAt: new Date(now.getTime() - 86_400_000) });
    expect(decideJourneyStep(input({ history: converted }), channelPolicy, guardRails)).toMatchObject({ action: 'skip', reason: expect.stringContaining('post-conversion cool-down') });
  });

  it('sends nothing when every channel is suppressed', () => {
    const suppressed = history({ suppressions: [{ channel: 'email', reason: 'unsubscribed' }, { channel: 'sms', reason: 'stop' }] });
    expect(decideJourneyStep(input({ history: suppressed }), channelPolicy, guardRails)).toMatchObject({ action: 'skip', reason: expect.stringContaining('no channel') });
  });

  it('keeps to the channels the campaign allows', () => {
    const smsOnly = { ...campaign, channels: ['sms'] } as Campaign;
    expect(decideJourneyStep(input({ campaign: smsOnly }), channelPolicy, guardRails)).toMatchObject({ action: 'send', channel: 'sms', fallbackChannels: [] });
  });
});
