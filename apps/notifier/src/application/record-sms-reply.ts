import { optOutIntentOf } from '../domain/opt-out-keywords';
import type { EngagementStore } from './ports';
import type { EngagementOutcome, RecordEngagement } from './record-engagement';

export interface SmsReply {
  /** E.164, as Twilio sends it. */
  from: string;
  body: string;
  /** Twilio's MessageSid of the reply: a redelivered webhook carries the same one. */
  providerMessageId: string;
  at: string;
}

export type SmsReplyOutcome = EngagementOutcome | { state: 'not-a-keyword' } | { state: 'unknown-sender' };

/**
 * STOP and its synonyms suppress SMS for the customer; START lifts it. The customer is whoever we last texted
 * at that number, and the suppression rides on that message's campaign-result.
 */
export class RecordSmsReply {
  constructor(private readonly store: EngagementStore, private readonly recordEngagement: RecordEngagement) {}

  async execute(reply: SmsReply, traceId: string): Promise<SmsReplyOutcome> {
    const intent = optOutIntentOf(reply.body);
    if (!intent) return { state: 'not-a-keyword' };
    const messageId = await this.store.latestMessageTo(reply.from, ['sms']);
    if (!messageId) return { state: 'unknown-sender' };
    return this.recordEngagement.execute(
      {
        factId: `twilio-inbound:${reply.providerMessageId}`,
        messageId,
        at: reply.at,
        kind: intent === 'stop' ? 'unsubscribed' : 'resubscribed',
        suppression: { channel: 'sms', reason: 'stop' },
      },
      traceId,
    );
  }
}
