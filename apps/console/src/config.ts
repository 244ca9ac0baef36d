import { randomBytes } from 'node:crypto';
import { EnvReader, readInfrastructure, type InfrastructureSettings } from '@syncengage/config';
import { parseApiKeys, type ApiKey } from './domain/api-keys';
import { parseGrpcAddress } from './domain/grpc-address';

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
  /** The churn scorer's gRPC host:port, for the live model's metrics (GetModelInfo); unset: the page says where they would come from. */
  churnScorerAddress?: string;
  /**
   * How long after a decision a purchase counts for it when comparing arms with the holdout: the same for every
   * arm, so sent and held-out customers are measured alike (the orchestrator's experiments default to 7 days too).
   */
  attributionDays: number;
  /** How long one GetModelInfo answer is shown before the scorer is asked again (a hot swap shows within this). */
  modelInfoCacheMs: number;
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
    churnScorerAddress: readChurnScorerAddress(read),
    modelInfoCacheMs: read.int('CONSOLE_MODEL_INFO_CACHE_MS', { default: 30_000, min: 0 }),
    attributionDays: read.int('CONSOLE_ATTRIBUTION_DAYS', { default: 7, min: 1, max: 365 }),
  };
  if (!isTimeZone(config.budgetTimeZone)) read.problem(`BUDGET_TIME_ZONE must be an IANA time zone like Europe/Madrid, got "${config.budgetTimeZone}"`);
  if (config.apiKeys.length === 0 && parsed.problems.length === 0) {
    config.generatedAdminKey = randomBytes(18).toString('base64url');
    config.apiKeys = [{ key: config.generatedAdminKey, role: 'admin' }];
  }
  read.throwIfInvalid('console');
  return Object.freeze(config);
}

function readChurnScorerAddress(read: EnvReader): string | undefined {
  const raw = read.optionalString('CONSOLE_CHURN_SCORER_ADDRESS');
  if (raw === undefined) return undefined;
  const parsed = parseGrpcAddress(raw);
  if ('problem' in parsed) read.problem(`CONSOLE_CHURN_SCORER_ADDRESS ${parsed.problem}`);
  return 'address' in parsed ? parsed.address : undefined;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
