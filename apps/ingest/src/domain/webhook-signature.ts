import { createHmac, timingSafeEqual } from 'node:crypto';
import { checkTimestamp, type SignatureCheck } from './signed-timestamp';

export type { SignatureCheck } from './signed-timestamp';

export const SIGNATURE_HEADER = 'x-syncengage-signature';
/** Unix seconds when the sender signed; part of the signed bytes, so a captured request cannot be re-dated. */
export const TIMESTAMP_HEADER = 'x-syncengage-timestamp';

export interface SignedRequest {
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
}

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` under the shared secret, compared in constant
 * time, with the timestamp within `toleranceSeconds` of `now` (the Stripe scheme, which partners know).
 */
export function verifySignature(secret: string, request: SignedRequest, now: Date, toleranceSeconds: number): SignatureCheck {
  if (!request.timestamp) return { valid: false, reason: `missing ${TIMESTAMP_HEADER} header` };
  if (!/^\d{1,12}$/.test(request.timestamp.trim())) return { valid: false, reason: `${TIMESTAMP_HEADER} must be Unix seconds` };
  if (!request.signature) return { valid: false, reason: `missing ${SIGNATURE_HEADER} header` };
  const match = /^sha256=([0-9a-f]{64})$/i.exec(request.signature.trim());
  if (!match) return { valid: false, reason: `${SIGNATURE_HEADER} must look like sha256=<64 hex digits>` };
  const timestamp = request.timestamp.trim();
  const expected = createHmac('sha256', secret).update(signedBytes(timestamp, request.rawBody)).digest();
  if (!timingSafeEqual(expected, Buffer.from(match[1], 'hex'))) return { valid: false, reason: 'signature does not match the body' };
  // Checked after the signature, so an unsigned caller learns nothing about our clock.
  return checkTimestamp(Number(timestamp) * 1000, now, toleranceSeconds);
}

/** What a partner sends in SIGNATURE_HEADER for a body signed at `timestamp` (Unix seconds). */
export function signBody(secret: string, rawBody: Buffer | string, timestamp: number | string): string {
  return `sha256=${hmacSha256Hex(secret, signedBytes(String(timestamp), rawBody))}`;
}

export function hmacSha256Hex(secret: string, bytes: Buffer | string): string {
  return createHmac('sha256', secret).update(bytes).digest('hex');
}

function signedBytes(timestamp: string, rawBody: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8')]);
}
