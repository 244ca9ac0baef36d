import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Absolute, symlink-free path of the java to run: JAVA_HOME's if set, else the first on PATH. */
export function resolveJavaBinary(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = env.JAVA_HOME
    ? [join(env.JAVA_HOME, 'bin', 'java')]
    : (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'java'));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate);
    } catch {
      // not this one
    }
  }
  const where = env.JAVA_HOME ? `JAVA_HOME (${env.JAVA_HOME})` : 'PATH';
  throw new Error(`No java found in ${where}; the test Kafka broker needs Java 17 or later (e.g. apt-get install openjdk-17-jre-headless)`);
}
