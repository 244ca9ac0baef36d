import { z } from 'zod';
import { decodeWith } from '../decode';
import { envelopeShape } from '../envelope';

export const MESSAGE_REQUESTED_SCHEMA_VERSION = 1 as const;

/**
 * `whatsapp` goes through Twilio to `recipient.phone`; `push` to the customer's stored web-push subscriptions;
 * `in_app` to the customer's inbox (both keyed by `customerId`, so they need no address here).
 */
export const channels = ['email', 'sms', 'whatsapp', 'push', 'in_app'] as const;
export type Channel = (typeof channels)[number];

export const segments = ['VIP', 'At-Risk', 'New', 'Dormant'] as const;
export type Segment = (typeof segments)[number];

export const discountSchema = z.object({
  percent: z.number().min(0).max(100),
  /** Unique per message, so a code leaked on a coupon site is traceable and single-use. */
  code: z.string().min(1).max(64),
  /** What the discount was budgeted at; reserved against the daily budget when decided. */
  reservedCents: z.number().int().nonnegative(),
});
export type Discount = z.infer<typeof discountSchema>;

/** One per decision to contact one customer. `eventId` is the message id: the notifier's idempotency key. */
export const messageRequestedSchema = z
  .object({
    ...envelopeShape,
    eventType: z.literal('message-requested'),
    schemaVersion: z.literal(MESSAGE_REQUESTED_SCHEMA_VERSION),
    campaignId: z.string().min(1),
    campaignVersion: z.number().int().positive(),
    variant: z.string().min(1),
    segment: z.enum(segments),
    channel: z.enum(channels),
    locale: z.string().min(2),
    recipient: z.object({ email: z.string().email().optional(), phone: z.string().optional() }),
    content: z.object({ subject: z.string().optional(), text: z.string().min(1), html: z.string().optional() }),
    discount: discountSchema.optional(),
    /**
     * Channels the campaign allows, in order, when `channel` fails for good (an invalid number, a hard bounce).
     * Only those with a recipient address are tried. Unset: no fallback.
     */
    fallbackChannels: z.array(z.enum(channels)).optional(),
    /** Why this customer, this variant, this channel: kept so every decision can be explained later. */
    reason: z.string().min(1),
  })
  .superRefine((message, ctx) => {
    if (message.channel === 'email' && !message.recipient.email) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['recipient', 'email'], message: 'required for the email channel' });
    }
    if ((message.channel === 'sms' || message.channel === 'whatsapp') && !message.recipient.phone) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['recipient', 'phone'], message: `required for the ${message.channel} channel` });
    }
  });

export type MessageRequested = z.infer<typeof messageRequestedSchema>;

export const decodeMessageRequested = (raw: unknown): MessageRequested =>
  decodeWith('message-requested', messageRequestedSchema, raw);
