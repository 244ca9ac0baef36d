import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AdvanceJourneys } from '../../application/advance-journeys';

/**
 * Fires due journey timers every `intervalMs`. Every instance polls; `FOR UPDATE SKIP LOCKED` in the store gives
 * each due journey to one of them. Ticks never overlap, and shutdown waits for the running one: a transaction cut
 * off mid-step would only roll back, but a clean stop should not even cost the retry.
 */
export class JourneyPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JourneyPoller');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly journeys: AdvanceJourneys, private readonly intervalMs: number) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule(this.intervalMs));
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const fired = await this.journeys.fireDue();
      if (fired > 0) this.logger.debug(`advanced ${fired} journeys`);
    } catch (error) {
      this.logger.warn(`journey timers failed, will retry: ${(error as Error).message}`);
    }
  }
}
