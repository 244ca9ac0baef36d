import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { PromoteWinner } from '../../application/promote-winner';

/**
 * Checks the campaigns that set `autoPromote` on a fixed interval. Every instance may run it: the promotion log's
 * claim lets only one of them publish the next version.
 */
export class PromotionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Promotion');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly promoteWinner: PromoteWinner, private readonly intervalMs: number) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.evaluate(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One evaluation at a time: a slow one is not overlapped by the next tick. */
  private async evaluate(): Promise<void> {
    if (this.running) return;
    this.running = this.promoteWinner
      .evaluateAll()
      .then((outcomes) => {
        for (const outcome of outcomes) if (outcome.promoted) this.logger.log(`promoted ${outcome.winner}: version ${outcome.fromVersion} → ${outcome.toVersion} (${outcome.reason})`);
      })
      .catch((error: Error) => this.logger.warn(`promotion check failed, will retry: ${error.message}`))
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
