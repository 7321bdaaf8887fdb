/**
 * The validation worker: validates one large write's data (N-Quads, blank node labels kept) against the shapes of
 * its focus nodes' classes, so that rdf-validate-shacl's synchronous run over a bulk upload never holds the HTTP
 * thread. One worker per large validation (validate-off-thread.ts); small writes are validated in place.
 */
import { parentPort } from 'node:worker_threads';
import { Parser } from 'n3';
import { shapesForClasses } from './shapes.js';
import { validate, type ValidationOutcome } from './validate.js';

export interface ValidateJob {
  /** UTF-8 N-Quads in pieces (transferred, not copied). */
  nquads: Uint8Array[];
  focus: string[];
  classes: string[];
  turtle: boolean | 'if-violations';
}

export type ValidateReply = { ok: true; outcome: ValidationOutcome } | { ok: false; message: string };

parentPort!.once('message', (job: ValidateJob) => {
  const run = async (): Promise<ValidationOutcome> => {
    // blankNodePrefix '': labels stay as the HTTP thread wrote them, so blank focus nodes keep their values
    const decoder = new TextDecoder();
    const quads = job.nquads.flatMap((piece) => new Parser({ format: 'application/n-quads', blankNodePrefix: '' }).parse(decoder.decode(piece)));
    return validate(quads, { focus: new Set(job.focus), turtle: job.turtle, shapes: shapesForClasses(job.classes) });
  };
  run().then(
    (outcome) => parentPort!.postMessage({ ok: true, outcome } satisfies ValidateReply),
    (error: unknown) => parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ValidateReply),
  );
});
