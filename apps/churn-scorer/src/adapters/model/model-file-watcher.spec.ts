import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@syncengage/testing';
import { ModelFileWatcher } from './model-file-watcher';

describe(ModelFileWatcher.name, () => {
  let directory: string;
  let path: string;
  let watcher: ModelFileWatcher;
  let reports: number;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'model-watch-'));
    path = join(directory, 'model.json');
    await writeFile(path, 'first');
    reports = 0;
    watcher = new ModelFileWatcher({ path, pollIntervalMs: 0, settleMs: 100 }, () => (reports += 1), (error) => {
      throw error;
    });
    await watcher.start();
  });

  afterEach(async () => {
    watcher.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it('reports a file written in several steps once, after it has stopped changing', async () => {
    await writeFile(path, 'sec');
    await writeFile(path, 'second, and longer');
    await writeFile(path, 'second, and longer still');
    await waitFor(() => reports === 1, { description: 'one report of the settled file' });

    await writeFile(path, 'third');
    await waitFor(() => reports === 2, { description: 'a report of the next change, and no stray one before it' });
  });

  it('notices the file replaced by rename, and not other files of its directory', async () => {
    await writeFile(join(directory, 'notes.txt'), 'not the model');
    await writeFile(`${path}.tmp`, 'replacement');
    await rename(`${path}.tmp`, path);
    await waitFor(() => reports === 1, { description: 'a report of the replaced file' });

    await writeFile(join(directory, 'notes.txt'), 'still not the model');
    await writeFile(path, 'changed again');
    await waitFor(() => reports === 2, { description: 'a report of the model file only' });
  });
});

describe(`${ModelFileWatcher.name} polling`, () => {
  it('notices a change no event reports: the path a symlink to a file in another directory', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'model-poll-'));
    await mkdir(join(directory, 'watched'));
    await mkdir(join(directory, 'elsewhere'));
    const target = join(directory, 'elsewhere', 'model.json');
    const path = join(directory, 'watched', 'model.json');
    await writeFile(target, 'first');
    await symlink(target, path);
    let reports = 0;
    const watcher = new ModelFileWatcher({ path, pollIntervalMs: 50, settleMs: 0 }, () => (reports += 1), (error) => {
      throw error;
    });
    await watcher.start();
    try {
      await writeFile(target, 'second');
      await waitFor(() => reports === 1, { description: 'polling to notice the target change' });
    } finally {
      watcher.stop();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
