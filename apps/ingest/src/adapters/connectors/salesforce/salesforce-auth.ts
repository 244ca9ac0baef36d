import { Connection, OAuth2, type TokenResponse } from 'jsforce';

/**
 * The three ways a Salesforce org lets ingest in. The OAuth flows get a new access token whenever Salesforce
 * says the current one expired (401 INVALID_SESSION_ID); a bare access token cannot be renewed.
 */
export type SalesforceAuth =
  /** A connected app's refresh token (OAuth 2.0 web-server flow done once by a person). `accessToken` may seed the first calls. */
  | { flow: 'refresh-token'; loginUrl: string; clientId: string; clientSecret?: string; refreshToken: string; instanceUrl?: string; accessToken?: string }
  /** A connected app with the client-credentials flow enabled and a run-as user; `loginUrl` must be the org's My Domain. */
  | { flow: 'client-credentials'; loginUrl: string; clientId: string; clientSecret: string }
  | { flow: 'access-token'; instanceUrl: string; accessToken: string };

export interface SalesforceSession {
  connection: Connection;
  /** Gets a token when there is none yet (a flow without a seed token starts without one). */
  ensureToken(): Promise<void>;
}

export function openSalesforceSession(auth: SalesforceAuth, apiVersion: string): SalesforceSession {
  if (auth.flow === 'access-token') {
    const connection = new Connection({ instanceUrl: auth.instanceUrl, accessToken: auth.accessToken, version: apiVersion });
    return { connection, ensureToken: async () => undefined };
  }
  const oauth2 = new OAuth2({ loginUrl: auth.loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret });
  const requestToken = (): Promise<TokenResponse> =>
    auth.flow === 'refresh-token' ? oauth2.refreshToken(auth.refreshToken) : oauth2.requestToken({ grant_type: 'client_credentials' });
  const apply = (token: TokenResponse) => {
    connection.instanceUrl = token.instance_url;
    connection.accessToken = token.access_token;
  };
  // jsforce calls this on a 401 and then repeats the request; the client-credentials flow has no refresh token,
  // so renewing means asking for a new token the same way.
  const connection = new Connection({
    oauth2,
    version: apiVersion,
    ...(auth.flow === 'refresh-token' && auth.accessToken && auth.instanceUrl ? { instanceUrl: auth.instanceUrl, accessToken: auth.accessToken } : {}),
    refreshFn: (_conn, callback) => {
      requestToken().then(
        (token) => {
          apply(token);
          callback(null, token.access_token, token);
        },
        (error: Error) => callback(error),
      );
    },
  });
  let pending: Promise<void> | undefined;
  const ensureToken = () => {
    if (connection.accessToken) return Promise.resolve();
    pending ??= requestToken().then(apply).finally(() => (pending = undefined));
    return pending;
  };
  return { connection, ensureToken };
}
