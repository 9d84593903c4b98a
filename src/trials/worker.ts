/**
 * Worker thread: runs the chunks the runner sends, one at a time, and reports each
 * finished trial (for the progress bar) and each finished chunk.
 */
import { parentPort } from 'node:worker_threads';
import { type ChunkTask, runChunk } from './chunk.js';

export type WorkerMessage =
  | { readonly type: 'trial' }
  | { readonly type: 'done'; readonly result: ReturnType<typeof runChunk> }
  | { readonly type: 'error'; readonly message: string };

if (!parentPort) throw new Error('worker.ts runs as a worker thread');
const port = parentPort;
port.on('message', (task: ChunkTask) => {
  try {
    const result = runChunk(task, () => port.postMessage({ type: 'trial' } satisfies WorkerMessage));
    port.postMessage({ type: 'done', result } satisfies WorkerMessage);
  } catch (err) {
    port.postMessage({
      type: 'error',
      message: err instanceof Error ? (err.stack ?? err.message) : String(err),
    } satisfies WorkerMessage);
  }
});
