import { createHash } from 'node:crypto';
import type { SuppressionReason } from '@syncengage/contracts';
import type { EngagementFact } from '../../domain/engagement';

/** The fields of one SendGrid event we read; our custom_args arrive as top-level keys (`message_id`). */
export interface SendGridEvent {
  event: string;
  sg_event_id?: string;
  message_id?: unknown;
  timestamp?: number;
  reason?: string;
  type?: string;
  sg_machine_open?: boolean;
}

export class MalformedWebhook extends Error {
  readonly code = 'MALFORMED_WEBHOOK';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The raw body is a JSON array of event objects, each with a string `event`. */
export function parseSendGridEvents(rawBody: Buffer): SendGridEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new MalformedWebhook('body is not JSON');
  }
  if (!Array.isArray(parsed)) throw new MalformedWebhook('body must be a JSON array of events');
  parsed.forEach((event, index) => {
    if (typeof event !== 'object' || event === null || typeof (event as { event?: unknown }).event !== 'string') {
      throw new MalformedWebhook(`[${index}].event must be a string`);
    }
  });
  return parsed as SendGridEvent[];
}

// Why SendGrid dropped a message, as it words it, and what that means for the address.
const DROP_SUPPRESSIONS: Record<string, SuppressionReason> = {
  'Bounced Address': 'bounced',
  Invalid: 'bounced',
  'Unsubscribed Address': 'unsubscribed',
  'Spam Reporting Address': 'complained',
};

/** Undefined for events that say nothing new (processed, deferred) or that are not about one of our messages. */
export function engagementFactOf(event: SendGridEvent, now: Date): EngagementFact | undefined {
  if (typeof event.message_id !== 'string' || !UUID.test(event.message_id)) return undefined;
  const base = {
    factId: `sendgrid:${event.sg_event_id ?? createHash('sha256').update(JSON.stringify(event)).digest('base64url')}`,
    messageId: event.message_id.toLowerCase(),
    at: new Date(typeof event.timestamp === 'number' ? event.timestamp * 1000 : now.getTime()).toISOString(),
  };
  const email = (reason: SuppressionReason) => ({ channel: 'email' as const, reason });
  switch (event.event) {
    case 'delivered':
      return { ...base, kind: 'delivered' };
    case 'open':
      // Apple Mail Privacy Protection opens every message on the device's behalf: not a person reading it.
      return event.sg_machine_open ? undefined : { ...base, kind: 'opened' };
    case 'click':
      return { ...base, kind: 'clicked' };
    case 'bounce':
      // `blocked` is a temporary refusal by the receiving server; only a real bounce condemns the address.
      return { ...base, kind: 'bounced', reason: event.reason ?? 'bounced', suppression: event.type === 'blocked' ? undefined : email('bounced') };
    case 'dropped': {
      const reason = event.reason ?? 'dropped';
      const suppression = DROP_SUPPRESSIONS[reason];
      return { ...base, kind: 'failed', reason: `dropped by SendGrid: ${reason}`, suppression: suppression && email(suppression) };
    }
    case 'spamreport':
      return { ...base, kind: 'unsubscribed', suppression: email('complained') };
    case 'unsubscribe':
    case 'group_unsubscribe':
      return { ...base, kind: 'unsubscribed', suppression: email('unsubscribed') };
    case 'group_resubscribe':
      return { ...base, kind: 'resubscribed', suppression: email('unsubscribed') };
    default:
      return undefined;
  }
}
