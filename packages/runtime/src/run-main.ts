import { ConfigError } from '@syncengage/config';

/** Every service's main: a config problem is one clear message and exit code 2, not a stack trace. */
export function runMain(name: string, main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    // Our own typed errors (they carry a code) say what to fix; a stack trace would only bury that.
    const isOurs = error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && !(error as { syscall?: unknown }).syscall;
    const detail = error instanceof Error ? (isOurs ? error.message : error.stack) : String(error);
    process.stderr.write(`${name} failed to start: ${detail}\n`);
    process.exit(1);
  });
}
