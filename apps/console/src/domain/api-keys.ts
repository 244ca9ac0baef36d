export const roles = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Each role can do what the roles before it can: viewer reads aggregates, operator also customers and the pipeline, admin also rebuilds. */
export function roleAllows(held: Role, required: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(required);
}

export interface ApiKey {
  key: string;
  role: Role;
}

/** Long enough that guessing one over HTTP is hopeless. */
export const MIN_KEY_LENGTH = 16;

/** `key:role,key:role`; returns the keys and a problem per bad entry. */
export function parseApiKeys(entries: readonly string[]): { keys: ApiKey[]; problems: string[] } {
  const keys: ApiKey[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    const separator = entry.lastIndexOf(':');
    const key = entry.slice(0, separator).trim();
    const role = entry.slice(separator + 1).trim();
    if (separator < 0 || !(roles as readonly string[]).includes(role)) {
      problems.push(`entries must be <key>:<${roles.join('|')}>, got "${separator < 0 ? '(no role)' : `…:${role}`}"`);
    } else if (key.length < MIN_KEY_LENGTH) {
      problems.push(`keys must be at least ${MIN_KEY_LENGTH} characters (the ${role} key has ${key.length})`);
    } else {
      keys.push({ key, role: role as Role });
    }
  }
  return { keys, problems };
}
