import { NoModelLoaded, type ChurnModel, type ModelProvider } from '../../application/ports';
import type { LoadedModel } from './model-file';

/** Where models come from: the artifact file, or the recency rule. `read` throws when there is no usable model. */
export interface ModelSource {
  /** For log lines, e.g. the file's path. */
  readonly description: string;
  read(loadedAt: Date): Promise<LoadedModel>;
}

export interface ModelLog {
  log(message: string): void;
  error(message: string): void;
}

export type ReloadOutcome =
  | { swapped: true; modelVersion: string; previousVersion?: string }
  | { swapped: false; reason: 'unchanged'; modelVersion: string }
  | { swapped: false; reason: 'rejected'; detail: string };

export interface Rejection {
  at: Date;
  detail: string;
}

/**
 * Holds the model the scorer serves and swaps in a new one without a restart. The swap is one reference
 * assignment between two requests: each request reads current() once and finishes on the model it got, so none
 * fails and none mixes two models. A candidate that cannot be read, parsed or validated is rejected with a log
 * line naming the problem, and the serving model stays.
 */
export class ReloadableModelProvider implements ModelProvider {
  private serving?: LoadedModel;
  private readonly listeners = new Set<(model: ChurnModel | undefined) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private rejection?: Rejection;

  constructor(
    private readonly source: ModelSource,
    private readonly log: ModelLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  current(): ChurnModel {
    if (!this.serving) throw new NoModelLoaded();
    return this.serving.model;
  }

  subscribe(listener: (model: ChurnModel | undefined) => void): () => void {
    this.listeners.add(listener);
    listener(this.serving?.model);
    return () => this.listeners.delete(listener);
  }

  /** The last candidate refused since the last successful swap, if any. */
  get lastRejection(): Rejection | undefined {
    return this.rejection;
  }

  /** The first load, at start-up: unlike reload, a bad source throws, so the service never starts without a model. */
  async load(): Promise<ChurnModel> {
    const loaded = await this.source.read(this.clock());
    this.swapTo(loaded);
    return loaded.model;
  }

  /** Reads the source again. Reloads run one at a time, in the order asked: two triggers never race to swap. */
  reload(trigger: string): Promise<ReloadOutcome> {
    const outcome = this.queue.then(() => this.reloadNow(trigger));
    this.queue = outcome.catch(() => undefined);
    return outcome;
  }

  private async reloadNow(trigger: string): Promise<ReloadOutcome> {
    const previous = this.serving;
    let candidate: LoadedModel;
    try {
      candidate = await this.source.read(this.clock());
    } catch (error) {
      const detail = (error as Error).message;
      this.rejection = { at: this.clock(), detail };
      this.log.error(`rejected the new model (${trigger}), still serving ${previous?.model.modelVersion ?? 'none'}: ${detail}`);
      return { swapped: false, reason: 'rejected', detail };
    }
    if (previous?.sha256 !== undefined && candidate.sha256 === previous.sha256) {
      return { swapped: false, reason: 'unchanged', modelVersion: previous.model.modelVersion };
    }
    this.swapTo(candidate);
    this.log.log(`now serving model ${candidate.model.modelVersion} (was ${previous?.model.modelVersion ?? 'none'}) from ${this.source.description}, after ${trigger}`);
    return { swapped: true, modelVersion: candidate.model.modelVersion, previousVersion: previous?.model.modelVersion };
  }

  private swapTo(loaded: LoadedModel): void {
    this.serving = loaded;
    this.rejection = undefined;
    for (const listener of this.listeners) listener(loaded.model);
  }
}
