import { backOff } from 'exponential-backoff';
import { EventHeaders, newEventId, parseJson } from '@syncengage/contracts';
import type { ConsumedRecord } from './consumed-record';
import { deadLetterFor } from './dead-letter-message';
import type { EventPublisher } from './event-publisher';

export interface EventConsumerOptions {
  consumerGroup: string;
  /** Tries of a retryable failure before the message is dead-lettered. */
  maxAttempts: number;
  initialRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface HandlingContext {
  traceId: string;
  record: ConsumedRecord;
}

export type Outcome = { status: 'handled'; attempts: number } | { status: 'dead-lettered'; reason: string; attempts: number };

/**
 * Runs every handler and owns the choice the transport must not make: a retryable failure is retried with
 * exponential backoff and jitter up to `maxAttempts`; anything else, or the last failure, goes to the
 * topic's dead-letter topic with the original bytes and the reason, and the consumer moves on. It only
 * throws when even the dead letter cannot be written: then the offset is not committed and the transport
 * redelivers, so nothing is lost.
 */
export class EventConsumer {
  constructor(private readonly publisher: EventPublisher, private readonly options: EventConsumerOptions) {}

  async consume<T>(
    record: ConsumedRecord,
    decode: (raw: unknown) => T,
    handle: (event: T, context: HandlingContext) => Promise<unknown>,
  ): Promise<Outcome> {
    const traceId = record.headers[EventHeaders.TraceId] ?? newEventId();
    let attempts = 0;
    try {
      const event = decode(parseJson(record.topic, record.value));
      await backOff(
        async () => {
          attempts += 1;
          await handle(event, { traceId, record });
        },
        {
          numOfAttempts: this.options.maxAttempts,
          startingDelay: this.options.initialRetryDelayMs ?? 100,
          maxDelay: this.options.maxRetryDelayMs ?? 5_000,
          jitter: 'full',
          retry: (error: unknown) => isRetryable(error),
        },
      );
      return { status: 'handled', attempts };
    } catch (error) {
      const failure = { reason: describe(error), errorCode: codeOf(error), attempts: Math.max(attempts, 1) };
      const now = this.options.now?.() ?? new Date();
      await this.publisher.publishRaw(deadLetterFor(record, failure, this.options.consumerGroup, now));
      this.options.log?.(
        `dead-lettered ${record.topic}[${record.partition}]@${record.offset} after ${failure.attempts} attempt(s): ${failure.reason}`,
      );
      return { status: 'dead-lettered', reason: failure.reason, attempts: failure.attempts };
    }
  }
}

/** Our errors say whether retrying can help; unknown errors (a dropped connection) get the benefit of the doubt. */
function isRetryable(error: unknown): boolean {
  const flag = (error as { retryable?: unknown })?.retryable;
  return flag === undefined ? true : flag === true;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'HANDLER_FAILED';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
