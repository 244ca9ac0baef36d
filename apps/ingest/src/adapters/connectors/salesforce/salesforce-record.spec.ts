import { toCustomerRecord } from './salesforce-record';

describe(toCustomerRecord.name, () => {
  it('maps a Contact, reading Salesforce offsets and keeping an opt-out as a clear no', () => {
    expect(toCustomerRecord('Contact', {
      Id: '003000000000001AAA', SystemModstamp: '2026-01-01T10:00:00.000+0000', Email: 'ana@example.com', FirstName: 'Ana', LastName: 'Ruiz',
      MobilePhone: null, Phone: '+34911222333', MailingCountry: 'Spain', HasOptedOutOfEmail: true, LeadSource: 'Web', Tier__c: 'Gold', Region__c: 'EMEA',
    }, ['Tier__c', 'Lead.Region__c'])).toEqual({
      kind: 'customer', id: '003000000000001AAA', updatedAt: '2026-01-01T10:00:00.000Z',
      profile: { email: 'ana@example.com', firstName: 'Ana', lastName: 'Ruiz', phone: '+34911222333', country: undefined, emailConsent: false },
      attributes: { salesforceObject: 'Contact', leadSource: 'Web', country: 'Spain', Tier__c: 'Gold' },
    });
  });

  it('maps a Lead with its status and company, a country code into the profile, and no consent claimed', () => {
    expect(toCustomerRecord('Lead', { Id: '00Q000000000001AAA', SystemModstamp: '2026-01-01T10:00:00.000+0000', Country: 'de', HasOptedOutOfEmail: false, Status: 'Open', Company: 'Acme' }, [])).toMatchObject({
      profile: { country: 'DE', emailConsent: undefined },
      attributes: { salesforceObject: 'Lead', leadStatus: 'Open', company: 'Acme' },
    });
  });
});
