import { deadLetterTopicOf, type DeadLetter } from '@syncengage/contracts';
import type { ConsumedRecord } from './consumed-record';
import type { OutgoingMessage } from './outgoing-message';

export interface Failure {
  reason: string;
  errorCode: string;
  attempts: number;
}

/** Keeps the original key (same partition order for replays) and the original bytes, plus why it failed. */
export function deadLetterFor(record: ConsumedRecord, failure: Failure, consumerGroup: string, failedAt: Date): OutgoingMessage {
  const letter: DeadLetter = {
    originalTopic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key,
    headers: record.headers,
    valueBase64: record.value.toString('base64'),
    reason: failure.reason,
    errorCode: failure.errorCode,
    attempts: failure.attempts,
    consumerGroup,
    failedAt: failedAt.toISOString(),
  };
  return {
    topic: deadLetterTopicOf(record.topic),
    key: record.key ?? '',
    value: Buffer.from(JSON.stringify(letter), 'utf8'),
    headers: { ...record.headers, 'x-dead-letter-reason': failure.reason.slice(0, 500), 'x-dead-letter-code': failure.errorCode },
  };
}
