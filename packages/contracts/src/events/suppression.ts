import { z } from 'zod';
import { channels } from './message-requested';

/** Why a channel of a customer must not be used any more (until lifted). */
export const suppressionReasons = ['unsubscribed', 'bounced', 'complained', 'stop'] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

/**
 * A change to whether one channel of one customer may be used, learnt by the notifier from a provider
 * (a hard bounce, a spam complaint, an unsubscribe link, an SMS "STOP"). It travels as the optional
 * `suppression` field of `campaign-result`, so it is ordered with the customer's other results on the same
 * key; `lifted: true` re-allows the channel (the customer subscribed again, or texted START).
 */
export const suppressionSchema = z.object({
  channel: z.enum(channels),
  reason: z.enum(suppressionReasons),
  lifted: z.boolean().optional(),
});

export type Suppression = z.infer<typeof suppressionSchema>;
