/**
 * Large in-memory work on the HTTP thread, in slices: a 100 MB upload is ~500k quads, and one synchronous pass over
 * them (parse, serialize, count) holds every other request for as long as it takes.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/**
 * How long one step of sliced work should hold the event loop, in ms: a request arriving meanwhile waits about this
 * long. Slice sizes are fitted to it from the time the caller took on the previous slice, since the cost of an item
 * differs a hundredfold between callers (collecting a subject, serializing a quad, parsing a line).
 */
export const STEP_MS = 8;
const FIRST_ITEMS = 500;
const FIRST_CHARS = 64 << 10;

/** The next slice size from the last one and the time the caller spent on it: towards STEP_MS, at most doubling. */
function fitted(size: number, ms: number, min: number): number {
  return Math.max(min, Math.min(size * 2, Math.round((size * STEP_MS) / Math.max(ms, 0.01))));
}

/**
 * `items` in consecutive slices, the event loop running between two: of `size` items, or by default of as many as
 * the caller works through in about STEP_MS.
 */
export async function* inSlices<T>(items: readonly T[], size?: number): AsyncGenerator<T[]> {
  let n = size ?? FIRST_ITEMS;
  for (let i = 0; i < items.length;) {
    if (i > 0) await yieldToLoop();
    const t0 = performance.now();
    const slice = items.slice(i, i + n);
    i += slice.length;
    yield slice;
    if (size === undefined) n = fitted(n, performance.now() - t0, 16);
  }
}

/**
 * Text (or UTF-8 bytes, decoded piece by piece) in pieces cut after a line end, the event loop running between two:
 * each piece as long as the caller works through in about STEP_MS (line-based formats: N-Triples, N-Quads).
 */
export async function* inLinePieces(text: string | Uint8Array): AsyncGenerator<string> {
  const decoder = typeof text === 'string' ? undefined : new TextDecoder();
  let size = FIRST_CHARS;
  for (let start = 0; start < text.length;) {
    if (start > 0) await yieldToLoop();
    // a line feed byte is never part of a multi-byte UTF-8 character, so a cut after it splits none
    const cut = typeof text === 'string' ? text.indexOf('\n', start + size) : text.indexOf(10, start + size);
    const end = cut < 0 ? text.length : cut + 1;
    const t0 = performance.now();
    yield decoder ? decoder.decode((text as Uint8Array).subarray(start, end)) : (text as string).slice(start, end);
    start = end;
    size = fitted(size, performance.now() - t0, 4096);
  }
}
