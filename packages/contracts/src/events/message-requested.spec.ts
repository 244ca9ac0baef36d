import { InvalidEvent } from '../invalid-event';
import { decodeMessageRequested, type MessageRequested } from './message-requested';

const email: MessageRequested = {
  eventId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  causationId: '4f8c2b1e-7d3a-4e5f-8a9b-0c1d2e3f4a5b',
  occurredAt: '2025-03-01T10:00:02Z',
  customerId: 'cust-42',
  eventType: 'message-requested',
  schemaVersion: 1,
  campaignId: 'at-risk-win-back',
  campaignVersion: 1,
  variant: 'VariantB',
  segment: 'At-Risk',
  channel: 'email',
  locale: 'es',
  recipient: { email: 'ana@example.com' },
  content: { subject: 'Te echamos de menos', text: 'Hola Ana, vuelve con un 20 % de descuento.' },
  discount: { percent: 20, code: 'SAVE20-ABCD1234', reservedCents: 2_400 },
  reason: 'churn risk band is high; at-risk-win-back VariantB',
};

const sms: MessageRequested = { ...email, channel: 'sms', recipient: { phone: '+34600111222' } };

function rejectionOf(raw: unknown): InvalidEvent {
  try {
    decodeMessageRequested(raw);
  } catch (error) {
    if (error instanceof InvalidEvent) return error;
    throw error;
  }
  throw new Error('expected the event to be rejected');
}

describe('decodeMessageRequested', () => {
  it.each([
    ['an email', email],
    ['an SMS', sms],
  ])('accepts %s and returns it unchanged', (_, message) => {
    expect(decodeMessageRequested(message)).toEqual(message);
  });

  it('accepts a message without a discount', () => {
    const { discount: _, ...withoutDiscount } = email;
    expect(decodeMessageRequested(withoutDiscount).discount).toBeUndefined();
  });

  it.each([
    { case: 'email without an address', message: { ...email, recipient: { phone: '+34600111222' } }, issue: 'recipient.email: required for the email channel' },
    { case: 'SMS without a number', message: { ...sms, recipient: { email: 'ana@example.com' } }, issue: 'recipient.phone: required for the sms channel' },
    { case: 'malformed address', message: { ...email, recipient: { email: 'ana@' } }, issue: 'recipient.email: Invalid email' },
    { case: 'unknown channel', message: { ...email, channel: 'fax' }, issue: expect.stringMatching(/^channel: Invalid enum value/) },
    { case: 'unknown segment', message: { ...email, segment: 'Whale' }, issue: expect.stringMatching(/^segment: Invalid enum value/) },
    { case: 'empty text', message: { ...email, content: { text: '' } }, issue: 'content.text: String must contain at least 1 character(s)' },
    { case: 'discount over 100%', message: { ...email, discount: { ...email.discount!, percent: 120 } }, issue: 'discount.percent: Number must be less than or equal to 100' },
    { case: 'fractional reserved cents', message: { ...email, discount: { ...email.discount!, reservedCents: 0.5 } }, issue: 'discount.reservedCents: Expected integer, received float' },
    { case: 'campaign version 0', message: { ...email, campaignVersion: 0 }, issue: 'campaignVersion: Number must be greater than 0' },
    { case: 'empty reason', message: { ...email, reason: '' }, issue: 'reason: String must contain at least 1 character(s)' },
  ])('rejects $case and names the field', ({ message, issue }) => {
    expect(rejectionOf(message).issues).toEqual([issue]);
  });
});
