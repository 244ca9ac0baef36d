/** The Salesforce objects synced as customers, by stream name. */
export const SALESFORCE_STREAMS = { contacts: 'Contact', leads: 'Lead' } as const;
export type SalesforceObject = (typeof SALESFORCE_STREAMS)[keyof typeof SALESFORCE_STREAMS];
export const SALESFORCE_OBJECTS = Object.values(SALESFORCE_STREAMS);

/** Standard fields every org has on each object (no state/country picklists needed: `MailingCountry`, not `...Code`). */
const STANDARD_FIELDS: Record<SalesforceObject, readonly string[]> = {
  Contact: ['Id', 'Email', 'FirstName', 'LastName', 'Phone', 'MobilePhone', 'MailingCountry', 'HasOptedOutOfEmail', 'LeadSource', 'SystemModstamp'],
  Lead: ['Id', 'Email', 'FirstName', 'LastName', 'Phone', 'MobilePhone', 'Country', 'HasOptedOutOfEmail', 'LeadSource', 'Status', 'Company', 'SystemModstamp'],
};

/** `Field__c` for every object, or `Contact.Field__c` for one. Strict, because the names are spliced into SOQL text. */
export const CUSTOM_FIELD = /^(?:(Contact|Lead)\.)?([A-Za-z][A-Za-z0-9_]{0,38}__c)$/;

export function fieldsOf(object: SalesforceObject, customFields: readonly string[]): string[] {
  const custom = customFields.flatMap((spec) => {
    const match = CUSTOM_FIELD.exec(spec);
    return match && (!match[1] || match[1] === object) ? [match[2]] : [];
  });
  return [...new Set([...STANDARD_FIELDS[object], ...custom])];
}

/** A SOQL dateTime literal: unquoted, to the second (the documented formats have no fraction). */
export const soqlDateTime = (at: Date): string => `${at.toISOString().slice(0, 19)}Z`;

/**
 * Every record modified at or after `fromSecond` and before `before`, in (SystemModstamp, Id) order. Records of
 * the first second that were already published are dropped by the caller; a converted Lead lives on as a Contact.
 */
export function changesSoql(object: SalesforceObject, customFields: readonly string[], fromSecond: string | undefined, before: Date): string {
  const conditions = [
    ...(object === 'Lead' ? ['IsConverted = false'] : []),
    ...(fromSecond ? [`SystemModstamp >= ${fromSecond}`] : []),
    `SystemModstamp < ${soqlDateTime(before)}`,
  ];
  return `SELECT ${fieldsOf(object, customFields).join(', ')} FROM ${object} WHERE ${conditions.join(' AND ')} ORDER BY SystemModstamp, Id`;
}

export const countSoql = (object: SalesforceObject): string => `SELECT COUNT() FROM ${object}${object === 'Lead' ? ' WHERE IsConverted = false' : ''}`;
