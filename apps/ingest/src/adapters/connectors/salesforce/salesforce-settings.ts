import type { SalesforceAuth } from './salesforce-auth';

export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';

const isHttpUrl = (value: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/**
 * Picks the OAuth flow from the variables set, most durable first: a refresh token, then client credentials,
 * then a bare access token. `loginUrl` is SALESFORCE_LOGIN_URL as set (undefined when not).
 */
export function salesforceAuthFrom(credentials: Record<string, string | undefined>, loginUrl: string | undefined): { auth?: SalesforceAuth; problems: string[] } {
  const { SALESFORCE_INSTANCE_URL: instanceUrl, SALESFORCE_ACCESS_TOKEN: accessToken, SALESFORCE_CLIENT_ID: clientId, SALESFORCE_CLIENT_SECRET: clientSecret, SALESFORCE_REFRESH_TOKEN: refreshToken } = credentials;
  const problems: string[] = [];
  if (instanceUrl && !isHttpUrl(instanceUrl)) problems.push(`SALESFORCE_INSTANCE_URL must be a http or https URL like https://acme.my.salesforce.com, got "${instanceUrl}"`);
  if (accessToken && !instanceUrl) problems.push('SALESFORCE_INSTANCE_URL is required with SALESFORCE_ACCESS_TOKEN (the org the token belongs to)');
  if (refreshToken) {
    if (!clientId) problems.push('SALESFORCE_CLIENT_ID is required with SALESFORCE_REFRESH_TOKEN (the connected app that issued it)');
    return problems.length ? { problems } : { auth: { flow: 'refresh-token', loginUrl: loginUrl ?? DEFAULT_LOGIN_URL, clientId: clientId!, clientSecret, refreshToken, instanceUrl, accessToken }, problems };
  }
  if (clientId || clientSecret) {
    if (!clientId || !clientSecret) {
      problems.push('SALESFORCE_CLIENT_ID needs SALESFORCE_REFRESH_TOKEN (refresh-token flow) or SALESFORCE_CLIENT_SECRET (client-credentials flow); SALESFORCE_CLIENT_SECRET alone is not enough');
    } else if (!loginUrl || /\/\/(login|test)\.salesforce\.com/.test(loginUrl)) {
      problems.push(`SALESFORCE_LOGIN_URL must be the org's My Domain URL (https://<domain>.my.salesforce.com) for the client-credentials flow, got ${loginUrl ? `"${loginUrl}"` : 'nothing'}`);
    }
    return problems.length ? { problems } : { auth: { flow: 'client-credentials', loginUrl: loginUrl!, clientId: clientId!, clientSecret: clientSecret! }, problems };
  }
  if (accessToken && instanceUrl && !problems.length) return { auth: { flow: 'access-token', instanceUrl, accessToken }, problems };
  if (!accessToken) {
    problems.push(
      'SYNCENGAGE_CRM_PROVIDER=salesforce needs credentials: SALESFORCE_CLIENT_ID with SALESFORCE_REFRESH_TOKEN (refresh-token flow), ' +
        'SALESFORCE_CLIENT_ID with SALESFORCE_CLIENT_SECRET and SALESFORCE_LOGIN_URL (client-credentials flow), or SALESFORCE_INSTANCE_URL with SALESFORCE_ACCESS_TOKEN',
    );
  }
  return { problems };
}
