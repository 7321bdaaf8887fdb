/**
 * Politeness per host: one request at a time, and at least `gapMs` between the end of one exchange (its body read)
 * and the start of the next, the way Crawl-delay is commonly read. A server's Retry-After pushes the next start
 * further out.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export class HostPacer {
  private queue: Promise<void> = Promise.resolve();
  private notBefore = 0;

  constructor(private gapMs: number) {}

  /** Makes the gap at least `ms` (a Crawl-delay larger than the configured delay). */
  widen(ms: number): void {
    this.gapMs = Math.max(this.gapMs, ms);
  }

  get gap(): number {
    return this.gapMs;
  }

  /** No request to this host before `ms` from now (Retry-After, backoff). */
  holdFor(ms: number): void {
    this.notBefore = Math.max(this.notBefore, performance.now() + ms);
  }

  /** Runs `exchange` when it is this host's turn; the gap is counted from when it settles. */
  run<T>(exchange: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const turn = this.queue.then(async () => {
      // a loop, not one timer: timers may fire up to a millisecond early
      for (let wait = this.notBefore - performance.now(); wait > 0; wait = this.notBefore - performance.now()) {
        await sleep(Math.ceil(wait), undefined, { signal });
      }
      try {
        return await exchange();
      } finally {
        this.notBefore = Math.max(this.notBefore, performance.now() + this.gapMs);
      }
    });
    this.queue = turn.then(() => undefined, () => undefined);
    return turn;
  }
}
