import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { KAFKA_BROKER_DIR } from './kafka-jars';

/** Files derived from the Kafka install that make later starts faster (gitignored, safe to delete). */
export const INSTALL_CACHE_DIR = join(KAFKA_BROKER_DIR, 'run');

/** Changes whenever the java binary or any jar changes, so cached files never outlive what they came from. */
export function installFingerprint(javaBinary: string, jars: string[], ...extra: string[]): string {
  const hash = createHash('sha256');
  for (const file of [javaBinary, ...jars]) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  for (const text of extra) hash.update(`${text}\n`);
  return hash.digest('hex').slice(0, 16);
}
