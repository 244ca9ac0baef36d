import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { SqlClient } from '@syncengage/db';
import { mulberry32, type Random } from '@syncengage/seeded-random';
import { fetchWithRetry } from './fetch-with-retry';

export interface EngagementRates {
  /** Share of emails opened, 0..1; 0 turns the simulation off. */
  openRate: number;
  /** Share of opened emails clicked, 0..1. */
  clickRate: number;
}

/**
 * The local outbox sends nothing, so nobody would ever open a message and the funnel would stop at "sent". This
 * plays the recipients: at the end of each simulated day, some of the day's emails are opened and some of those
 * clicked, reported to the notifier exactly as SendGrid would — a signed Event Webhook (ECDSA P-256 over
 * timestamp + body) with our `message_id` custom arg. The notifier then attributes later purchases itself.
 */
export class SimulatedEngagement {
  /** base64 DER (SPKI): what SendGrid shows as the verification key, for SENDGRID_WEBHOOK_PUBLIC_KEY. */
  readonly publicKey: string;
  private readonly privateKey: KeyObject;
  private readonly random: Random;
  private readonly seen = new Set<string>();
  private webhookUrl?: string;
  private failed = false;

  constructor(private readonly db: SqlClient, private readonly rates: EngagementRates, seed: number, private readonly now: () => Date) {
    const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.privateKey = keys.privateKey;
    this.publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    this.random = mulberry32(seed ^ 0x5eed);
  }

  /** The notifier's `/webhooks/sendgrid`, known once it listens. */
  attach(webhookUrl: string): void {
    this.webhookUrl = webhookUrl;
  }

  async endOfDay(): Promise<{ opened: number; clicked: number }> {
    const outcome = { opened: 0, clicked: 0 };
    if (!this.webhookUrl || this.failed || this.rates.openRate <= 0) return outcome;
    const emails = await this.db.query<{ message_id: string }>("SELECT message_id FROM notifier_local_outbox WHERE channel = 'email' ORDER BY stored_at, message_id");
    const at = Math.floor(this.now().getTime() / 1000);
    const events: Array<Record<string, unknown>> = [];
    for (const { message_id: messageId } of emails.rows) {
      if (this.seen.has(messageId)) continue;
      this.seen.add(messageId);
      if (this.random() >= this.rates.openRate) continue;
      events.push({ event: 'open', message_id: messageId, timestamp: at, sg_event_id: `sim-open-${messageId}` });
      outcome.opened += 1;
      if (this.random() >= this.rates.clickRate) continue;
      events.push({ event: 'click', message_id: messageId, timestamp: at + 60, sg_event_id: `sim-click-${messageId}` });
      outcome.clicked += 1;
    }
    if (events.length > 0) await this.post(events, String(at));
    return outcome;
  }

  private async post(events: unknown[], timestamp: string): Promise<void> {
    const body = JSON.stringify(events);
    const signature = sign('sha256', Buffer.from(timestamp + body), this.privateKey).toString('base64');
    // sg_event_id de-duplicates a resent event in the notifier.
    const response = await fetchWithRetry(this.webhookUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': timestamp },
      body,
    });
    if (!response.ok) {
      // The demo goes on without engagement rather than stop the replay over it.
      this.failed = true;
      process.stderr.write(`simulated engagement turned off: the notifier answered ${response.status}: ${await response.text()}\n`);
    }
  }
}
