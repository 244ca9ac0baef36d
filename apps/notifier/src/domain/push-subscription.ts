import type { MessageRequested } from '@syncengage/contracts';

/** A browser's PushSubscription as `subscription.toJSON()` gives it (the W3C Push API). */
export interface PushSubscriptionKeys {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const BASE64URL = /^[A-Za-z0-9_-]+=*$/;

/** Checks what a browser posts before it is stored: a bad one would fail every later send. */
export function parsePushSubscription(raw: unknown): Parsed<PushSubscriptionKeys> {
  const subscription = raw as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } } | undefined;
  if (!subscription || typeof subscription !== 'object') return { ok: false, problem: 'subscription must be an object with endpoint and keys' };
  const { endpoint, keys } = subscription;
  if (typeof endpoint !== 'string' || !isHttpUrl(endpoint)) return { ok: false, problem: 'subscription.endpoint must be an http(s) URL' };
  if (!keys || typeof keys !== 'object') return { ok: false, problem: 'subscription.keys must hold p256dh and auth' };
  // P-256 public key, uncompressed: 65 bytes; auth secret: 16 bytes (RFC 8291 §3).
  if (typeof keys.p256dh !== 'string' || !BASE64URL.test(keys.p256dh) || Buffer.from(keys.p256dh, 'base64url').length !== 65) {
    return { ok: false, problem: 'subscription.keys.p256dh must be a base64url uncompressed P-256 public key (65 bytes)' };
  }
  if (typeof keys.auth !== 'string' || !BASE64URL.test(keys.auth) || Buffer.from(keys.auth, 'base64url').length !== 16) {
    return { ok: false, problem: 'subscription.keys.auth must be a base64url 16-byte secret' };
  }
  return { ok: true, value: { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } } };
}

function isHttpUrl(value: string): boolean {
  try {
    return ['https:', 'http:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** What the service worker receives (decrypted) and shows. */
export interface PushPayload {
  messageId: string;
  campaignId: string;
  title: string;
  body: string;
}

export function pushPayloadOf(message: MessageRequested): PushPayload {
  return { messageId: message.eventId, campaignId: message.campaignId, title: message.content.subject ?? '', body: message.content.text };
}

/**
 * RFC 8030 Topic: a push service keeps only the latest undelivered message per topic, so a resend of the same
 * message id replaces, rather than joins, a copy still waiting for an offline browser. At most 32 base64url
 * characters: the message id without its dashes fits exactly.
 */
export function pushTopicOf(messageId: string): string {
  return messageId.replace(/-/g, '').slice(0, 32);
}
