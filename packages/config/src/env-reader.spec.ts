import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';

describe('EnvReader', () => {
  it('falls back to defaults when variables are unset or blank', () => {
    const read = new EnvReader({ PORT: '  ' });
    expect(read.int('PORT', { default: 3000 })).toBe(3000);
    expect(read.bool('ENABLE_SMS', { default: false })).toBe(false);
    expect(read.list('KAFKA_BROKERS', { default: [] })).toEqual([]);
    expect(() => read.throwIfInvalid('svc')).not.toThrow();
  });

  it('reads typed values', () => {
    const read = new EnvReader({ PORT: '8080', ENABLE_SMS: 'yes', KAFKA_BROKERS: 'a:1, b:2,', RATE: '0.25' });
    expect(read.int('PORT', { default: 1 })).toBe(8080);
    expect(read.bool('ENABLE_SMS', { default: false })).toBe(true);
    expect(read.list('KAFKA_BROKERS', { default: [] })).toEqual(['a:1', 'b:2']);
    expect(read.number('RATE', { default: 0, min: 0, max: 1 })).toBe(0.25);
  });

  it('names every bad variable, what it expected and what it found, in one error', () => {
    const read = new EnvReader({
      PORT: 'eighty',
      ENABLE_SMS: 'maybe',
      DATABASE_URL: 'mysql://root:hunter2@db/x',
      SYNCENGAGE_CRM_PROVIDER: 'excel',
    });
    read.int('PORT', { default: 1, min: 1 });
    read.bool('ENABLE_SMS', { default: false });
    read.url('DATABASE_URL', { protocols: ['postgres', 'postgresql'] });
    read.oneOf('SYNCENGAGE_CRM_PROVIDER', ['hubspot', 'salesforce'] as const, { default: undefined });
    let error: unknown;
    try {
      read.throwIfInvalid('ingest');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('ingest config is invalid');
    expect(message).toContain('PORT must be an integer >= 1, got "eighty"');
    expect(message).toContain('ENABLE_SMS must be true or false, got "maybe"');
    expect(message).toContain('SYNCENGAGE_CRM_PROVIDER must be one of hubspot, salesforce, got "excel"');
    expect(message).toContain('DATABASE_URL must be a postgres or postgresql URL');
    expect(message).not.toContain('hunter2');
  });
});
