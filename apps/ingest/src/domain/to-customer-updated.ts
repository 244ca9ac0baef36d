import {
  CUSTOMER_UPDATED_SCHEMA_VERSION,
  type CustomerProfile,
  type CustomerUpdated,
  type WebhookCustomerUpdated,
} from '@syncengage/contracts';

/** Partners speak snake_case and major units; our events speak camelCase and cents. */
export function toCustomerUpdated(body: WebhookCustomerUpdated, eventId: string, receivedAt: Date): CustomerUpdated {
  const data = body.data as Record<string, unknown>;
  const isPurchase = body.event === 'purchase_made' || body.event === 'purchase_refunded';
  const known = new Set(['order_id', 'amount', 'currency', 'ordered_at', ...PROFILE_FIELDS.map(([snake]) => snake)]);
  return {
    eventId,
    eventType: 'customer-updated',
    schemaVersion: CUSTOMER_UPDATED_SCHEMA_VERSION,
    occurredAt: receivedAt.toISOString(),
    customerId: body.customer_id,
    source: 'webhook',
    change: body.event,
    purchase: isPurchase
      ? {
          orderId: String(data.order_id),
          amountCents: Math.round(Number(data.amount) * 100),
          currency: String(data.currency ?? 'USD').toUpperCase(),
          orderedAt: typeof data.ordered_at === 'string' ? data.ordered_at : receivedAt.toISOString(),
        }
      : undefined,
    profile: profileFrom(data),
    attributes: Object.fromEntries(Object.entries(data).filter(([key]) => !known.has(key))),
  };
}

const PROFILE_FIELDS: Array<[string, keyof CustomerProfile]> = [
  ['email', 'email'],
  ['phone', 'phone'],
  ['first_name', 'firstName'],
  ['last_name', 'lastName'],
  ['locale', 'locale'],
  ['country', 'country'],
  ['time_zone', 'timeZone'],
  ['email_consent', 'emailConsent'],
  ['sms_consent', 'smsConsent'],
];

function profileFrom(data: Record<string, unknown>): CustomerProfile {
  const profile: Record<string, unknown> = {};
  for (const [snake, camel] of PROFILE_FIELDS) {
    if (data[snake] !== undefined) profile[camel] = data[snake];
  }
  return profile as CustomerProfile;
}
