/**
 * The gate's validation run: in place for a small write, in a worker thread for a large one. rdf-validate-shacl runs
 * synchronously once it starts, so a bulk upload of typed nodes (thousands of press releases) would otherwise hold the
 * HTTP thread, and every reader with it, for as long as the validation takes. The data crosses as UTF-8 N-Quads
 * pieces, built in slices between which the event loop runs, and transferred rather than copied.
 */
import type { Quad } from '@rdfjs/types';
import { Worker } from 'node:worker_threads';
import { inSlices } from '../store/slices.js';
import { toNQuads } from '../store/terms.js';
import { shapesForClasses } from './shapes.js';
import { validate, type ValidationOutcome } from './validate.js';
import type { ValidateJob, ValidateReply } from './validate-worker.js';

export interface FocusValidation {
  /** Only results about these nodes count. */
  focus: ReadonlySet<string>;
  /** The classes of the focus nodes: only the shapes targeting them apply (shapesForClasses). */
  classes: readonly string[];
  turtle: boolean | 'if-violations';
}

/**
 * From this many quads on, the validation runs in a worker. Measured: rdf-validate-shacl took 1.2 s for 5,000 quads
 * of the bench data, 4.4 s for 60,000, and 2.2 s for 700 press releases that all violate their shape (2,100 quads: the
 * report is most of the work); the worker added 0.1-0.3 s (start, shapes, validator), which the write of one release
 * (~30-100 quads with its neighbours' types) is not made to wait for.
 */
export const OFF_THREAD_MIN_QUADS = 500;

/** The data as UTF-8 N-Quads pieces, one per slice: posted by transfer, so the HTTP thread never copies the whole text. */
async function nquadsOf(data: readonly Quad[]): Promise<Uint8Array[]> {
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  for await (const slice of inSlices(data)) pieces.push(encoder.encode(toNQuads(slice)));
  return pieces;
}

function inWorker(job: ValidateJob): Promise<ValidationOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./validate-worker.js', import.meta.url));
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (reply: ValidateReply) =>
      settle(() => (reply.ok ? resolve(reply.outcome) : reject(new Error(`SHACL validation failed: ${reply.message}`)))));
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the validation worker exited with code ${code}`))));
    worker.postMessage(job, job.nquads.map((piece) => piece.buffer as ArrayBuffer));
  });
}

/** Validates `data` against the shapes of `opts.classes`, keeping the results about `opts.focus`. */
export async function validateFocus(data: readonly Quad[], opts: FocusValidation): Promise<ValidationOutcome> {
  if (data.length < OFF_THREAD_MIN_QUADS) {
    return validate(data, { focus: opts.focus, turtle: opts.turtle, shapes: shapesForClasses(opts.classes) });
  }
  return inWorker({ nquads: await nquadsOf(data), focus: [...opts.focus], classes: [...opts.classes], turtle: opts.turtle });
}
