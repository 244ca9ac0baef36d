import { z } from 'zod';
import { deriveEventId, type CustomerProfile } from '@syncengage/contracts';
import { cleanProfile } from '../../../domain/clean-profile';
import { customerChange } from '../../../domain/customer-change';
import type { Delivery } from '../../../application/accept-webhook-deliveries';

export const HUBSPOT_SOURCE = 'hubspot';

/** One event of a HubSpot webhook batch (up to 100 per request). */
const numericId = z.union([z.number().int(), z.string().min(1)], { required_error: 'Required', invalid_type_error: 'must be a number or a string' });
const hubSpotEvent = z
  .object({
    eventId: numericId,
    portalId: numericId,
    occurredAt: z.number().int().positive(),
    subscriptionType: z.string().min(1),
    objectId: numericId,
    propertyName: z.string().optional(),
    propertyValue: z.unknown().optional(),
  })
  .passthrough();

export const hubSpotBatchSchema = z.array(hubSpotEvent).min(1).max(1000);
export type HubSpotEvent = z.infer<typeof hubSpotEvent>;

/** Contact properties that are part of our profile; any other property lands in attributes. */
const PROFILE_PROPERTIES: Record<string, keyof CustomerProfile> = {
  email: 'email',
  firstname: 'firstName',
  lastname: 'lastName',
  phone: 'phone',
  mobilephone: 'phone',
  hs_language: 'locale',
};

export function hubSpotDeliveries(events: readonly HubSpotEvent[]): Delivery[] {
  return events.map((event) => {
    const deliveryId = `${event.portalId}:${event.eventId}`;
    const base = {
      eventId: deriveEventId(`${HUBSPOT_SOURCE}:${deliveryId}`, 'customer-updated'),
      occurredAt: new Date(event.occurredAt).toISOString(),
      customerId: String(event.objectId),
      source: HUBSPOT_SOURCE,
    };
    if (event.subscriptionType === 'contact.creation') return { deliveryId, event: customerChange({ ...base, change: 'customer_created' }) };
    if (event.subscriptionType === 'contact.propertyChange' && event.propertyName) {
      const field = PROFILE_PROPERTIES[event.propertyName];
      const { profile, dropped } = cleanProfile(field ? { [field]: event.propertyValue } : {});
      const attributes = field && dropped.length === 0 ? {} : { [event.propertyName]: event.propertyValue ?? null };
      return { deliveryId, event: customerChange({ ...base, change: 'profile_updated', profile, attributes }) };
    }
    return { deliveryId, ignoredBecause: `${event.subscriptionType} is not mapped to an event` };
  });
}
