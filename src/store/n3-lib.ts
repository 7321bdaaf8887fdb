/**
 * n3 (terms, N-Quads writing and parsing, the upload parsers), loaded by its first use rather than by every thread
 * that imports the store's modules: a query worker that only evaluates queries never needs it, and n3 with its
 * readable-stream is ~40 ms of CPU of each worker's start (CommonJS: `require` returns the one instance the HTTP
 * thread's `import` loaded).
 */
import { createRequire } from 'node:module';
import type * as N3 from 'n3';

let loaded: typeof N3 | undefined;

export function n3lib(): typeof N3 {
  return (loaded ??= createRequire(import.meta.url)('n3') as typeof N3);
}
