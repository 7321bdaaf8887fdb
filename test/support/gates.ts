/**
 * Write gates for tests that a writer replica can load (WriteGate.module): one that rejects, and one that reports
 * what it saw and can hold the write pending, through shared memory, until the test releases it.
 */
import { randomUUID } from 'node:crypto';
import type { Delta, GateRejection, StoreView, WriteGate } from '../../src/store/types.js';

export interface TestGateOptions {
  /** Reject every write (422 SHACL_VIOLATION with this message and `report`). */
  reject?: string;
  report?: unknown;
  /** Where the gate reports (see GateProbe) and, with `hold`, waits. */
  probe?: SharedArrayBuffer;
  /** Block in the gate until the test calls `release()`. */
  hold?: boolean;
  /** A SELECT the gate runs on the pending state; its row count is reported. */
  query?: string;
  /** Keeps gates with different shared memory apart in the writer's cache. */
  id?: string;
}

const ENTERED = 0;
const RELEASED = 1;
const LENGTH = 2;
const HEADER = 3 * 4;

/** What the gate saw: the row count of its query on the pending state, and the delta's size and graphs. */
export interface Seen {
  rows: number;
  added: number;
  removed: number;
  graphs: { added: string[]; removed: string[] };
}

const graphsOf = (quads: Delta['added']) => [...new Set(quads.map((q) => q.graph.value))].sort();

/** What a writer replica calls. */
export function createGate(options: TestGateOptions): WriteGate {
  return async (delta: Delta, view: StoreView): Promise<GateRejection | undefined> => {
    const words = options.probe ? new Int32Array(options.probe, 0, 3) : undefined;
    if (words) {
      const seen: Seen = {
        rows: options.query ? (await view.select(options.query)).length : 0,
        added: delta.added.length,
        removed: delta.removed.length,
        graphs: { added: graphsOf(delta.added), removed: graphsOf(delta.removed) },
      };
      const { written } = new TextEncoder().encodeInto(JSON.stringify(seen), new Uint8Array(options.probe!, HEADER));
      Atomics.store(words, LENGTH, written);
      Atomics.store(words, ENTERED, 1);
      Atomics.notify(words, ENTERED);
      if (options.hold) Atomics.wait(words, RELEASED, 0);
    }
    return options.reject === undefined ? undefined : { message: options.reject, report: options.report ?? { conforms: false, results: [] } };
  };
}

/** A gate for `store.write` that runs in the writer replica. */
export function testGate(options: TestGateOptions = {}): WriteGate {
  const withId = { ...options, id: randomUUID() };
  return Object.assign(createGate(withId), { module: { url: import.meta.url, options: withId } });
}

/** A gate that rejects every write. */
export const rejectingGate = (message = 'rejected') => testGate({ reject: message });

/** Shared memory through which a gate reports what it saw, and is released when it holds the write. */
export class GateProbe {
  readonly buffer = new SharedArrayBuffer(HEADER + (64 << 10));
  private readonly words = new Int32Array(this.buffer, 0, 3);

  /** Resolves once the gate has run (and, when it holds, is waiting). */
  async entered(): Promise<void> {
    // Atomics.waitAsync (Node 16+) is past the ES2022 library the project compiles against
    const atomics = Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string } };
    const wait = atomics.waitAsync(this.words, ENTERED, 0);
    if (wait.async) await wait.value;
  }

  release(): void {
    Atomics.store(this.words, RELEASED, 1);
    Atomics.notify(this.words, RELEASED);
  }

  /** What the gate saw (undefined before it ran). */
  get seen(): Seen | undefined {
    if (Atomics.load(this.words, ENTERED) === 0) return undefined;
    const bytes = new Uint8Array(this.buffer, HEADER, Atomics.load(this.words, LENGTH)).slice();
    return JSON.parse(new TextDecoder().decode(bytes)) as Seen;
  }
}
