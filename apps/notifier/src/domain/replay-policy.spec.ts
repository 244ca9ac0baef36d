import { DEFAULT_REPLAY_POLICIES, mayResendInDoubt } from './replay-policy';

describe(mayResendInDoubt.name, () => {
  it.each([
    { channel: 'email' as const, idempotent: false, resend: true, why: 'email is at-least-once by default' },
    { channel: 'sms' as const, idempotent: false, resend: false, why: 'SMS is at-most-once by default' },
    { channel: 'sms' as const, idempotent: true, resend: true, why: 'a de-duplicating sender cannot send twice' },
  ])('$channel, idempotent=$idempotent → resend=$resend ($why)', ({ channel, idempotent, resend }) => {
    expect(mayResendInDoubt(channel, DEFAULT_REPLAY_POLICIES, idempotent)).toBe(resend);
  });
});
