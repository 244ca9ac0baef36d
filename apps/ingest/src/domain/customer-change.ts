import { CUSTOMER_UPDATED_SCHEMA_VERSION, type CustomerUpdated } from '@syncengage/contracts';

export type CustomerChangeFields = Omit<CustomerUpdated, 'eventType' | 'schemaVersion' | 'profile' | 'attributes'> &
  Partial<Pick<CustomerUpdated, 'profile' | 'attributes'>>;

/** A `customer-updated` from any source: vendors' webhooks and CRM syncs fill in what they know. */
export function customerChange(fields: CustomerChangeFields): CustomerUpdated {
  return {
    eventType: 'customer-updated',
    schemaVersion: CUSTOMER_UPDATED_SCHEMA_VERSION,
    ...fields,
    profile: fields.profile ?? {},
    attributes: fields.attributes ?? {},
  };
}

/** Vendors send Unix seconds or milliseconds; our events carry ISO-8601 UTC. */
export const isoFromSeconds = (seconds: number): string => new Date(seconds * 1000).toISOString();
