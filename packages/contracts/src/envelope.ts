import { z } from 'zod';

/**
 * Fields every event carries. `eventId` is the idempotency key downstream; `customerId` is also the
 * Kafka key, so one customer's events stay in order on one partition.
 */
export const envelopeShape = {
  eventId: z.string().uuid(),
  occurredAt: z.string().datetime({ offset: true }),
  customerId: z.string().min(1).max(128),
  /** The event this one was caused by, so a result can be traced back to the webhook that started it. */
  causationId: z.string().uuid().optional(),
};

/** Kafka headers every published event carries; the trace id follows one customer event through all four services. */
export const EventHeaders = {
  TraceId: 'x-trace-id',
  EventType: 'x-event-type',
  SchemaVersion: 'x-schema-version',
} as const;

export type HeaderMap = Record<string, string>;
