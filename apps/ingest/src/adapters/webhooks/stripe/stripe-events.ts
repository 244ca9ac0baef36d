import { z } from 'zod';
import { deriveEventId, describeIssues, SUBSCRIPTION_SIGNAL_ATTRIBUTE, type SubscriptionSignal } from '@syncengage/contracts';
import { customerChange, isoFromSeconds } from '../../../domain/customer-change';
import type { Delivery } from '../../../application/accept-webhook-deliveries';

export const STRIPE_SOURCE = 'stripe';

const customerRef = z.union([z.string().min(1), z.object({ id: z.string().min(1) }).passthrough()]).nullish();
const eventShape = z
  .object({
    id: z.string().min(1),
    object: z.literal('event'),
    type: z.string().min(1),
    created: z.number().int().positive(),
    data: z.object({ object: z.object({ id: z.string().min(1), customer: customerRef }).passthrough() }),
  })
  .passthrough();

const subscription = z
  .object({ id: z.string(), status: z.string().min(1), cancel_at_period_end: z.boolean().optional() })
  .passthrough();
const invoice = z
  .object({
    id: z.string(),
    currency: z.string().length(3),
    amount_paid: z.number().int().nonnegative(),
    amount_due: z.number().int().nonnegative(),
    // Where the subscription id sits depends on the API version: top level before 2025-03-31.basil, parent after.
    subscription: z.union([z.string(), z.object({ id: z.string() }).passthrough()]).nullish(),
    parent: z.object({ subscription_details: z.object({ subscription: z.string().nullish() }).passthrough().nullish() }).passthrough().nullish(),
    status_transitions: z.object({ paid_at: z.number().int().nullish() }).passthrough().nullish(),
  })
  .passthrough();

const SUBSCRIPTION_CHANGES: Record<string, SubscriptionSignal['change']> = {
  'customer.subscription.created': 'created',
  'customer.subscription.updated': 'updated',
  'customer.subscription.deleted': 'deleted',
};

export type ParsedStripe = { ok: true; delivery: Delivery } | { ok: false; problems: string[] };

/** Subscription changes and invoices become `customer-updated` with `attributes.subscription`; a paid invoice is a purchase. */
export function stripeDelivery(body: unknown): ParsedStripe {
  const parsedEvent = eventShape.safeParse(body);
  if (!parsedEvent.success) return { ok: false, problems: describeIssues(parsedEvent.error) };
  const event = parsedEvent.data;
  const deliveryId = event.id;
  const customer = event.data.object.customer;
  const customerId = typeof customer === 'string' ? customer : customer?.id;
  const isInvoice = event.type === 'invoice.paid' || event.type === 'invoice.payment_failed';
  if (!SUBSCRIPTION_CHANGES[event.type] && !isInvoice) return { ok: true, delivery: { deliveryId, ignoredBecause: `${event.type} is not mapped to an event` } };
  if (!customerId) return { ok: true, delivery: { deliveryId, ignoredBecause: `${event.type} ${event.data.object.id} has no customer` } };
  const base = {
    eventId: deriveEventId(`${STRIPE_SOURCE}:${deliveryId}`, 'customer-updated'),
    occurredAt: isoFromSeconds(event.created),
    customerId,
    source: STRIPE_SOURCE,
  };
  if (!isInvoice) {
    const parsed = subscription.safeParse(event.data.object);
    if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error).map((problem) => `data.object.${problem}`) };
    const signal: SubscriptionSignal = {
      provider: STRIPE_SOURCE,
      change: SUBSCRIPTION_CHANGES[event.type],
      subscriptionId: parsed.data.id,
      status: parsed.data.status,
      cancelAtPeriodEnd: parsed.data.cancel_at_period_end,
      changedAt: base.occurredAt,
    };
    return { ok: true, delivery: { deliveryId, event: customerChange({ ...base, change: 'profile_updated', attributes: { [SUBSCRIPTION_SIGNAL_ATTRIBUTE]: signal } }) } };
  }
  const parsed = invoice.safeParse(event.data.object);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error).map((problem) => `data.object.${problem}`) };
  const paid = event.type === 'invoice.paid';
  const subscriptionRef = parsed.data.subscription;
  const currency = parsed.data.currency.toUpperCase();
  const amountCents = paid ? parsed.data.amount_paid : parsed.data.amount_due;
  const signal: SubscriptionSignal = {
    provider: STRIPE_SOURCE,
    change: paid ? 'invoice_paid' : 'invoice_payment_failed',
    subscriptionId: (typeof subscriptionRef === 'string' ? subscriptionRef : subscriptionRef?.id) ?? parsed.data.parent?.subscription_details?.subscription ?? undefined,
    invoiceId: parsed.data.id,
    amountCents,
    currency,
    changedAt: base.occurredAt,
  };
  const attributes = { [SUBSCRIPTION_SIGNAL_ATTRIBUTE]: signal };
  // A zero invoice (a trial) is no purchase: it would count as a visit with no spend.
  if (!paid || amountCents === 0) return { ok: true, delivery: { deliveryId, event: customerChange({ ...base, change: 'profile_updated', attributes }) } };
  const paidAt = parsed.data.status_transitions?.paid_at;
  return {
    ok: true,
    delivery: {
      deliveryId,
      event: customerChange({
        ...base,
        change: 'purchase_made',
        purchase: { orderId: parsed.data.id, amountCents, currency, orderedAt: paidAt ? isoFromSeconds(paidAt) : base.occurredAt },
        attributes,
      }),
    },
  };
}
