/** Polling for background work (dump generation, the change feed) that a test waits for. */

/**
 * Resolves once `done()` holds, checking every 20 ms. The bound is generous (2 min) rather than tight because a
 * loaded machine can take long; a wait that is never met still fails, naming what it waited for.
 */
export async function waitUntil(done: () => boolean, what: string, limitMs = 120_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`waited ${limitMs / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
