/**
 * The dump worker: encodes one dump file at a time (dump-encoding.ts) from the text pieces the HTTP thread forwards
 * from `KgStore.dump()`. A piece may ask for an acknowledgement, sent once the worker's input buffer has drained, so
 * the sender never runs more than a few MB ahead of the encoder (dump-encoder.ts is the other side).
 */
import { PassThrough } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { encodeFile } from './dump-encoding.js';

export type ToDumpWorker =
  | { type: 'open'; path: string; mediaType: string }
  | { type: 'chunk'; text: string; ack?: number }
  | { type: 'end' }
  | { type: 'abort' };

export type FromDumpWorker =
  | { type: 'ack'; ack: number }
  | { type: 'done'; bytes: number; sha256: string; sha1: string }
  | { type: 'error'; message: string };

const post = (msg: FromDumpWorker) => parentPort!.postMessage(msg);
/** The file being encoded; undefined between files and after a failure (later pieces of that file are dropped). */
let source: PassThrough | undefined;

function openFile(path: string, mediaType: string): void {
  // object mode keeps each piece a whole string (no UTF-8 sequence cut between buffers); ~4 pieces of ~1 MiB queue
  const input = new PassThrough({ objectMode: true, highWaterMark: 4 });
  source = input;
  encodeFile(input, mediaType, path).then(
    (digest) => post({ type: 'done', ...digest }),
    (e: unknown) => {
      if (source === input) source = undefined;
      post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    },
  );
}

function chunk(text: string, ack: number | undefined): void {
  const input = source;
  const drained = input ? input.write(text) : true;
  if (ack === undefined) return;
  if (drained || !input) post({ type: 'ack', ack });
  else input.once('drain', () => post({ type: 'ack', ack }));
}

parentPort!.on('message', (msg: ToDumpWorker) => {
  switch (msg.type) {
    case 'open':
      return openFile(msg.path, msg.mediaType);
    case 'chunk':
      return chunk(msg.text, msg.ack);
    case 'end':
      source?.end();
      source = undefined;
      return;
    case 'abort':
      source?.destroy(new Error('dump aborted'));
      source = undefined;
      return;
  }
});
