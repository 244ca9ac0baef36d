import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { assembleForest, growForestTree, type GrownForestTree, type PreparedTraining, type TrainedForest } from '../domain/random-forest';

const WORKER_SCRIPT = join(__dirname, 'forest-worker.js');

/** Below this many row·trees a forest grows in well under a second, less than starting threads and sharing memory costs. */
const SMALL_JOB_ROW_TREES = 2_000_000;

/** Up to 4 threads: trees are independent, but memory bandwidth stops paying off beyond a few cores. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * Grows the forest's trees on `workers` threads and assembles them in index order, so the result is identical to
 * trainForest in one thread. Stays in this thread for one worker, a small job, or when the compiled worker script
 * is missing (e.g. running from TypeScript sources).
 */
export async function trainForestInWorkers(prepared: PreparedTraining, workers: number,
  onTreeGrown?: (grownTrees: number, totalTrees: number) => void): Promise<TrainedForest> {
  const total = prepared.parameters.trees;
  const grown: GrownForestTree[] = new Array(total);
  if (workers <= 1 || total < 2 || prepared.labels.length * total < SMALL_JOB_ROW_TREES || !existsSync(WORKER_SCRIPT)) {
    for (let index = 0; index < total; index++) {
      grown[index] = growForestTree(prepared, index);
      onTreeGrown?.(index + 1, total);
      // Let the progress bar and signals through between trees.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return assembleForest(prepared, grown);
  }

  const shared = inSharedMemory(prepared);
  const pool = Array.from({ length: Math.min(workers, total) }, () => new Worker(WORKER_SCRIPT, { workerData: shared }));
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      for (const worker of pool) {
        worker.on('error', reject);
        worker.on('exit', (code) => { if (code !== 0 && done < total) reject(new Error(`forest worker stopped with exit code ${code}`)); });
        worker.on('message', (result: GrownForestTree & { index: number }) => {
          grown[result.index] = { tree: result.tree, outOfBagRows: result.outOfBagRows };
          done++;
          onTreeGrown?.(done, total);
          if (next < total) worker.postMessage(next++);
          if (done === total) resolve();
        });
        worker.postMessage(next++);
      }
    });
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return assembleForest(prepared, grown);
}

/** Copies the big arrays into SharedArrayBuffers once, so every worker reads the same memory instead of a clone. */
function inSharedMemory(prepared: PreparedTraining): PreparedTraining {
  const share = <T extends Float64Array | Uint16Array | Uint8Array>(array: T, make: (buffer: SharedArrayBuffer) => T): T => {
    const copy = make(new SharedArrayBuffer(array.byteLength));
    copy.set(array as never);
    return copy;
  };
  return {
    ...prepared,
    columns: prepared.columns.map((column) => share(column, (buffer) => new Float64Array(buffer))),
    binned: prepared.binned.map((bins) => ({ codes: share(bins.codes, (buffer) => new Uint16Array(buffer)), thresholds: bins.thresholds })),
    labels: share(prepared.labels, (buffer) => new Uint8Array(buffer)),
  };
}
