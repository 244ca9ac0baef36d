/** Start-up failure that lists every bad variable at once, so one restart fixes them all. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(readonly service: string, readonly problems: string[]) {
    super(`${service} config is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
