import type { Suppression } from '@syncengage/contracts';
import type { EngagementFactDetail } from '../../domain/engagement';

/** What a status callback says about a message; the message id is looked up from Twilio's SID. */
export type TwilioStatusFact = { factId: string; at: string } & EngagementFactDetail;

// Error codes that condemn the number (https://www.twilio.com/docs/api/errors): the recipient replied STOP
// earlier (21610), or the number does not exist or cannot take SMS (30005, 30006).
const ERROR_SUPPRESSIONS: Record<string, Suppression> = {
  '21610': { channel: 'sms', reason: 'stop' },
  '30005': { channel: 'sms', reason: 'bounced' },
  '30006': { channel: 'sms', reason: 'bounced' },
};

/**
 * queued, accepted, sending and sent add nothing to the send-time result; delivered, read (WhatsApp),
 * undelivered and failed do. The fact id is SID plus status: Twilio may post each status more than once.
 */
export function statusFactOf(params: Record<string, string>, now: Date): TwilioStatusFact | undefined {
  const sid = params.MessageSid;
  const status = params.MessageStatus;
  const base = { factId: `twilio-status:${sid}:${status}`, at: now.toISOString() };
  const errorCode = params.ErrorCode;
  const reason = `twilio ${status}${errorCode ? ` (error ${errorCode})` : ''}`;
  switch (status) {
    case 'delivered':
      return { ...base, kind: 'delivered' };
    case 'read':
      return { ...base, kind: 'opened' };
    case 'undelivered':
      return { ...base, kind: 'bounced', reason, suppression: errorCode ? ERROR_SUPPRESSIONS[errorCode] : undefined };
    case 'failed':
      return { ...base, kind: 'failed', reason, suppression: errorCode ? ERROR_SUPPRESSIONS[errorCode] : undefined };
    default:
      return undefined;
  }
}
