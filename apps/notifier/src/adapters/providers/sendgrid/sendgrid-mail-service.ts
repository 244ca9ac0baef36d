import type sgMail from '@sendgrid/mail';

export type SendGridMailService = Pick<typeof sgMail, 'send'>;

/**
 * `@sendgrid/mail` exports a process-wide singleton; each sender gets its own instances instead, so two
 * notifiers in one process (tests, the embedded mode) never share an API key or base URL.
 */
export function createSendGridMailService(apiKey: string, baseUrl?: string): SendGridMailService {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ClientClass = require('@sendgrid/client/src/classes/client');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const MailServiceClass = require('@sendgrid/mail/src/classes/mail-service');
  const client = new ClientClass();
  client.setApiKey(apiKey); // first: setApiKey resets the base URL
  if (baseUrl) client.setDefaultRequest('baseUrl', baseUrl);
  const mail = new MailServiceClass();
  mail.setClient(client);
  return mail as SendGridMailService;
}
