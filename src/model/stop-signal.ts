/**
 * How a background service's start or rebuild is cut by its `stop()`: every wait on the store (a whole-store read
 * queued behind other background jobs, a wait for an upload to finish) is raced against the stop, so the stop never
 * waits for work it has made pointless (decision 0041's known issue, resolved in decision 0044, which has the figures).
 */

/** Thrown into cut work: it ends without a report. */
export class Stopped extends Error {
  constructor(what = 'the service stopped') {
    super(what);
  }
}

export class StopSignal {
  #stopped = false;
  readonly #signal: Promise<never>;
  #reject!: (e: Error) => void;

  constructor(private readonly what?: string) {
    this.#signal = new Promise<never>((_, reject) => { this.#reject = reject; });
    this.#signal.catch(() => undefined);
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#reject(new Stopped(this.what));
  }

  /** Throws `Stopped` once `stop()` was called: checked between two pieces of work. */
  check(): void {
    if (this.#stopped) throw new Stopped(this.what);
  }

  /**
   * `work`'s result, or `Stopped` as soon as `stop()` is called (at once if it was): `work` itself goes on (a store
   * job is not recalled), its result or failure is dropped.
   */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.#stopped) {
      work.catch(() => undefined);
      return Promise.reject(new Stopped(this.what));
    }
    work.catch(() => undefined);
    return Promise.race([work, this.#signal]);
  }
}
