import { BadCredentials, ConnectorError } from '../../../application/connector-errors';
import type { SalesforceAuth } from './salesforce-auth';

const PROVIDER = 'salesforce';
const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'];
/** REST error codes worth another try: Salesforce is busy, not wrong. */
const TRANSIENT_CODES = ['SERVER_UNAVAILABLE', 'QUERY_TIMEOUT', 'UNABLE_TO_LOCK_ROW', 'REQUEST_RUNNING_TOO_LONG'];
/** OAuth token endpoint errors (RFC 6749) that only new credentials can fix. */
const REFUSED_GRANTS = ['invalid_grant', 'invalid_client', 'invalid_client_id', 'unauthorized_client', 'unsupported_grant_type', 'inactive_user', 'inactive_org'];

const HOW_TO_FIX: Record<SalesforceAuth['flow'], string> = {
  'refresh-token':
    'Check SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET and SALESFORCE_REFRESH_TOKEN against the connected app (a refresh token dies when it is revoked, ' +
    "when the app's refresh token policy expires it, or when the user's password changes under some policies), and that SALESFORCE_LOGIN_URL is the org's login host.",
  'client-credentials':
    "Check SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET, that the connected app has the client credentials flow enabled with a run-as user, and that SALESFORCE_LOGIN_URL is the org's My Domain URL (https://<domain>.my.salesforce.com).",
  'access-token':
    'SALESFORCE_ACCESS_TOKEN has expired or was revoked, and a bare access token cannot be renewed: set SALESFORCE_CLIENT_ID with SALESFORCE_REFRESH_TOKEN ' +
    '(or SALESFORCE_CLIENT_SECRET for the client credentials flow) so ingest renews tokens itself.',
};

/** jsforce's REST errors carry Salesforce's `errorCode` (also as `name`); token errors carry the OAuth error as `name`. */
export function translateSalesforceError(error: unknown, flow: SalesforceAuth['flow'], doing: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const failure = error as { name?: string; errorCode?: string; code?: string; message?: string };
  const code = failure.errorCode ?? failure.name ?? '';
  const message = failure.message ?? String(error);
  // jsforce wraps a failed renewal as "Unable to refresh session due to: <the token endpoint's description>".
  if (code === 'INVALID_SESSION_ID' || code === 'INVALID_AUTH_HEADER' || REFUSED_GRANTS.includes(code) || /Unable to refresh session/.test(message)) {
    return new BadCredentials(PROVIDER, `Salesforce refused the credentials while ${doing} (${code}: ${message}). ${HOW_TO_FIX[flow]}`, error);
  }
  if (code === 'INVALID_FIELD' || code === 'INVALID_TYPE' || code === 'MALFORMED_QUERY') {
    return new ConnectorError(PROVIDER, `${doing}: ${message}. Check SALESFORCE_CUSTOM_FIELDS (API names such as Loyalty_Tier__c, or Contact.Loyalty_Tier__c) and that the run-as user can read them.`, false, { cause: error });
  }
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return new ConnectorError(PROVIDER, `${doing}: the org's API request limit is used up (${message}); the next scheduled sync tries again`, false, { cause: error });
  }
  const status = /^ERROR_HTTP_(\d{3})$/.exec(code)?.[1];
  const transient = TRANSIENT_CODES.includes(code) || (status !== undefined && Number(status) >= 500) || NETWORK_CODES.includes(failure.code ?? '');
  return new ConnectorError(PROVIDER, `${doing} failed: ${code ? `${code}: ` : ''}${message}`, transient, { cause: error });
}
