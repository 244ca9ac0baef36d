import { z } from 'zod';
import { customerProfileSchema } from './customer-profile';

/**
 * The body of `POST /webhook/customer-updated`, as partners send it (snake_case, amounts in major units).
 * Ingest turns it into a `customer-updated` event.
 */
const purchaseData = z.object({
  order_id: z.string().min(1).max(128),
  // Bounded so the amount in cents stays an exact integer.
  amount: z.number().nonnegative().max(1_000_000_000),
  currency: z.string().length(3).default('USD'),
  ordered_at: z.string().datetime({ offset: true }).optional(),
});

const profileData = z
  .object({
    email: customerProfileSchema.shape.email,
    phone: customerProfileSchema.shape.phone,
    first_name: customerProfileSchema.shape.firstName,
    last_name: customerProfileSchema.shape.lastName,
    locale: customerProfileSchema.shape.locale,
    country: customerProfileSchema.shape.country,
    time_zone: customerProfileSchema.shape.timeZone,
    email_consent: customerProfileSchema.shape.emailConsent,
    sms_consent: customerProfileSchema.shape.smsConsent,
  })
  .passthrough();

const customerId = z.string().min(1).max(128);

export const webhookCustomerUpdatedSchema = z.discriminatedUnion('event', [
  z.object({ customer_id: customerId, event: z.literal('purchase_made'), data: purchaseData.merge(profileData.partial()).passthrough() }),
  z.object({ customer_id: customerId, event: z.literal('purchase_refunded'), data: purchaseData.merge(profileData.partial()).passthrough() }),
  z.object({ customer_id: customerId, event: z.literal('profile_updated'), data: profileData.default({}) }),
  z.object({ customer_id: customerId, event: z.literal('customer_created'), data: profileData.default({}) }),
]);

export type WebhookCustomerUpdated = z.infer<typeof webhookCustomerUpdatedSchema>;
