import type { SourceRecord } from '../../../application/crm-connector';
import { CUSTOM_FIELD, soqlDateTime, type SalesforceObject } from './salesforce-soql';

/** A Contact or Lead as the REST query API returns it. */
export type SalesforceRow = { Id: string; SystemModstamp: string } & Record<string, unknown>;

/** Salesforce writes offsets as `+0000`; ISO-8601 (and every JS engine) wants `+00:00`. */
export const modifiedAt = (row: SalesforceRow): Date => new Date(row.SystemModstamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

/** The second a row was modified in, as a SOQL literal: the unit the incremental query filters by. */
export const modifiedSecond = (row: SalesforceRow): string => soqlDateTime(modifiedAt(row));

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * A Contact or Lead as a customer. Ids are Salesforce's 18-character ids, unique across objects. Country is free
 * text unless the org enabled country picklists: only a two-letter code fits the profile, anything else is kept.
 * An opt-out is a clear "no" for email; its absence is not a "yes".
 */
export function toCustomerRecord(object: SalesforceObject, row: SalesforceRow, customFields: readonly string[]): SourceRecord {
  const country = text(object === 'Lead' ? row.Country : row.MailingCountry)?.trim();
  const isCountryCode = !!country && /^[A-Za-z]{2}$/.test(country);
  const attributes: Record<string, unknown> = { salesforceObject: object };
  if (text(row.LeadSource)) attributes.leadSource = row.LeadSource;
  if (text(row.Status)) attributes.leadStatus = row.Status;
  if (text(row.Company)) attributes.company = row.Company;
  if (country && !isCountryCode) attributes.country = country;
  for (const spec of customFields) {
    const match = CUSTOM_FIELD.exec(spec);
    if (match && (!match[1] || match[1] === object) && row[match[2]] !== undefined && row[match[2]] !== null) attributes[match[2]] = row[match[2]];
  }
  return {
    kind: 'customer',
    id: row.Id,
    updatedAt: modifiedAt(row).toISOString(),
    profile: {
      email: text(row.Email),
      firstName: text(row.FirstName),
      lastName: text(row.LastName),
      phone: text(row.MobilePhone) ?? text(row.Phone),
      country: isCountryCode ? country.toUpperCase() : undefined,
      emailConsent: row.HasOptedOutOfEmail === true ? false : undefined,
    },
    attributes,
  };
}
