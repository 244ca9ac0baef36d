import { z } from 'zod';
import { deriveEventId, describeIssues } from '@syncengage/contracts';
import { cleanProfile } from '../../../domain/clean-profile';
import { customerChange } from '../../../domain/customer-change';
import { decimalToCents } from '../../../domain/money';
import type { Delivery } from '../../../application/accept-webhook-deliveries';

export const SHOPIFY_SOURCE = 'shopify';
export const SHOPIFY_TOPICS = ['orders/create', 'orders/paid', 'customers/create', 'customers/update', 'refunds/create'] as const;
export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

// Shopify's sample ids (820982911946154508) exceed 2^53 and lose digits in JSON.parse; the string
// admin_graphql_api_id ("gid://shopify/Order/820982911946154508") is exact, so it wins when present.
const id = z.union([z.number(), z.string().min(1)], { required_error: 'Required', invalid_type_error: 'must be a number or a string' });
const gid = z.string().regex(/^gid:\/\/shopify\/\w+\/\d+$/).optional();
export const shopifyIdOf = (value: { id: string | number; admin_graphql_api_id?: string }): string =>
  value.admin_graphql_api_id?.split('/').pop() ?? String(value.id);

const consent = z.object({ state: z.string() }).passthrough().nullish();
const customer = z
  .object({
    id,
    admin_graphql_api_id: gid,
    email: z.string().nullish(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    phone: z.string().nullish(),
    tags: z.string().nullish(),
    state: z.string().nullish(),
    email_marketing_consent: consent,
    sms_marketing_consent: consent,
    default_address: z.object({ country_code: z.string().nullish() }).passthrough().nullish(),
    created_at: z.string().datetime({ offset: true }).nullish(),
    updated_at: z.string().datetime({ offset: true }).nullish(),
  })
  .passthrough();
const order = z
  .object({
    id,
    admin_graphql_api_id: gid,
    created_at: z.string().datetime({ offset: true }),
    currency: z.string().length(3),
    total_price: z.string(),
    customer: customer.nullish(),
  })
  .passthrough();
const refund = z
  .object({
    id,
    admin_graphql_api_id: gid,
    order_id: id,
    created_at: z.string().datetime({ offset: true }),
    transactions: z.array(z.object({ kind: z.string(), status: z.string().nullish(), amount: z.string(), currency: z.string().length(3) }).passthrough()).default([]),
  })
  .passthrough();

export type ParsedShopify = { ok: true; delivery: Delivery } | { ok: false; problems: string[] };

/** Maps one Shopify webhook (one topic, one object) to the event it means for us. */
export function shopifyDelivery(topic: ShopifyTopic, webhookId: string, body: unknown, receivedAt: Date): ParsedShopify {
  if (topic === 'orders/create' || topic === 'orders/paid') {
    const parsed = order.safeParse(body);
    if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
    const orderId = shopifyIdOf(parsed.data);
    const amountCents = decimalToCents(parsed.data.total_price);
    if (amountCents === undefined) return { ok: false, problems: [`total_price: not a decimal amount, got "${parsed.data.total_price}"`] };
    if (!parsed.data.customer) return { ok: true, delivery: { deliveryId: webhookId, ignoredBecause: `order ${orderId} has no customer (guest checkout)` } };
    const customerId = shopifyIdOf(parsed.data.customer);
    return {
      ok: true,
      delivery: {
        deliveryId: webhookId,
        placedOrderId: orderId,
        // orders/create and orders/paid of one order get the same event id, so downstream counts it once.
        event: customerChange({
          eventId: deriveEventId(`${SHOPIFY_SOURCE}:order:${orderId}`, 'purchase_made'),
          occurredAt: parsed.data.created_at,
          customerId,
          source: SHOPIFY_SOURCE,
          change: 'purchase_made',
          purchase: { orderId, amountCents, currency: parsed.data.currency.toUpperCase(), orderedAt: parsed.data.created_at },
          ...profileOf(parsed.data.customer),
        }),
      },
    };
  }
  if (topic === 'refunds/create') {
    const parsed = refund.safeParse(body);
    if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
    const refunded = parsed.data.transactions.filter((t) => t.kind === 'refund' && (t.status ?? 'success') === 'success');
    const amounts = refunded.map((t) => decimalToCents(t.amount));
    if (amounts.some((cents) => cents === undefined)) return { ok: false, problems: ['transactions: an amount is not a decimal'] };
    const refundId = shopifyIdOf(parsed.data);
    const orderId = String(parsed.data.order_id);
    const { created_at: refundedAt } = parsed.data;
    return {
      ok: true,
      delivery: {
        deliveryId: webhookId,
        refundOfOrderId: orderId,
        eventFor: (customerId) =>
          customerChange({
            eventId: deriveEventId(`${SHOPIFY_SOURCE}:refund:${refundId}`, 'purchase_refunded'),
            occurredAt: refundedAt,
            customerId,
            source: SHOPIFY_SOURCE,
            change: 'purchase_refunded',
            purchase: { orderId, amountCents: amounts.reduce<number>((sum, cents) => sum + (cents ?? 0), 0), currency: (refunded[0]?.currency ?? 'USD').toUpperCase(), orderedAt: refundedAt },
            attributes: { refundId },
          }),
      },
    };
  }
  const parsed = customer.safeParse(body);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
  return {
    ok: true,
    delivery: {
      deliveryId: webhookId,
      event: customerChange({
        eventId: deriveEventId(`${SHOPIFY_SOURCE}:${webhookId}`, 'customer-updated'),
        occurredAt: parsed.data.updated_at ?? parsed.data.created_at ?? receivedAt.toISOString(),
        customerId: shopifyIdOf(parsed.data),
        source: SHOPIFY_SOURCE,
        change: topic === 'customers/create' ? 'customer_created' : 'profile_updated',
        ...profileOf(parsed.data),
      }),
    },
  };
}

type ShopifyCustomer = z.infer<typeof customer>;

export function profileOf(c: ShopifyCustomer) {
  const { profile } = cleanProfile({
    email: c.email,
    firstName: c.first_name,
    lastName: c.last_name,
    phone: c.phone,
    country: c.default_address?.country_code,
    emailConsent: c.email_marketing_consent ? c.email_marketing_consent.state === 'subscribed' : undefined,
    smsConsent: c.sms_marketing_consent ? c.sms_marketing_consent.state === 'subscribed' : undefined,
  });
  const tags = (c.tags ?? '').split(',').map((tag) => tag.trim()).filter(Boolean);
  return { profile, attributes: { tags, ...(c.state ? { state: c.state } : {}) } };
}
