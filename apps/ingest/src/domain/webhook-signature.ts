import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-syncengage-signature';

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

/** `sha256=<hex>` of the raw body under the shared secret, compared in constant time. */
export function verifySignature(secret: string, rawBody: Buffer, header: string | undefined): SignatureCheck {
  if (!header) return { valid: false, reason: `missing ${SIGNATURE_HEADER} header` };
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return { valid: false, reason: `${SIGNATURE_HEADER} must look like sha256=<64 hex digits>` };
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(match[1], 'hex');
  return timingSafeEqual(expected, given) ? { valid: true } : { valid: false, reason: 'signature does not match the body' };
}

export function signBody(secret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
