import type { PgSqlClient } from '@syncengage/db';
import { PostgresSendLedger } from '../src/adapters/postgres/postgres-send-ledger';
import { buildSenderRegistry } from '../src/adapters/providers/build-sender-registry';
import { DeliverMessage } from '../src/application/deliver-message';
import { loadNotifierConfig } from '../src/config';
import { aMessageRequested } from './support/message-requested';
import { openNotifierDatabase, type NotifierDatabase } from './support/notifier-database';
import { RecordingPublisher } from './support/recording-publisher';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

// The registry as configured from the environment, the real ledger, the twilio SDK against a recording stand-in.

describe('SMS segments, measured before sending', () => {
  let database: NotifierDatabase;
  let db: PgSqlClient;
  let twilio: RecordingServer;

  beforeAll(async () => {
    database = await openNotifierDatabase('notifier_channels');
    db = database.db;
    twilio = await startRecordingServer(() => ({ status: 201, body: { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' } }));
  });
  afterAll(async () => {
    await twilio?.close();
    await database?.close();
  });

  function deliver(env: Record<string, string>) {
    const config = loadNotifierConfig(env);
    return new DeliverMessage(new PostgresSendLedger(db), buildSenderRegistry(config, db), new RecordingPublisher(), () => new Date(), { retry: config.retry });
  }
  const viaTwilio = (maxSegments: string) =>
    deliver({
      ENABLE_SMS: 'true',
      TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
      TWILIO_AUTH_TOKEN: 'test-auth-token',
      TWILIO_FROM_PHONE: '+15017122661',
      TWILIO_BASE_URL: twilio.url,
      NOTIFIER_SMS_MAX_SEGMENTS: maxSegments,
    });
  const ledgerRow = async (messageId: string) =>
    (await db.query<{ status: string; sms_encoding: string; sms_segments: number }>('SELECT status, sms_encoding, sms_segments FROM notifier_sends WHERE message_id = $1', [messageId]))
      .rows[0];
  const sms = (text: string, fallbackChannels?: Array<'email'>) => aMessageRequested({ channel: 'sms', content: { text }, ...(fallbackChannels ? { fallbackChannels } : {}) });

  it('sends a GSM-7 text and writes its encoding and segment count on the ledger row', async () => {
    const message = sms(`Your code: {WB-10} ${'a'.repeat(150)}`);

    expect(await viaTwilio('4').execute(message, 'trace')).toMatchObject({ status: 'sent', provider: 'twilio' });

    expect(await ledgerRow(message.eventId)).toEqual({ status: 'sent', sms_encoding: 'GSM-7', sms_segments: 2 });
    expect(twilio.requests.filter((request) => request.body.includes('WB-10'))).toHaveLength(1);
  });

  it('refuses a text over the segment limit for good, without calling Twilio, and falls back to email', async () => {
    const requestsBefore = twilio.requests.length;
    const tooLong = sms(`${'Wir vermissen dich 💜 '.repeat(10)}`, ['email']);

    const result = await viaTwilio('2').execute(tooLong, 'trace');

    expect(result).toMatchObject({ status: 'sent', channel: 'email', provider: 'local-outbox' });
    expect(twilio.requests).toHaveLength(requestsBefore);
    expect(await ledgerRow(tooLong.eventId)).toEqual({ status: 'sent', sms_encoding: 'UCS-2', sms_segments: 4 });
  });

  it('reports the refusal as the failure reason when there is no fallback, also from the local outbox', async () => {
    const tooLong = sms('€'.repeat(400));

    const result = await deliver({ NOTIFIER_SMS_MAX_SEGMENTS: '3' }).execute(tooLong, 'trace');

    expect(result).toMatchObject({
      status: 'failed',
      channel: 'sms',
      provider: 'local-outbox',
      failureReason: 'local-outbox send refused before calling the provider: the text needs 6 GSM-7 segments, over the limit of 3 (NOTIFIER_SMS_MAX_SEGMENTS)',
    });
    const { rows } = await db.query('SELECT 1 FROM notifier_local_outbox WHERE message_id = $1', [tooLong.eventId]);
    expect(rows).toHaveLength(0);
  });
});
