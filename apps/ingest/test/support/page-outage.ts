import type { ServerResponse } from 'node:http';

/**
 * A CRM fake's scripted outage in the middle of an import: after the first `pages` page requests, every further one
 * fails or, held, gets no answer (so a test can kill the importing process there) until `repair()`.
 */
export class PageOutage {
  private served = 0;
  private after = Infinity;
  private holding = false;
  private readonly parked: ServerResponse[] = [];

  failAfter(pages: number): void {
    this.start(pages, false);
  }

  holdAfter(pages: number): void {
    this.start(pages, true);
  }

  /** Page requests received while held. */
  get held(): number {
    return this.parked.length;
  }

  /** What becomes of a page request: the caller serves it (it counts) or fails it; a held one is parked here. */
  admit(res: ServerResponse): 'serve' | 'fail' | 'held' {
    if (this.served < this.after) {
      this.served += 1;
      return 'serve';
    }
    if (!this.holding) return 'fail';
    this.parked.push(res);
    return 'held';
  }

  repair(): void {
    this.after = Infinity;
    this.holding = false;
    this.dropHeld();
  }

  /** Held requests end with a reset connection, as from a server that went away. */
  dropHeld(): void {
    this.parked.splice(0).forEach((response) => response.destroy());
  }

  private start(pages: number, holding: boolean): void {
    this.served = 0;
    this.after = pages;
    this.holding = holding;
  }
}
