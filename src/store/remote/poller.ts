/**
 * Change events for one instance, in commit order, whoever committed: the instance's own writes and, by polling the
 * version in the store, other instances' writes (their deltas read back from the change log).
 */
import type { ChangeEvent } from '../types.js';

export interface PollerOptions {
  intervalMs: number;
  version: () => Promise<number>;
  entries: (from: number, to: number) => Promise<ChangeEvent[]>;
}

export class ChangePoller {
  private last = 0;
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private failing = false;

  constructor(private readonly options: PollerOptions) {}

  start(version: number): void {
    this.last = version;
    this.started = true;
    this.arm();
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    this.arm();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.disarm();
    };
  }

  /** Emits every event after the last one emitted up to `version`; `own` is this instance's event for `version`. */
  catchUp(version: number, own?: ChangeEvent): Promise<void> {
    const run = this.chain.then(() => this.emitUpTo(version, own));
    this.chain = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    this.disarm();
    this.started = false;
    await this.chain.catch(() => undefined);
  }

  private arm(): void {
    if (this.timer || !this.started || this.listeners.size === 0) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref(); // polling never keeps the process alive on its own
  }

  private disarm(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    try {
      const v = await this.options.version();
      if (v > this.last) await this.catchUp(v);
      this.failing = false;
    } catch (e) {
      if (!this.failing) console.error('osce-kg: polling the store for changes failed:', (e as Error).message);
      this.failing = true; // logged once per outage, retried every interval
    }
  }

  private async emitUpTo(version: number, own: ChangeEvent | undefined): Promise<void> {
    if (version <= this.last) return;
    if (this.listeners.size === 0) {
      this.last = version;
      return;
    }
    const upTo = own?.version === version ? version - 1 : version;
    const events = upTo > this.last ? await this.options.entries(this.last, upTo) : [];
    if (own?.version === version) events.push(own);
    for (const event of events) {
      if (event.version <= this.last) continue;
      this.last = event.version;
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (e) {
          console.error('osce-kg: change listener failed', e);
        }
      }
    }
    this.last = Math.max(this.last, version);
  }
}
