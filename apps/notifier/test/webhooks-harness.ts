import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio';
import { PgSqlClient } from '@syncengage/db';
import { InProcessBus, InProcessTransport } from '@syncengage/kafka';
import type { Runtime } from '@syncengage/runtime';
import { loadNotifierConfig } from '../src/config';
import { startNotifier, type RunningNotifier } from '../src/start-notifier';
import { RecordingPublisher } from './support/recording-publisher';

/** A P-256 key pair like the one SendGrid makes for a signed event webhook; the public half in SendGrid's format. */
export function sendgridKeyPair(): { privateKey: KeyObject; verificationKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, verificationKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

/** What SendGrid sends: ECDSA-SHA256 (DER, base64) over the timestamp followed by the exact body bytes. */
export function sendgridHeaders(privateKey: KeyObject, body: string, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  const signature = createSign('sha256').update(timestamp + body).sign(privateKey).toString('base64');
  return {
    'Content-Type': 'application/json',
    'X-Twilio-Email-Event-Webhook-Signature': signature,
    'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
  };
}

/** A form post signed as Twilio signs it: over the URL it called (the public one) and the parameters. */
export function twilioPost(authToken: string, publicUrl: string, params: Record<string, string>): { headers: Record<string, string>; body: string } {
  return {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': getExpectedTwilioSignature(authToken, publicUrl, params) },
    body: new URLSearchParams(params).toString(),
  };
}

export interface WebhookNotifier {
  notifier: RunningNotifier;
  publisher: RecordingPublisher;
  db: PgSqlClient;
  close(): Promise<void>;
}

/**
 * The notifier's HTTP side as production runs it (Nest, its controllers, the PostgreSQL stores), on a real
 * database; only Kafka is replaced, by a publisher that keeps what it was given.
 */
export async function startWebhookNotifier(databaseUrl: string, env: Record<string, string>): Promise<WebhookNotifier> {
  const config = loadNotifierConfig({ NOTIFIER_HTTP_PORT: '0', LOG_LEVEL: 'error', ...env });
  const db = new PgSqlClient(databaseUrl);
  const publisher = new RecordingPublisher();
  const runtime: Runtime = {
    mode: 'embedded',
    publisher,
    db,
    consumerGroup: 'notifier-webhooks-test',
    transport: { strategy: new InProcessTransport(new InProcessBus(), 'notifier-webhooks-test') },
    close: () => db.close(),
  };
  const notifier = await startNotifier(config, runtime);
  return { notifier, publisher, db, close: () => notifier.close() };
}
