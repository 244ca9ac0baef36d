import { randomBytes } from 'node:crypto';
import { EnvReader, readInfrastructure, type InfrastructureSettings } from '@syncengage/config';
import { parseApiKeys, type ApiKey } from './domain/api-keys';

export interface ConsoleConfig {
  infrastructure: InfrastructureSettings;
  httpPort: number;
  apiKeys: ApiKey[];
  /** Set when CONSOLE_API_KEYS was empty: an admin key made for this run only, printed once at start. */
  generatedAdminKey?: string;
  /** The orchestrator's REST base URL, for links to the full campaign definitions (`/campaigns/:id`). */
  orchestratorUrl?: string;
  /** The same cap and day boundary the orchestrator budgets with, so spend is drawn against its line. */
  dailyBudgetCents: number;
  budgetTimeZone: string;
  /** Marks the sign-in cookie Secure (only sent over HTTPS): on behind TLS. */
  secureCookies: boolean;
}

export function loadConsoleConfig(env: NodeJS.ProcessEnv): ConsoleConfig {
  const read = new EnvReader(env);
  const parsed = parseApiKeys(read.list('CONSOLE_API_KEYS', { default: [] }));
  for (const problem of parsed.problems) read.problem(`CONSOLE_API_KEYS ${problem}`);
  const config: ConsoleConfig = {
    infrastructure: readInfrastructure(read, 'console'),
    httpPort: read.int('CONSOLE_HTTP_PORT', { default: 3200, min: 0, max: 65535 }),
    apiKeys: parsed.keys,
    orchestratorUrl: read.url('CONSOLE_ORCHESTRATOR_URL', { protocols: ['http', 'https'] })?.replace(/\/$/, ''),
    dailyBudgetCents: read.int('DAILY_DISCOUNT_BUDGET_CENTS', { default: 50_000, min: 0 }),
    budgetTimeZone: read.string('BUDGET_TIME_ZONE', { default: 'UTC' }),
    secureCookies: read.bool('CONSOLE_SECURE_COOKIES', { default: false }),
  };
  if (!isTimeZone(config.budgetTimeZone)) read.problem(`BUDGET_TIME_ZONE must be an IANA time zone like Europe/Madrid, got "${config.budgetTimeZone}"`);
  if (config.apiKeys.length === 0 && parsed.problems.length === 0) {
    config.generatedAdminKey = randomBytes(18).toString('base64url');
    config.apiKeys = [{ key: config.generatedAdminKey, role: 'admin' }];
  }
  read.throwIfInvalid('console');
  return Object.freeze(config);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
