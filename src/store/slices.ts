/**
 * Large in-memory work on the HTTP thread, in slices: a 100 MB upload is ~500k quads, and one synchronous pass over
 * them (parse, serialize, count) holds every other request for as long as it takes.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/** Items per synchronous step unless a caller needs otherwise. */
export const SLICE = 20_000;

/** The items of `steps` (each a step of work, e.g. a piece of text to parse), the event loop running between two. */
export async function* yielding<T>(steps: Iterable<T>): AsyncGenerator<T> {
  let first = true;
  for (const step of steps) {
    if (!first) await yieldToLoop();
    first = false;
    yield step;
  }
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** `items` in consecutive slices of `size`, the event loop running between two slices. */
export function inSlices<T>(items: readonly T[], size = SLICE): AsyncGenerator<T[]> {
  return yielding(chunks(items, size));
}
