/**
 * The dump worker: encodes dump files (dump-encoding.ts) from the UTF-8 pieces the HTTP thread forwards (by transfer)
 * from `KgStore.dumpBytes()`, one pass at a time; a pass may write several files from the same text (N-Quads and the JSON-LD
 * made from it). A piece may ask for an acknowledgement, sent once every file's input buffer has drained, so the
 * sender never runs more than a few MB ahead of the encoder (dump-encoder.ts is the other side).
 */
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { encodeFile, type FileDigest } from './dump-encoding.js';

export interface DumpOutput {
  path: string;
  mediaType: string;
}

export type ToDumpWorker =
  | { type: 'open'; outputs: DumpOutput[] }
  /** `bytes`: UTF-8 ending at a line end (whole characters). */
  | { type: 'chunk'; bytes: Uint8Array; ack?: number }
  | { type: 'end' }
  | { type: 'abort' };

export type FromDumpWorker =
  | { type: 'ack'; ack: number }
  | { type: 'done'; digests: FileDigest[] }
  | { type: 'error'; message: string };

const post = (msg: FromDumpWorker) => parentPort!.postMessage(msg);
/**
 * The inputs of the pass being encoded, each with whether it takes text (JSON-LD, parsed from N-Quads) or the bytes
 * (gzipped as they are); undefined between passes and after a failure (later pieces are dropped).
 */
let inputs: { input: PassThrough; text: boolean }[] | undefined;

function openPass(outputs: DumpOutput[]): void {
  // object mode keeps each piece whole (a string never cut inside a character); ~2 pieces of ~4 MiB queue
  const pass = outputs.map(() => new PassThrough({ objectMode: true, highWaterMark: 2 }));
  const entries = pass.map((input, i) => ({ input, text: outputs[i]!.mediaType === 'application/ld+json' }));
  inputs = entries;
  let failure: unknown;
  const runs = outputs.map((o, i) => encodeFile(pass[i]!, o.mediaType, o.path).catch((e: unknown) => {
    failure ??= e; // the first failure stops the other files of the pass
    for (const input of pass) input.destroy(new Error('dump aborted'));
    throw e;
  }));
  void Promise.allSettled(runs).then(async (results) => {
    if (inputs === entries) inputs = undefined;
    if (failure === undefined) return post({ type: 'done', digests: results.map((r) => (r as PromiseFulfilledResult<FileDigest>).value) });
    for (const o of outputs) await rm(o.path, { force: true }); // a file of the pass that completed is not published alone
    post({ type: 'error', message: failure instanceof Error ? failure.message : String(failure) });
  });
}

function chunk(bytes: Uint8Array, ack: number | undefined): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string | undefined; // decoded once, only when an output needs text (a piece ends at a line end)
  const full = (inputs ?? []).filter((i) => !i.input.write(i.text ? (text ??= buffer.toString('utf8')) : buffer)).map((i) => i.input);
  if (ack === undefined) return;
  // a destroyed input never drains: the pass's error is reported instead of the acknowledgement
  Promise.all(full.map((input) => once(input, 'drain'))).then(() => post({ type: 'ack', ack }), () => undefined);
}

parentPort!.on('message', (msg: ToDumpWorker) => {
  switch (msg.type) {
    case 'open':
      return openPass(msg.outputs);
    case 'chunk':
      return chunk(msg.bytes, msg.ack);
    case 'end':
      for (const { input } of inputs ?? []) input.end();
      inputs = undefined;
      return;
    case 'abort':
      for (const { input } of inputs ?? []) input.destroy(new Error('dump aborted'));
      inputs = undefined;
      return;
  }
});
