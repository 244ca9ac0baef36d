export interface WaitForOptions {
  /** What is awaited, in words; the timeout error names it. */
  description: string;
  timeoutMs?: number;
  intervalMs?: number;
  /** Gives up early, rejecting with the signal's reason (e.g. "the broker process exited"). */
  signal?: AbortSignal;
}

export class WaitForTimeout extends Error {
  readonly code = 'WAIT_FOR_TIMEOUT';
  constructor(description: string, timeoutMs: number, lastError: unknown) {
    const detail = lastError === undefined ? 'the probe never returned a truthy value' : `last probe error: ${describeError(lastError)}`;
    super(`Timed out after ${timeoutMs} ms waiting for ${description}; ${detail}`, { cause: lastError });
  }
}

type Falsy = undefined | null | false;

/**
 * Calls `probe` until it returns a truthy value and resolves with that value. A probe that throws counts as
 * "not yet"; its last error is reported if the deadline passes. A probe still pending at the deadline is
 * abandoned, so one hung connection attempt cannot stretch the wait.
 */
export async function waitFor<T>(probe: () => Promise<T | Falsy> | T | Falsy, options: WaitForOptions): Promise<T> {
  const { description, timeoutMs = 15_000, intervalMs = 50, signal } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    signal?.throwIfAborted();
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) throw new WaitForTimeout(description, timeoutMs, lastError);
    let value: T | Falsy | typeof TIMED_OUT;
    try {
      value = await withinMs(Promise.resolve().then(probe), remainingMs, signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      lastError = error;
      value = undefined;
    }
    if (value === TIMED_OUT) throw new WaitForTimeout(description, timeoutMs, lastError);
    if (value) return value;
    await pause(Math.min(intervalMs, deadline - Date.now()), signal);
  }
}

const TIMED_OUT = Symbol('timed out');

function withinMs<T>(promise: Promise<T>, ms: number, signal: AbortSignal | undefined): Promise<T | typeof TIMED_OUT> {
  return new Promise((resolve, reject) => {
    const onAbort = () => finish(() => reject(signal!.reason));
    const timer = setTimeout(() => finish(() => resolve(TIMED_OUT)), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    function finish(settle: () => void) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    }
    promise.then(
      (value) => finish(() => resolve(value)),
      (error) => finish(() => reject(error)),
    );
  });
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return withinMs(new Promise<never>(() => undefined), Math.max(ms, 0), signal).then(() => undefined);
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
