import type { Channel, CustomerProfile, RiskBand } from '@syncengage/contracts';

export interface ChannelPolicy {
  smsEnabled: boolean;
  /** SMS is for urgent cases: this risk band (or higher) and at least this lifetime spend. */
  smsMinBand: RiskBand;
  smsMinSpendCents: number;
  /**
   * Push to app users. The profile cannot say who has the app (web-push subscriptions live in the notifier), so
   * when enabled every customer counts as one and a push with no subscription falls back (`fallbackChannels`).
   */
  pushEnabled?: boolean;
  /** The in-app inbox: needs no address or consent (it is our own product), so it is the channel of last resort. */
  inAppEnabled?: boolean;
}

export type ChannelChoice =
  | { channel: Channel; reason: string; fallbackChannels: Channel[] }
  | { channel: undefined; reason: string; fallbackChannels: [] };

const BAND_ORDER: RiskBand[] = ['low', 'medium', 'high'];

/**
 * Email first; SMS first when the case is urgent and allowed; then push, SMS and in-app, in that order, when the
 * one before is impossible (no address, no consent, suppressed, at its cap, or not allowed by the campaign).
 * The possible channels after the chosen one become its `fallbackChannels`, for the notifier to try if the send
 * fails for good.
 */
export function chooseChannel(
  profile: CustomerProfile,
  band: RiskBand,
  spendCents: number,
  policy: ChannelPolicy,
  blocked: Partial<Record<Channel, string>> = {},
  allowed?: readonly Channel[],
): ChannelChoice {
  const isAllowed = (channel: Channel) => !blocked[channel] && (!allowed || allowed.includes(channel));
  const canEmail = Boolean(profile.email) && profile.emailConsent !== false && isAllowed('email');
  const canSms = policy.smsEnabled && Boolean(profile.phone) && profile.smsConsent === true && isAllowed('sms');
  const canPush = policy.pushEnabled === true && isAllowed('push');
  const canInApp = policy.inAppEnabled === true && isAllowed('in_app');
  const fallback = Object.values(blocked).length > 0 ? ` (${Object.values(blocked).join('; ')})` : '';
  const urgent = BAND_ORDER.indexOf(band) >= BAND_ORDER.indexOf(policy.smsMinBand) && spendCents >= policy.smsMinSpendCents;
  const candidates: Array<{ channel: Channel; possible: boolean; reason: string }> = [
    { channel: 'sms', possible: urgent && canSms, reason: `urgent (${band} risk, ${spendCents}c spent) and SMS consent given` },
    { channel: 'email', possible: canEmail, reason: `email is the primary channel${fallback}` },
    { channel: 'push', possible: canPush, reason: `no usable email; push to the app${fallback}` },
    { channel: 'sms', possible: canSms, reason: `no usable email; SMS consent given${fallback}` },
    { channel: 'in_app', possible: canInApp, reason: `no usable email, push or SMS; in-app message${fallback}` },
  ];
  const possible = candidates.filter((candidate) => candidate.possible);
  if (possible.length === 0) {
    const restricted = allowed ? `; campaign allows ${allowed.join(', ')}` : '';
    return { channel: undefined, reason: `no channel: no email with consent and no SMS consent${restricted}${fallback}`, fallbackChannels: [] };
  }
  const [first] = possible;
  const fallbackChannels = [...new Set(possible.map((candidate) => candidate.channel))].filter((channel) => channel !== first.channel);
  return { channel: first.channel, reason: first.reason, fallbackChannels };
}
