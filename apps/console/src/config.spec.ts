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
});
