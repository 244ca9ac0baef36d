import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'syncengage-kafka-';

/**
 * A fresh temporary directory for one broker, named after this process. A test run killed by a signal
 * never gets to delete its directory; the next start deletes those whose process is gone.
 */
export async function createBrokerWorkDir(): Promise<string> {
  await removeOrphanedWorkDirs();
  return mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
}

async function removeOrphanedWorkDirs(): Promise<void> {
  const entries = await readdir(tmpdir()).catch(() => [] as string[]);
  const orphans = entries.filter((entry) => {
    const ownerPid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(entry)?.[1]);
    return ownerPid > 0 && !isAlive(ownerPid);
  });
  await Promise.all(orphans.map((entry) => rm(join(tmpdir(), entry), { recursive: true, force: true })));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, but someone else's
  }
}
