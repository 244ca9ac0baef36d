import { randomUUID } from 'node:crypto';
import { migrate, openDatabase, type SqlClient } from '@syncengage/db';
import { NOTIFIER_MIGRATIONS } from '../src/adapters/postgres/migrations';
import { PostgresEngagementLinks } from '../src/adapters/postgres/postgres-engagement-links';
import { PostgresEngagementStore } from '../src/adapters/postgres/postgres-engagement-store';
import { RecordEngagement } from '../src/application/record-engagement';
import { RecordSmsReply } from '../src/application/record-sms-reply';
import { RecordingPublisher } from './support/recording-publisher';

// The embedded quick start runs the same stores on PGlite: the SQL must hold there too.
describe('the engagement stores on the embedded database (PGlite)', () => {
  let db: SqlClient;

  beforeAll(async () => {
    db = await openDatabase(undefined);
    await migrate(db, 'notifier', NOTIFIER_MIGRATIONS);
  });
  afterAll(() => db?.close());

  it('keeps tracked links, finds the last message to a number, applies a fact once and attributes by engagement', async () => {
    const store = new PostgresEngagementStore(db);
    const links = new PostgresEngagementLinks(db);
    const publisher = new RecordingPublisher();
    const record = new RecordEngagement(store, publisher, () => new Date('2026-03-10T12:00:00.000Z'));
    const messageId = randomUUID();
    await store.open({
      messageId,
      customerId: 'customer-7',
      campaignId: 'win-back-10',
      campaignVersion: 1,
      variant: 'VariantA',
      channel: 'sms',
      provider: 'twilio',
      providerMessageId: 'SM0001',
      recipient: '+15558675310',
      status: 'sent',
      stage: 'sent',
      discountReservedCents: 0,
      sentAt: '2026-03-10T09:00:00.000Z',
      clickCount: 0,
      revenueCents: 0,
    });
    await links.save(messageId, ['https://shop.example/a', 'https://shop.example/b']);
    await links.save(messageId, ['https://elsewhere.example/a']);

    await record.execute({ factId: 'click-1', messageId, at: '2026-03-10T10:00:00.000Z', kind: 'clicked' }, 't');
    await record.execute({ factId: 'click-1', messageId, at: '2026-03-10T10:00:00.000Z', kind: 'clicked' }, 't');
    await new RecordSmsReply(store, record).execute({ from: '+15558675310', body: 'STOP', providerMessageId: 'SM0002', at: '2026-03-10T11:00:00.000Z' }, 't');

    expect(await links.find(messageId, 1)).toBe('https://shop.example/b');
    expect(await links.find(messageId, 0)).toBe('https://shop.example/a');
    expect(await store.messageIdForProviderMessage('SM0001')).toBe(messageId);
    expect(await store.engagedBetween('customer-7', new Date('2026-03-10T00:00:00.000Z'), new Date('2026-03-10T12:00:00.000Z'))).toEqual([
      { messageId, engagedAt: '2026-03-10T10:00:00.000Z' },
    ]);
    expect(publisher.results().map((result) => [result.stage, result.suppression])).toEqual([
      ['clicked', undefined],
      ['unsubscribed', { channel: 'sms', reason: 'stop' }],
    ]);
  });
});
