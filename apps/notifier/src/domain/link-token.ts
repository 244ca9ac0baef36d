import { createHmac, timingSafeEqual } from 'node:crypto';

/** Which link of which message a tracked URL stands for. */
export interface LinkRef {
  messageId: string;
  linkIndex: number;
}

// 16 bytes of message id, 2 of link index, then 16 of HMAC-SHA256: 46 base64url characters, short enough for an
// SMS, and a guessed or edited token fails the HMAC instead of recording someone else's click.
const ID_BYTES = 16;
const INDEX_BYTES = 2;
const MAC_BYTES = 16;
const PAYLOAD_BYTES = ID_BYTES + INDEX_BYTES;

export const MAX_LINK_INDEX = 0xffff;

export function signLinkToken(ref: LinkRef, secret: string): string {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  Buffer.from(ref.messageId.replace(/-/g, ''), 'hex').copy(payload, 0);
  payload.writeUInt16BE(ref.linkIndex, ID_BYTES);
  return Buffer.concat([payload, mac(payload, secret)]).toString('base64url');
}

/** Undefined for anything we did not sign with this secret. */
export function verifyLinkToken(token: string, secret: string): LinkRef | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== PAYLOAD_BYTES + MAC_BYTES) return undefined;
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), mac(payload, secret))) return undefined;
  const hex = payload.subarray(0, ID_BYTES).toString('hex');
  const messageId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { messageId, linkIndex: payload.readUInt16BE(ID_BYTES) };
}

function mac(payload: Buffer, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, MAC_BYTES);
}
