import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// test/support → apps/notifier → apps → the repository root; the shared specs sit beside the repository.
const REPO_ROOT = resolve(__dirname, '../../../..');

/**
 * The absolute path of a vendor spec under ../shared/specs. A missing file fails the suite naming the path:
 * these specs are not part of a clone, and a conformance suite that skips would pass without checking anything.
 */
export function sharedSpec(relativePath: string): string {
  const path = resolve(REPO_ROOT, '../shared/specs', relativePath);
  if (!existsSync(path)) {
    throw new Error(`missing ${path}: the vendor conformance suite reads the official specs beside the repository (../shared/specs), which are not part of a clone`);
  }
  return path;
}
