import { z } from 'zod';
import { decodeWith } from '../decode';

/**
 * A change to a customer's paid subscription (Stripe today), carried inside `customer-updated` as
 * `attributes.subscription` rather than on a topic of its own: every consumer of `customer-updated` keeps
 * working, and the scorer can read the start of a subscription-churn signal when it is ready to.
 */
export const SUBSCRIPTION_SIGNAL_ATTRIBUTE = 'subscription';

export const subscriptionChanges = ['created', 'updated', 'deleted', 'invoice_paid', 'invoice_payment_failed'] as const;
export type SubscriptionChange = (typeof subscriptionChanges)[number];

export const subscriptionSignalSchema = z.object({
  /** Who billed it: stripe. */
  provider: z.string().min(1).max(64),
  change: z.enum(subscriptionChanges),
  subscriptionId: z.string().min(1).max(128).optional(),
  /** The provider's own status word (active, past_due, canceled, ...), kept as the provider spells it. */
  status: z.string().min(1).max(64).optional(),
  cancelAtPeriodEnd: z.boolean().optional(),
  invoiceId: z.string().min(1).max(128).optional(),
  /** Minor units of `currency`: paid for invoice_paid, due for invoice_payment_failed. */
  amountCents: z.number().int().nonnegative().optional(),
  currency: z.string().length(3).optional(),
  /** When the provider says the change happened. */
  changedAt: z.string().datetime({ offset: true }),
});

export type SubscriptionSignal = z.infer<typeof subscriptionSignalSchema>;

export const decodeSubscriptionSignal = (raw: unknown): SubscriptionSignal =>
  decodeWith('subscription-signal', subscriptionSignalSchema, raw);
