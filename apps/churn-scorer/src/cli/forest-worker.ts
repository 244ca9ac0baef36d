import { parentPort, workerData } from 'node:worker_threads';
import { growForestTree, type PreparedTraining } from '../domain/random-forest';

/**
 * Worker side of forest-workers.ts: receives the prepared training data once (shared memory, no copy), then grows
 * whichever tree indices it is sent. A tree depends only on its index and the seed, so who grows it does not matter.
 */
const prepared = workerData as PreparedTraining;
const port = parentPort;
if (!port) throw new Error('forest-worker must run in a worker thread');

port.on('message', (index: number) => {
  const { tree, outOfBagRows } = growForestTree(prepared, index);
  port.postMessage({ index, tree, outOfBagRows }, [
    tree.feature.buffer, tree.threshold.buffer, tree.right.buffer, tree.value.buffer, tree.importance.buffer, outOfBagRows.buffer,
  ] as ArrayBuffer[]);
});
