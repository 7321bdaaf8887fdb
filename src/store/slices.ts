/**
 * Large in-memory work on the HTTP thread, in slices: a 100 MB upload is ~500k quads, and one synchronous pass over
 * them (parse, serialize, count) holds every other request for as long as it takes.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/** Items per synchronous step unless a caller needs otherwise. */
export const SLICE = 20_000;

/** `items` in consecutive slices of `size`, the event loop running between two slices. */
export async function* inSlices<T>(items: readonly T[], size = SLICE): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) await yieldToLoop();
    yield items.slice(i, i + size);
  }
}
