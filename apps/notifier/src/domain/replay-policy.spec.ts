import { DEFAULT_REPLAY_POLICIES, mayResendInDoubt } from './replay-policy';

describe(mayResendInDoubt.name, () => {
  it.each([
    { channel: 'email' as const, idempotent: false, resend: true, why: 'email is at-least-once by default' },
    { channel: 'sms' as const, idempotent: false, resend: false, why: 'SMS is at-most-once by default' },
    { channel: 'sms' as const, idempotent: true, resend: true, why: 'a de-duplicating sender cannot send twice' },
    { channel: 'whatsapp' as const, idempotent: false, resend: false, why: 'a WhatsApp template is paid per message, like SMS' },
    { channel: 'push' as const, idempotent: false, resend: true, why: 'push is cheap, and its Topic header replaces a copy still queued' },
    { channel: 'in_app' as const, idempotent: true, resend: true, why: 'the inbox keeps one row per message id' },
  ])('$channel, idempotent=$idempotent → resend=$resend ($why)', ({ channel, idempotent, resend }) => {
    expect(mayResendInDoubt(channel, DEFAULT_REPLAY_POLICIES, idempotent)).toBe(resend);
  });
});
