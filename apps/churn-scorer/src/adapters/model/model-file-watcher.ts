import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export interface ModelFileWatchOptions {
  path: string;
  /** How often to stat the file besides listening for events; 0 relies on events alone. */
  pollIntervalMs: number;
  /** How long the file must stay unchanged before it is read, so a file still being written is not. */
  settleMs: number;
}

/**
 * Calls `onSettled` once the model file has changed and then stayed unchanged for `settleMs`. It watches the
 * directory, not the file: replacing a file by rename (what careful writers and Kubernetes ConfigMaps do) gives
 * the path a new inode that a watch on the old one never hears of. It also polls stat(), because inotify is
 * silent on network file systems and some bind mounts; a change is whatever alters inode, size or times, so both
 * routes notice the same thing and a change is reported once, whichever sees it first.
 */
export class ModelFileWatcher {
  private seen?: string;
  private pending?: string;
  private settleTimer?: NodeJS.Timeout;
  private pollTimer?: NodeJS.Timeout;
  private watcher?: FSWatcher;
  private stopped = false;

  constructor(
    private readonly options: ModelFileWatchOptions,
    private readonly onSettled: () => void,
    private readonly onWatchError: (error: Error) => void,
  ) {}

  async start(): Promise<void> {
    this.seen = await signatureOf(this.options.path);
    const name = basename(this.options.path);
    try {
      // persistent: false and unref(): watching must never be what keeps the process alive. Names starting
      // with '..' are a ConfigMap's timestamped directories and its `..data` link.
      this.watcher = watch(dirname(this.options.path), { persistent: false }, (_event, filename) => {
        if (!filename || filename === name || filename.startsWith('..')) void this.check();
      });
      this.watcher.on('error', (error) => this.onWatchError(error));
    } catch (error) {
      // e.g. ENOSPC when the host's inotify watches are used up: polling still works.
      this.onWatchError(error as Error);
    }
    if (this.options.pollIntervalMs > 0) {
      this.pollTimer = setInterval(() => void this.check(), this.options.pollIntervalMs);
      this.pollTimer.unref();
    }
  }

  stop(): void {
    this.stopped = true;
    this.watcher?.close();
    clearInterval(this.pollTimer);
    clearTimeout(this.settleTimer);
  }

  private async check(): Promise<void> {
    const signature = await signatureOf(this.options.path);
    if (this.stopped || signature === this.pending) return;
    clearTimeout(this.settleTimer);
    // Missing (mid-replace, or deleted) or back to what was last read: nothing new to load.
    if (signature === undefined || signature === this.seen) {
      this.pending = undefined;
      return;
    }
    this.pending = signature;
    this.settleTimer = setTimeout(() => void this.settle(signature), this.options.settleMs);
    this.settleTimer.unref();
  }

  private async settle(expected: string): Promise<void> {
    const signature = await signatureOf(this.options.path);
    if (this.stopped) return;
    this.pending = undefined;
    if (signature !== expected) {
      void this.check();
      return;
    }
    this.seen = signature;
    this.onSettled();
  }
}

/** stat() follows symlinks, so a ConfigMap's `..data` link flipping to a new directory changes the signature too. */
async function signatureOf(path: string): Promise<string | undefined> {
  try {
    const stats = await stat(path, { bigint: true });
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  } catch {
    return undefined;
  }
}
