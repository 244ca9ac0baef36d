import type { Channel, CustomerProfile, RiskBand } from '@syncengage/contracts';

export interface ChannelPolicy {
  smsEnabled: boolean;
  /** SMS is for urgent cases: this risk band (or higher) and at least this lifetime spend. */
  smsMinBand: RiskBand;
  smsMinSpendCents: number;
}

export type ChannelChoice = { channel: Channel; reason: string } | { channel: undefined; reason: string };

const BAND_ORDER: RiskBand[] = ['low', 'medium', 'high'];

/** Email first; SMS when the case is urgent and allowed; the other channel when the first is impossible. */
export function chooseChannel(
  profile: CustomerProfile,
  band: RiskBand,
  spendCents: number,
  policy: ChannelPolicy,
  blocked: Partial<Record<Channel, string>> = {},
): ChannelChoice {
  const canEmail = Boolean(profile.email) && profile.emailConsent !== false && !blocked.email;
  const canSms = policy.smsEnabled && Boolean(profile.phone) && profile.smsConsent === true && !blocked.sms;
  const fallback = Object.values(blocked).length > 0 ? ` (${Object.values(blocked).join('; ')})` : '';
  const urgent = BAND_ORDER.indexOf(band) >= BAND_ORDER.indexOf(policy.smsMinBand) && spendCents >= policy.smsMinSpendCents;
  if (urgent && canSms) return { channel: 'sms', reason: `urgent (${band} risk, ${spendCents}c spent) and SMS consent given` };
  if (canEmail) return { channel: 'email', reason: `email is the primary channel${fallback}` };
  if (canSms) return { channel: 'sms', reason: `no usable email; SMS consent given${fallback}` };
  return { channel: undefined, reason: `no channel: no email with consent and no SMS consent${fallback}` };
}
