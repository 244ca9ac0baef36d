import type * as grpc from '@grpc/grpc-js';
import type { ScoreBatchResult, ScoreRequest } from '@syncengage/contracts';
import type { ScoreOnDemand } from '../../application/score-on-demand';
import { isAboutTheRequest, toScoreResponse, toStatus } from './grpc-messages';

/** Scoring never rejects: a request's own error becomes its result, anything else ends the call when its turn comes. */
type Outcome = { result: ScoreBatchResult } | { failure: unknown };

/**
 * One ScoreBatch call. Up to `window` requests are scored at once (a customer id costs a database round trip,
 * so one at a time would be no faster than unary calls) and results are written strictly in request order.
 * Reading pauses while the window is full or the client is not taking results, so a client that only sends
 * cannot make the server buffer without bound. Once the call is cancelled or its deadline passes, nothing more
 * is scored or written.
 */
export class ScoreBatchCall {
  readonly done: Promise<void>;
  private readonly queue: Promise<Outcome>[] = [];
  private received = 0;
  private hasInputEnded = false;
  private isFinished = false;
  private isWriting = false;
  private resolveDone!: () => void;

  constructor(
    private readonly call: grpc.ServerDuplexStream<ScoreRequest, ScoreBatchResult>,
    private readonly scoreOnDemand: ScoreOnDemand,
    private readonly window: number,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    call.on('data', (request: ScoreRequest) => this.accept(request));
    call.on('end', () => {
      this.hasInputEnded = true;
      void this.writeInOrder();
    });
    call.on('drain', () => this.regulate());
    // The client went away or the deadline passed: grpc-js has already sent CANCELLED or DEADLINE_EXCEEDED.
    call.on('cancelled', () => this.finish());
  }

  private accept(request: ScoreRequest): void {
    if (this.isFinished) return;
    this.queue.push(this.scoreOne(this.received++, request));
    this.regulate();
    void this.writeInOrder();
  }

  private async scoreOne(index: number, request: ScoreRequest): Promise<Outcome> {
    try {
      return { result: { index, score: toScoreResponse(await this.scoreOnDemand.execute(request)) } };
    } catch (error) {
      if (!isAboutTheRequest(error)) return { failure: error };
      const { code, details } = toStatus(error);
      return { result: { index, error: { code, message: details } } };
    }
  }

  /** One writer at a time, always waiting on the oldest request: the order out is the order in. */
  private async writeInOrder(): Promise<void> {
    if (this.isWriting) return;
    this.isWriting = true;
    try {
      while (!this.isFinished && this.queue.length > 0) {
        const outcome = await this.queue[0];
        if (this.isFinished) return;
        this.queue.shift();
        if ('failure' in outcome) return this.fail(outcome.failure);
        this.call.write(outcome.result);
        this.regulate();
      }
      if (!this.isFinished && this.hasInputEnded) {
        this.finish();
        this.call.end();
      }
    } finally {
      this.isWriting = false;
    }
  }

  private regulate(): void {
    if (this.isFinished) return;
    if (this.queue.length >= this.window || this.call.writableNeedDrain) this.call.pause();
    else this.call.resume();
  }

  /** A failure of the service, not of one request: the results already written stand, then the status ends the call. */
  private fail(error: unknown): void {
    this.finish();
    this.call.emit('error', toStatus(error));
  }

  private finish(): void {
    if (this.isFinished) return;
    this.isFinished = true;
    this.resolveDone();
  }
}
