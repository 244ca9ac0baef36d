import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureCheck } from '../../../domain/signed-timestamp';

export const SHOPIFY_HMAC_HEADER = 'x-shopify-hmac-sha256';
export const SHOPIFY_TOPIC_HEADER = 'x-shopify-topic';
/** The same on every retry of one delivery: our de-duplication key. */
export const SHOPIFY_WEBHOOK_ID_HEADER = 'x-shopify-webhook-id';

/**
 * Shopify signs the raw body with the app's client secret: base64 HMAC-SHA256. It carries no signed
 * timestamp (X-Shopify-Triggered-At is not signed and stays the same on retries for up to 48 h), so replays
 * are stopped by the webhook id alone.
 */
export function verifyShopifyHmac(secret: string, rawBody: Buffer, header: string | undefined): SignatureCheck {
  if (!header) return { valid: false, reason: `missing ${SHOPIFY_HMAC_HEADER} header` };
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(header.trim(), 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'signature does not match the body' };
  return { valid: true };
}

export function signShopifyBody(secret: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}
