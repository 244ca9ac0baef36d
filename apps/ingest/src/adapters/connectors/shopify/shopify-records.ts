import type { SourceRecord } from '../../../application/crm-connector';
import { decimalToCents } from '../../../domain/money';
import type { ShopifyCustomerNode, ShopifyOrderNode } from './shopify-queries';

/** "gid://shopify/Customer/207119551" → "207119551": the id the Shopify webhooks publish under too. */
export const numericIdOf = (gid: string): string => gid.slice(gid.lastIndexOf('/') + 1);

export const customerGid = (id: string): string => (id.startsWith('gid://') ? id : `gid://shopify/Customer/${id}`);
/**
 * The gid of one of our customer ids if it can be a Shopify customer's (the numeric id, or the gid itself);
 * undefined for ids from other sources, which Shopify would refuse as a malformed id rather than not find.
 */
export const shopifyCustomerGidOf = (id: string): string | undefined =>
  /^\d+$/.test(id) ? `gid://shopify/Customer/${id}` : /^gid:\/\/shopify\/Customer\/\d+$/.test(id) ? id : undefined;
export const orderGid = (id: string): string => (id.startsWith('gid://') ? id : `gid://shopify/Order/${id}`);

const subscribed = (state: string | undefined): boolean | undefined => (state === undefined ? undefined : state === 'SUBSCRIBED');

/** Total spend and tags are kept as attributes: they drive segments, and our profile schema has no place for them. */
export function customerRecord(node: ShopifyCustomerNode): SourceRecord {
  return {
    kind: 'customer',
    id: numericIdOf(node.id),
    updatedAt: new Date(node.updatedAt).toISOString(),
    profile: {
      email: node.defaultEmailAddress?.emailAddress,
      firstName: node.firstName,
      lastName: node.lastName,
      phone: node.defaultPhoneNumber?.phoneNumber,
      locale: node.locale,
      country: node.defaultAddress?.countryCodeV2,
      timeZone: node.defaultAddress?.timeZone,
      emailConsent: subscribed(node.defaultEmailAddress?.marketingState),
      smsConsent: subscribed(node.defaultPhoneNumber?.marketingState),
    },
    attributes: {
      tags: node.tags,
      totalSpentCents: decimalToCents(node.amountSpent.amount) ?? null,
      totalSpentCurrency: node.amountSpent.currencyCode,
      numberOfOrders: Number(node.numberOfOrders),
      customerSince: node.createdAt,
    },
  };
}

/**
 * Guest checkouts (no customer) cannot be attributed and become nothing. So does a cancelled order: if it
 * was published before, its purchase event had the same id (derived from the order) and a re-read would be
 * dropped downstream anyway; if not, it never was a purchase. The money back arrives as a refund webhook.
 */
export function orderRecord(node: ShopifyOrderNode): SourceRecord | undefined {
  if (!node.customer || node.cancelledAt) return undefined;
  const { amount, currencyCode } = node.totalPriceSet.shopMoney;
  return {
    kind: 'order',
    id: numericIdOf(node.id),
    customerId: numericIdOf(node.customer.id),
    amountCents: decimalToCents(amount) ?? 0,
    currency: currencyCode,
    orderedAt: new Date(node.processedAt).toISOString(),
    updatedAt: new Date(node.updatedAt).toISOString(),
    attributes: { orderName: node.name },
  };
}
