import { changesSoql, countSoql, fieldsOf } from './salesforce-soql';

describe('the Salesforce SOQL', () => {
  const before = new Date('2026-11-26T09:00:00.750Z');

  it('adds custom fields for every object or only the one named', () => {
    expect(fieldsOf('Lead', ['Tier__c', 'Contact.Region__c'])).toContain('Tier__c');
    expect(fieldsOf('Lead', ['Tier__c', 'Contact.Region__c'])).not.toContain('Region__c');
    expect(fieldsOf('Contact', ['Tier__c', 'Contact.Region__c'])).toEqual(expect.arrayContaining(['Tier__c', 'Region__c']));
  });

  it('reads from the saved second up to a settled instant, in keyset order, leaving converted Leads out', () => {
    expect(changesSoql('Lead', [], '2026-01-01T00:00:05Z', before)).toBe(
      'SELECT Id, Email, FirstName, LastName, Phone, MobilePhone, Country, HasOptedOutOfEmail, LeadSource, Status, Company, SystemModstamp FROM Lead ' +
        'WHERE IsConverted = false AND SystemModstamp >= 2026-01-01T00:00:05Z AND SystemModstamp < 2026-11-26T09:00:00Z ORDER BY SystemModstamp, Id',
    );
    expect(changesSoql('Contact', [], undefined, before)).toMatch(/FROM Contact WHERE SystemModstamp < 2026-11-26T09:00:00Z ORDER BY SystemModstamp, Id$/);
    expect(countSoql('Lead')).toBe('SELECT COUNT() FROM Lead WHERE IsConverted = false');
  });
});
