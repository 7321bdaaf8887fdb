/**
 * A dump worker stuck in its first piece, as the real one is while it encodes a large graph (one piece of 100 MB took
 * it over a minute): it writes the pass's partial files, then blocks its thread for good on the first piece, so it
 * never reads an abort. Only terminating the thread ends it.
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { DumpOutput, ToDumpWorker } from '../../src/linked-data/dump-worker.js';

let outputs: DumpOutput[] = [];
parentPort!.on('message', (msg: ToDumpWorker) => {
  if (msg.type === 'open') outputs = msg.outputs;
  if (msg.type !== 'chunk') return;
  for (const o of outputs) writeFileSync(`${o.path}.tmp`, 'partial');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // never notified
});
