/**
 * Traps of the engine's WebAssembly. oxigraph's npm build is 32-bit WebAssembly: its memory ends at 4 GiB, and its Rust
 * stack lives inside that memory. Past either limit it traps (`RuntimeError: unreachable` when an allocation fails,
 * `memory access out of bounds` when a deeply nested query overflows the stack into the heap), and the store is broken
 * from then on: every later query on it fails the same way. So a trap is never answered like a query error: the
 * replica that trapped is thrown away and rebuilt from the committed state (pool.ts), which the trapping write never
 * reached. The limits and what reaches them: docs/decisions/0006-worker-pool-and-timeouts.md.
 */
import { AppError } from '../errors.js';
import type { Job } from './protocol.js';

/** A trap of the engine (or a stack overflow inside it): the replica that ran it cannot be trusted any more. */
export function isEngineFault(e: unknown): boolean {
  return e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && /call stack/i.test(e.message));
}

const CAPACITY =
  "oxigraph's WebAssembly build addresses at most 4 GiB of memory, about 6 million quads of press-release data " +
  '(roughly 280,000 releases); larger datasets need an external store (--store sparql, docs/deploy-virtuoso.md)';

/** The data given to a replica does not fit in the engine (a snapshot, or a bulk load). */
export function storeFull(e: unknown): AppError {
  return new AppError(413, 'STORE_FULL', `The data does not fit in the embedded store (${String(e)}): ${CAPACITY}.`);
}

/** What the client of a job that trapped is told; the replica is rebuilt meanwhile. */
export function engineFault(job: Job, e: unknown): AppError {
  const cause = String(e);
  if (job.kind === 'eval' || (job.kind === 'write' && job.op.type === 'update')) {
    const what = job.kind === 'eval' ? 'query' : 'update';
    return new AppError(400, 'ENGINE_LIMIT',
      `The query engine failed on this ${what} (${cause}): it needs more memory or deeper nesting than the engine ` +
      `supports. Nothing was changed; simplify the ${what}.`);
  }
  if (job.kind === 'write') {
    return new AppError(413, 'STORE_FULL', `The write could not be applied and nothing was changed (${cause}): most likely the store would outgrow ${CAPACITY}.`);
  }
  return new AppError(503, 'ENGINE_FAULT', `The store's query engine failed (${cause}); its replica is being rebuilt from the committed data. Retry the request.`);
}
