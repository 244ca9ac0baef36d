import { createHmac, timingSafeEqual } from 'node:crypto';
import { checkTimestamp, type SignatureCheck } from '../../../domain/signed-timestamp';

export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';

/**
 * Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (several v1 while a secret
 * is being rolled; v0 and others are ignored), with `t` within the tolerance (Stripe's default is 300 s).
 */
export function verifyStripeSignature(secret: string, rawBody: Buffer, header: string | undefined, now: Date, toleranceSeconds: number): SignatureCheck {
  if (!header) return { valid: false, reason: `missing ${STRIPE_SIGNATURE_HEADER} header` };
  const pairs = header.split(',').map((part) => part.trim().split('='));
  const timestamp = pairs.find(([key]) => key === 't')?.[1];
  const signatures = pairs.filter(([key, value]) => key === 'v1' && /^[0-9a-f]{64}$/i.test(value ?? '')).map(([, value]) => Buffer.from(value, 'hex'));
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0) {
    return { valid: false, reason: `${STRIPE_SIGNATURE_HEADER} must look like t=<unix seconds>,v1=<64 hex digits>` };
  }
  const expected = createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${timestamp}.`), rawBody])).digest();
  if (!signatures.some((given) => timingSafeEqual(given, expected))) return { valid: false, reason: 'no v1 signature matches the body' };
  return checkTimestamp(Number(timestamp) * 1000, now, toleranceSeconds);
}
