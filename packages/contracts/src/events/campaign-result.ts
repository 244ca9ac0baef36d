import { z } from 'zod';
import { decodeWith } from '../decode';
import { envelopeShape } from '../envelope';
import { channels } from './message-requested';
import { suppressionSchema } from './suppression';

export const CAMPAIGN_RESULT_SCHEMA_VERSION = 1 as const;

export const deliveryStatuses = ['sent', 'failed', 'suppressed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const resultStages = ['sent', 'failed', 'suppressed', 'delivered', 'bounced', 'opened', 'clicked', 'converted', 'unsubscribed'] as const;
export type ResultStage = (typeof resultStages)[number];

/** What became of one message: the seed's CampaignResult{TriggerID, Opened, Clicked, Converted, RevenueImpact}. */
export const campaignResultSchema = z.object({
  ...envelopeShape,
  eventType: z.literal('campaign-result'),
  schemaVersion: z.literal(CAMPAIGN_RESULT_SCHEMA_VERSION),
  /** The message-requested event id (the seed's TriggerID). */
  messageId: z.string().uuid(),
  campaignId: z.string().min(1),
  campaignVersion: z.number().int().positive(),
  variant: z.string().min(1),
  channel: z.enum(channels),
  provider: z.string().min(1),
  status: z.enum(deliveryStatuses),
  /** The provider's own id for the message, for support tickets. */
  providerMessageId: z.string().optional(),
  failureReason: z.string().optional(),
  opened: z.boolean(),
  clicked: z.boolean(),
  converted: z.boolean(),
  revenueImpactCents: z.number().int(),
  /** What the discount was reserved at; the orchestrator settles or releases its budget with it. */
  discountReservedCents: z.number().int().nonnegative(),
  /**
   * Which step of the message's life this result reports. A message yields several results over time (sent, then
   * opened, clicked, converted); the boolean flags are cumulative, so the latest result says everything known.
   * Unset on results from before engagement tracking: read it as the delivery `status`.
   */
  stage: z.enum(resultStages).optional(),
  /** When each step happened, as far as known (ISO-8601). */
  sentAt: z.string().datetime({ offset: true }).optional(),
  deliveredAt: z.string().datetime({ offset: true }).optional(),
  openedAt: z.string().datetime({ offset: true }).optional(),
  clickedAt: z.string().datetime({ offset: true }).optional(),
  convertedAt: z.string().datetime({ offset: true }).optional(),
  /** Set when this result also means a channel of the customer must (or may again) be used: see suppression.ts. */
  suppression: suppressionSchema.optional(),
});

export type CampaignResult = z.infer<typeof campaignResultSchema>;

export const decodeCampaignResult = (raw: unknown): CampaignResult =>
  decodeWith('campaign-result', campaignResultSchema, raw);
