import { deriveEventId, type CustomerUpdated } from '@syncengage/contracts';
import type { SourceRecord } from '../application/crm-connector';
import { cleanProfile } from './clean-profile';
import { customerChange } from './customer-change';

/**
 * Event ids come from the record, so reading a page again after a crash republishes the same ids and
 * downstream drops the copies. A customer's id includes its version (each change is news); an order's does
 * not (an edited order is still one purchase).
 */
export function toSyncEvent(provider: string, record: SourceRecord): CustomerUpdated {
  if (record.kind === 'order') {
    return customerChange({
      eventId: deriveEventId(`${provider}:order:${record.id}`, 'purchase_made'),
      occurredAt: record.updatedAt,
      customerId: record.customerId,
      source: provider,
      change: 'purchase_made',
      purchase: { orderId: record.id, amountCents: record.amountCents, currency: record.currency, orderedAt: record.orderedAt },
      attributes: record.attributes,
    });
  }
  const eventId = deriveEventId(`${provider}:customer:${record.id}:${record.updatedAt}`, 'customer-updated');
  const { profile, dropped } = cleanProfile(record.profile);
  const attributes = dropped.length ? { ...record.attributes, invalidProfileFields: dropped } : record.attributes;
  return customerChange({ eventId, occurredAt: record.updatedAt, customerId: record.id, source: provider, change: 'profile_updated', profile, attributes });
}
