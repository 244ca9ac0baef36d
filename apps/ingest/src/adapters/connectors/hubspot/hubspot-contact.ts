import type { SourceRecord } from '../../../application/crm-connector';

/** The contact properties every sync reads; configured custom properties are added to these. */
export const STANDARD_PROPERTIES = ['email', 'firstname', 'lastname', 'phone', 'mobilephone', 'country', 'hs_language', 'lifecyclestage', 'lastmodifieddate', 'createdate'] as const;

/** HubSpot's internal property names: lower case, digits and underscores. They travel in URLs and search bodies. */
export const PROPERTY_NAME = /^[a-z0-9_]{1,100}$/;

export interface HubSpotContact {
  id: string;
  properties: Record<string, string | null | undefined>;
  updatedAt: Date | string;
}

/** When the contact last changed, in epoch ms: the order of the incremental sync. */
export function modifiedAtMs(contact: HubSpotContact): number {
  const raw = contact.properties.lastmodifieddate;
  const parsed = raw ? Date.parse(raw) : NaN;
  return Number.isNaN(parsed) ? new Date(contact.updatedAt).getTime() : parsed;
}

/**
 * A contact as a customer. The id is HubSpot's contact id, as in HubSpot's webhooks, so both paths speak of the
 * same customer. `country` is free text in HubSpot: only a two-letter code fits our profile, anything else is kept
 * in attributes rather than lost.
 */
export function toCustomerRecord(contact: HubSpotContact, customProperties: readonly string[]): SourceRecord {
  const p = contact.properties;
  const country = p.country?.trim();
  const isCountryCode = !!country && /^[A-Za-z]{2}$/.test(country);
  const attributes: Record<string, unknown> = {};
  if (p.lifecyclestage) attributes.lifecycleStage = p.lifecyclestage;
  if (country && !isCountryCode) attributes.country = country;
  for (const name of customProperties) if (p[name] !== undefined && p[name] !== null) attributes[name] = p[name];
  return {
    kind: 'customer',
    id: contact.id,
    updatedAt: new Date(modifiedAtMs(contact)).toISOString(),
    profile: {
      email: p.email ?? undefined,
      firstName: p.firstname ?? undefined,
      lastName: p.lastname ?? undefined,
      phone: p.phone || p.mobilephone || undefined,
      locale: p.hs_language ?? undefined,
      country: isCountryCode ? country.toUpperCase() : undefined,
    },
    attributes,
  };
}
