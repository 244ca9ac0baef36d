import { ConfigError } from '@syncengage/config';
import { loadConsoleConfig } from './config';

describe('the console config', () => {
  it('reads API keys with their roles', () => {
    const config = loadConsoleConfig({ CONSOLE_API_KEYS: 'viewer-key-0123456789:viewer, admin-key-0123456789:admin' });
    expect(config.apiKeys).toEqual([{ key: 'viewer-key-0123456789', role: 'viewer' }, { key: 'admin-key-0123456789', role: 'admin' }]);
    expect(config.generatedAdminKey).toBeUndefined();
  });

  it('makes an admin key for the run when none is configured', () => {
    const config = loadConsoleConfig({});
    expect(config.generatedAdminKey).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(config.apiKeys).toEqual([{ key: config.generatedAdminKey, role: 'admin' }]);
    expect(config.httpPort).toBe(3200);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConsoleConfig({ CONSOLE_API_KEYS: 'k:root', BUDGET_TIME_ZONE: 'Mars', CONSOLE_HTTP_PORT: 'x' })).toThrow(ConfigError);
    try {
      loadConsoleConfig({ CONSOLE_API_KEYS: 'k:root', BUDGET_TIME_ZONE: 'Mars', CONSOLE_HTTP_PORT: 'x' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('CONSOLE_API_KEYS entries must be <key>:<viewer|operator|admin>');
      expect(message).toContain('BUDGET_TIME_ZONE must be an IANA time zone');
      expect(message).toContain('CONSOLE_HTTP_PORT must be an integer');
    }
  });

  it("reads the churn scorer's gRPC address and the model info cache, and refuses a URL there", () => {
    expect(loadConsoleConfig({})).toMatchObject({ churnScorerAddress: undefined, modelInfoCacheMs: 30_000 });
    expect(loadConsoleConfig({ CONSOLE_CHURN_SCORER_ADDRESS: 'churn-scorer:50051', CONSOLE_MODEL_INFO_CACHE_MS: '0' })).toMatchObject({ churnScorerAddress: 'churn-scorer:50051', modelInfoCacheMs: 0 });
    expect(() => loadConsoleConfig({ CONSOLE_CHURN_SCORER_ADDRESS: 'http://churn-scorer:50051' })).toThrow(
      new ConfigError('console', ['CONSOLE_CHURN_SCORER_ADDRESS must be host:port of the churn scorer\'s gRPC server (e.g. churn-scorer:50051), got "http://churn-scorer:50051"']),
    );
    expect(() => loadConsoleConfig({ CONSOLE_MODEL_INFO_CACHE_MS: '-1' })).toThrow(/CONSOLE_MODEL_INFO_CACHE_MS must be an integer >= 0/);
  });

  it('reads the attribution window of the uplift against the holdout, 7 days unless set', () => {
    expect(loadConsoleConfig({}).attributionDays).toBe(7);
    expect(loadConsoleConfig({ CONSOLE_ATTRIBUTION_DAYS: '14' }).attributionDays).toBe(14);
    expect(() => loadConsoleConfig({ CONSOLE_ATTRIBUTION_DAYS: '0' })).toThrow(/CONSOLE_ATTRIBUTION_DAYS must be an integer between 1 and 365, got "0"/);
  });
});
