import type { ZodType } from 'zod';
import { InvalidEvent } from './invalid-event';

/** Parses untrusted input against a schema; an `InvalidEvent` names every bad field. */
export function decodeWith<T>(eventName: string, schema: ZodType<T, any, any>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw InvalidEvent.fromZod(eventName, result.error);
  return result.data;
}

/** Kafka values arrive as bytes; anything that is not JSON is poison, never retryable. */
export function parseJson(eventName: string, bytes: Buffer | string): unknown {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidEvent(eventName, [`(root): not JSON (${(error as Error).message})`]);
  }
}
