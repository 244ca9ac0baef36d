import { ConfigError } from './config-error';

type Env = Record<string, string | undefined>;

/**
 * Reads typed settings from the environment and records problems instead of throwing, so
 * `throwIfInvalid` can name every bad variable with what was expected and what was found.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  string(name: string, options: { default: string }): string {
    const raw = this.raw(name);
    return raw ?? options.default;
  }

  requiredString(name: string, why: string): string {
    const raw = this.raw(name);
    if (raw === undefined) {
      this.problems.push(`${name} is required (${why})`);
      return '';
    }
    return raw;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  /** Same as optionalString; the name says it must never be logged. */
  optionalSecret(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, options: { default: number; min?: number; max?: number }): number {
    return this.number(name, { ...options, integer: true });
  }

  number(name: string, options: { default: number; min?: number; max?: number; integer?: boolean }): number {
    const raw = this.raw(name);
    if (raw === undefined) return options.default;
    const value = Number(raw);
    const kind = options.integer ? 'an integer' : 'a number';
    const range = describeRange(options.min, options.max);
    const valid =
      raw.trim() !== '' &&
      Number.isFinite(value) &&
      (!options.integer || Number.isInteger(value)) &&
      (options.min === undefined || value >= options.min) &&
      (options.max === undefined || value <= options.max);
    if (!valid) {
      this.problems.push(`${name} must be ${kind}${range}, got "${raw}"`);
      return options.default;
    }
    return value;
  }

  bool(name: string, options: { default: boolean }): boolean {
    const raw = this.raw(name);
    if (raw === undefined) return options.default;
    const normalized = raw.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
    if (['false', '0', 'no', 'off'].includes(normalized)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return options.default;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], options: { default: T }): T;
  oneOf<T extends string>(name: string, allowed: readonly T[], options: { default?: undefined }): T | undefined;
  oneOf<T extends string>(name: string, allowed: readonly T[], options: { default?: T }): T | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return options.default;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return options.default;
  }

  /** Comma-separated list; empty entries are dropped. */
  list(name: string, options: { default: string[] }): string[] {
    const raw = this.raw(name);
    if (raw === undefined) return options.default;
    return raw.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
  }

  url(name: string, options: { protocols: string[] }): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!options.protocols.includes(parsed.protocol.replace(/:$/, ''))) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be a ${options.protocols.join(' or ')} URL, got "${redactUrl(raw)}"`);
      return undefined;
    }
  }

  /** For cross-field rules a reader cannot see alone, e.g. "SENDGRID_FROM_EMAIL is required with SENDGRID_API_KEY". */
  problem(message: string): void {
    this.problems.push(message);
  }

  throwIfInvalid(service: string): void {
    if (this.problems.length > 0) throw new ConfigError(service, this.problems);
  }

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }
}

function describeRange(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`;
  if (min !== undefined) return ` >= ${min}`;
  if (max !== undefined) return ` <= ${max}`;
  return '';
}

/** A connection string may carry a password; error messages must not. */
function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
