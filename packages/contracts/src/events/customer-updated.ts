import { z } from 'zod';
import { decodeWith } from '../decode';
import { envelopeShape } from '../envelope';
import { customerProfileSchema } from './customer-profile';

export const CUSTOMER_UPDATED_SCHEMA_VERSION = 1 as const;

/** What happened to the customer. Purchases and refunds move the churn features; the rest only the profile. */
export const customerChanges = ['purchase_made', 'purchase_refunded', 'profile_updated', 'customer_created'] as const;
export type CustomerChange = (typeof customerChanges)[number];

export const purchaseSchema = z.object({
  orderId: z.string().min(1).max(128),
  /** Minor units (cents); refunds are positive here and `change` says which way the money went. */
  amountCents: z.number().int().nonnegative(),
  currency: z.string().length(3),
  /** When the order happened at the source, which may be earlier than when we heard of it. */
  orderedAt: z.string().datetime({ offset: true }),
});
export type Purchase = z.infer<typeof purchaseSchema>;

/** One per change to one customer, from a webhook or a CRM sync. */
export const customerUpdatedSchema = z
  .object({
    ...envelopeShape,
    eventType: z.literal('customer-updated'),
    schemaVersion: z.literal(CUSTOMER_UPDATED_SCHEMA_VERSION),
    /** Where it came from: webhook, hubspot, salesforce, postgres, shopify, simulator. */
    source: z.string().min(1).max(64),
    change: z.enum(customerChanges),
    purchase: purchaseSchema.optional(),
    profile: customerProfileSchema.default({}),
    /** Source fields we keep but do not interpret (custom CRM properties). */
    attributes: z.record(z.unknown()).default({}),
  })
  .superRefine((event, ctx) => {
    const needsPurchase = event.change === 'purchase_made' || event.change === 'purchase_refunded';
    if (needsPurchase && !event.purchase) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['purchase'], message: `required when change is ${event.change}` });
    }
  });

export type CustomerUpdated = z.infer<typeof customerUpdatedSchema>;

export const decodeCustomerUpdated = (raw: unknown): CustomerUpdated =>
  decodeWith('customer-updated', customerUpdatedSchema, raw);
