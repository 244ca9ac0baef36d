import { Logger } from '@nestjs/common';
import type { CrmConnector } from '../../application/crm-connector';
import type { SyncCrm } from '../../application/sync-crm';

/**
 * Runs the incremental sync every `intervalMs` and whenever the CRM pushes a change; one run at a time, and a
 * push during a run asks for one more run after it, so no change waits a whole interval.
 */
export class SyncScheduler {
  private readonly logger = new Logger('CrmSync');
  private timer?: NodeJS.Timeout;
  private stopWatching?: () => Promise<void>;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(private readonly connector: CrmConnector, private readonly sync: SyncCrm, private readonly intervalMs: number) {}

  async start(): Promise<void> {
    await this.connector.connect();
    if (this.connector.watch) this.stopWatching = await this.connector.watch(() => this.trigger());
    if (this.intervalMs > 0) this.timer = setInterval(() => this.trigger(), this.intervalMs);
    this.trigger();
  }

  /** Resolves when the run it started (or joined) is over. */
  trigger(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          const report = await this.sync.run('changes');
          if (report.published > 0) this.logger.log(`${this.connector.provider}: ${report.published} changes published`);
        } catch (error) {
          this.logger.error(`${this.connector.provider} sync failed, next try at the next interval or push: ${(error as Error).message}`);
        }
      } while (this.again && !this.stopped);
      this.running = undefined;
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.stopWatching?.();
    await this.running;
    await this.connector.close();
  }
}
