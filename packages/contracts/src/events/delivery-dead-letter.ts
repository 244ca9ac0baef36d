import { z } from 'zod';
import { deadLetterSchema } from './dead-letter';
import { channels } from './message-requested';

/** One try to hand a message to a provider, as the notifier's send ledger keeps it. */
export const deliveryAttemptSchema = z.object({
  attempt: z.number().int().positive(),
  at: z.string().datetime(),
  channel: z.enum(channels),
  provider: z.string().min(1),
  outcome: z.enum(['sent', 'retryable', 'permanent', 'in-doubt']),
  /** The provider's HTTP status; 0 when none came back (refused, timed out). */
  status: z.number().int().optional(),
  detail: z.string().optional(),
});
export type DeliveryAttempt = z.infer<typeof deliveryAttemptSchema>;

/**
 * What the notifier writes to `message-requested.dead-letter` when a message still fails after its last retry:
 * a dead letter like any other (readers of deadLetterSchema keep working) plus every attempt it made.
 */
export const deliveryDeadLetterSchema = deadLetterSchema.extend({
  history: z.array(deliveryAttemptSchema),
});
export type DeliveryDeadLetter = z.infer<typeof deliveryDeadLetterSchema>;
