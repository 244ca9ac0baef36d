import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKey, Role } from '../../domain/api-keys';

export const SESSION_COOKIE = 'syncengage_console_key';

/** Finds the role of a presented key; every configured key is compared in constant time so timing reveals nothing. */
export class ApiKeyAuth {
  private readonly digests: Array<{ digest: Buffer; role: Role }>;

  constructor(keys: readonly ApiKey[]) {
    this.digests = keys.map(({ key, role }) => ({ digest: sha256(key), role }));
  }

  roleOf(presented: string | undefined): Role | undefined {
    if (!presented) return undefined;
    const digest = sha256(presented);
    let found: Role | undefined;
    for (const entry of this.digests) if (timingSafeEqual(entry.digest, digest)) found = entry.role;
    return found;
  }
}

/** `X-API-Key`, `Authorization: Bearer`, or the sign-in cookie. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && /^Bearer\s+/i.test(authorization)) return authorization.replace(/^Bearer\s+/i, '');
  const cookie = headers.cookie;
  if (typeof cookie !== 'string') return undefined;
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
