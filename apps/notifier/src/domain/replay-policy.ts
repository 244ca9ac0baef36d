import type { Channel } from '@syncengage/contracts';

/**
 * What to do with a send whose outcome is unknown (the process died mid-send, or the provider timed out)
 * when the provider cannot de-duplicate: send again and risk a duplicate, or report it as sent and risk a loss.
 */
export type ReplayPolicy = 'at-least-once' | 'at-most-once';

export const replayPolicies: readonly ReplayPolicy[] = ['at-least-once', 'at-most-once'];

/**
 * A second win-back email is a nuisance; a second paid SMS or WhatsApp message costs money and trust. Push and
 * in-app messages are cheap, and the inbox de-duplicates by message id anyway.
 */
export const DEFAULT_REPLAY_POLICIES: Readonly<Record<Channel, ReplayPolicy>> = {
  email: 'at-least-once',
  sms: 'at-most-once',
  whatsapp: 'at-most-once',
  push: 'at-least-once',
  in_app: 'at-least-once',
};

export function mayResendInDoubt(channel: Channel, policies: Readonly<Record<Channel, ReplayPolicy>>, senderIdempotent: boolean): boolean {
  return senderIdempotent || policies[channel] === 'at-least-once';
}
