import type sgMail from '@sendgrid/mail';

export type SendGridMailService = Pick<typeof sgMail, 'send'>;

/**
 * `@sendgrid/mail` exports a process-wide singleton; each sender gets its own instances instead, so two
 * notifiers in one process (tests, the embedded mode) never share an API key or base URL.
 */
export function createSendGridMailService(apiKey: string, baseUrl?: string, timeoutMs?: number): SendGridMailService {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ClientClass = require('@sendgrid/client/src/classes/client');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const MailServiceClass = require('@sendgrid/mail/src/classes/mail-service');
  const client = new ClientClass();
  client.setApiKey(apiKey); // first: setApiKey resets the base URL
  if (baseUrl) client.setDefaultRequest('baseUrl', baseUrl);
  // Passed to axios as is; without it a hung connection would hold the customer's partition indefinitely.
  if (timeoutMs) client.setDefaultRequest('timeout', timeoutMs);
  const mail = new MailServiceClass();
  mail.setClient(client);
  return mail as SendGridMailService;
}
