import { z } from 'zod';

/** A message a consumer gave up on, kept whole so it can be inspected and replayed. */
export const deadLetterSchema = z.object({
  originalTopic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  key: z.string().nullable(),
  headers: z.record(z.string()),
  /** The original value, byte for byte, as base64 (poison is often not valid UTF-8). */
  valueBase64: z.string(),
  reason: z.string(),
  errorCode: z.string(),
  attempts: z.number().int().positive(),
  consumerGroup: z.string(),
  failedAt: z.string().datetime(),
});

export type DeadLetter = z.infer<typeof deadLetterSchema>;
