import { CUSTOMER_UPDATED_SCHEMA_VERSION, deriveEventId, type CustomerProfile, type CustomerUpdated } from '@syncengage/contracts';

/** A customer kept in SyncEngage's own store, for users without a CRM (or with customers outside it). */
export interface OwnCustomer {
  id: string;
  profile: CustomerProfile;
  /** The user's own fields, passed through to every event unread. */
  attributes: Record<string, unknown>;
  /** 1 on creation, +1 on every change: with `createdAt` it makes each change's event id. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** null removes a field; an absent field stays as it is. */
export interface OwnCustomerPatch {
  profile?: { [Field in keyof CustomerProfile]?: CustomerProfile[Field] | null };
  attributes?: Record<string, unknown>;
}

export const OWN_CUSTOMER_SOURCE = 'customer-store';

export function newOwnCustomer(id: string, profile: CustomerProfile, attributes: Record<string, unknown>, at: Date): OwnCustomer {
  return { id, profile, attributes, version: 1, createdAt: at.toISOString(), updatedAt: at.toISOString() };
}

export function applyPatch(customer: OwnCustomer, patch: OwnCustomerPatch, at: Date): OwnCustomer {
  return {
    ...customer,
    profile: merged(customer.profile, patch.profile) as CustomerProfile,
    attributes: merged(customer.attributes, patch.attributes),
    version: customer.version + 1,
    updatedAt: at.toISOString(),
  };
}

function merged(current: Record<string, unknown>, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const next = { ...current, ...changes };
  for (const [field, value] of Object.entries(changes)) if (value === null) delete next[field];
  return next;
}

export type OwnCustomerChange = 'created' | 'updated' | 'erased';

/**
 * The event each change publishes, carrying the whole profile (not the difference): a consumer that missed one
 * is right again after the next. Erasure keeps the contract as it is: a `profile_updated` that withdraws both
 * consents (the orchestrator then sends nothing) with `attributes.erased: true` for consumers that forget people.
 */
export function ownCustomerEvent(customer: OwnCustomer, change: OwnCustomerChange, at: Date): CustomerUpdated {
  const version = change === 'erased' ? customer.version + 1 : customer.version;
  return {
    eventId: deriveEventId(`${OWN_CUSTOMER_SOURCE}:${customer.id}:${customer.createdAt}:${version}`, 'customer-updated'),
    eventType: 'customer-updated',
    schemaVersion: CUSTOMER_UPDATED_SCHEMA_VERSION,
    occurredAt: at.toISOString(),
    customerId: customer.id,
    source: OWN_CUSTOMER_SOURCE,
    change: change === 'created' ? 'customer_created' : 'profile_updated',
    profile: change === 'erased' ? { emailConsent: false, smsConsent: false } : customer.profile,
    attributes: change === 'erased' ? { erased: true } : customer.attributes,
  };
}
