import { applyFact, type Engagement, type EngagementFact, type EngagementFactDetail } from './engagement';

const sent: Engagement = {
  messageId: '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b',
  customerId: 'customer-42',
  campaignId: 'win-back-10',
  campaignVersion: 3,
  variant: 'VariantA',
  channel: 'email',
  provider: 'sendgrid',
  status: 'sent',
  stage: 'sent',
  discountReservedCents: 500,
  sentAt: '2026-03-10T09:00:00.000Z',
  clickCount: 0,
  revenueCents: 0,
};
const at = '2026-03-10T10:00:00.000Z';
const fact = (detail: EngagementFactDetail): EngagementFact => ({ factId: 'f', messageId: sent.messageId, at, ...detail });

describe(applyFact.name, () => {
  it.each([
    { kind: 'delivered', field: 'deliveredAt' },
    { kind: 'opened', field: 'openedAt' },
  ] as const)('records the first $kind and reports it', ({ kind, field }) => {
    const change = applyFact(sent, fact({ kind }));
    expect(change.engagement).toMatchObject({ [field]: at, stage: kind });
    expect(change.report).toEqual({ stage: kind, suppression: undefined, repeatable: false });
  });

  it.each(['delivered', 'opened', 'clicked'] as const)('reports a second %s as nothing new', (kind) => {
    const once = applyFact(sent, fact({ kind })).engagement;
    expect(applyFact(once, { ...fact({ kind }), at: '2026-03-10T11:00:00.000Z' }).report).toBeUndefined();
  });

  it('counts every click, reports the first, and takes a click as an open', () => {
    const first = applyFact(sent, fact({ kind: 'clicked' }));
    const second = applyFact(first.engagement, fact({ kind: 'clicked' }));
    expect(first.report?.stage).toBe('clicked');
    expect(first.engagement).toMatchObject({ clickedAt: at, openedAt: at, clickCount: 1 });
    expect(second.engagement.clickCount).toBe(2);
    expect(second.report).toBeUndefined();
  });

  it('keeps an earlier open time when a click follows', () => {
    const opened = applyFact(sent, { ...fact({ kind: 'opened' }), at: '2026-03-10T09:30:00.000Z' }).engagement;
    expect(applyFact(opened, fact({ kind: 'clicked' })).engagement.openedAt).toBe('2026-03-10T09:30:00.000Z');
  });

  it('turns a bounce into a failed delivery with a suppression, once', () => {
    const bounce = fact({ kind: 'bounced', reason: '550 5.1.1 no such user', suppression: { channel: 'email', reason: 'bounced' } });
    const change = applyFact(sent, bounce);
    expect(change.engagement).toMatchObject({ status: 'failed', stage: 'bounced', failureReason: '550 5.1.1 no such user' });
    expect(change.report).toEqual({ stage: 'bounced', suppression: { channel: 'email', reason: 'bounced' }, repeatable: false });
    expect(applyFact(change.engagement, bounce).report).toBeUndefined();
  });

  it('reports every unsubscribe and resubscribe, the latter lifting the suppression', () => {
    const stop = applyFact(sent, fact({ kind: 'unsubscribed', suppression: { channel: 'sms', reason: 'stop' } }));
    const start = applyFact(stop.engagement, fact({ kind: 'resubscribed', suppression: { channel: 'sms', reason: 'stop' } }));
    const stopAgain = applyFact(start.engagement, fact({ kind: 'unsubscribed', suppression: { channel: 'sms', reason: 'stop' } }));
    expect(stop.report).toEqual({ stage: 'unsubscribed', suppression: { channel: 'sms', reason: 'stop' }, repeatable: true });
    expect(start.report).toEqual({ stage: 'unsubscribed', suppression: { channel: 'sms', reason: 'stop', lifted: true }, repeatable: true });
    expect(stopAgain.report?.suppression).toEqual({ channel: 'sms', reason: 'stop' });
  });

  it('converts once, keeping the first order and its revenue', () => {
    const first = applyFact(sent, fact({ kind: 'converted', orderId: 'order-1', revenueCents: 12_900 }));
    const second = applyFact(first.engagement, fact({ kind: 'converted', orderId: 'order-2', revenueCents: 99_900 }));
    expect(first.engagement).toMatchObject({ convertedAt: at, revenueCents: 12_900, convertedOrderId: 'order-1', stage: 'converted' });
    expect(first.report?.stage).toBe('converted');
    expect(second.engagement).toEqual(first.engagement);
    expect(second.report).toBeUndefined();
  });
});
