import { createHmac, timingSafeEqual } from 'node:crypto';
import { checkTimestamp, type SignatureCheck } from '../../../domain/signed-timestamp';

export const HUBSPOT_SIGNATURE_HEADER = 'x-hubspot-signature-v3';
export const HUBSPOT_TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';

export interface HubSpotRequest {
  method: string;
  /** The full URL HubSpot called, with scheme and host, as configured in the app's webhook settings. */
  uri: string;
  rawBody: string;
  signature: string | undefined;
  /** Milliseconds since the epoch. */
  timestamp: string | undefined;
}

/** HubSpot decodes these before signing the URI; every other percent-escape stays as sent. */
const DECODED_IN_URI: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

/**
 * HubSpot's v3 request signature: base64 of HMAC-SHA256 under the app's client secret over
 * method + URI + body + timestamp; requests older than the tolerance (HubSpot says 5 minutes) are refused.
 */
export function verifyHubSpotV3(clientSecret: string, request: HubSpotRequest, now: Date, toleranceSeconds: number): SignatureCheck {
  if (!request.signature) return { valid: false, reason: `missing ${HUBSPOT_SIGNATURE_HEADER} header` };
  if (!request.timestamp || !/^\d{1,15}$/.test(request.timestamp.trim())) {
    return { valid: false, reason: `${HUBSPOT_TIMESTAMP_HEADER} must be milliseconds since the epoch` };
  }
  const expected = Buffer.from(signHubSpotV3(clientSecret, { ...request, timestamp: request.timestamp.trim() }), 'base64');
  const given = Buffer.from(request.signature.trim(), 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'signature does not match the request' };
  return checkTimestamp(Number(request.timestamp), now, toleranceSeconds);
}

export function signHubSpotV3(clientSecret: string, request: Omit<HubSpotRequest, 'signature'>): string {
  const uri = request.uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => DECODED_IN_URI[escape.toUpperCase()]);
  return createHmac('sha256', clientSecret)
    .update(`${request.method.toUpperCase()}${uri}${request.rawBody}${request.timestamp}`, 'utf8')
    .digest('base64');
}
