/**
 * A net delta recorded while it is applied to the writer's store: adding a quad that the same write removed cancels
 * the removal, and so on, so the result is exactly the difference between the state before and after.
 */
import oxigraph from 'oxigraph';
import type { Delta } from './types.js';
import type { Pending, ReplayRecord } from './bulk.js';
import { quadKey, toNQuads, toRdfjsQuad, type OxQuad } from './terms.js';
import { dropEmptyGraphs } from './replica.js';

export class Changes implements Pending {
  readonly added = new Map<string, OxQuad>();
  readonly removed = new Map<string, OxQuad>();
  private readonly touched = new Map<string, oxigraph.NamedNode>();

  constructor(readonly store: oxigraph.Store) {}

  add(q: OxQuad): void {
    if (this.store.has(q)) return;
    this.store.add(q);
    const k = quadKey(q);
    if (this.removed.has(k)) this.removed.delete(k);
    else this.added.set(k, q);
  }

  delete(q: OxQuad): void {
    if (!this.store.has(q)) return;
    this.store.delete(q);
    const k = quadKey(q);
    if (this.added.has(k)) this.added.delete(k);
    else this.removed.set(k, q);
    if (q.graph.termType === 'NamedNode') this.touched.set(q.graph.value, q.graph);
  }

  get empty(): boolean {
    return this.added.size === 0 && this.removed.size === 0;
  }

  delta(): Delta {
    return { removed: [...this.removed.values()].map(toRdfjsQuad), added: [...this.added.values()].map(toRdfjsQuad) };
  }

  record(): ReplayRecord {
    const { removed, added } = this.delta();
    return { removed: toNQuads(removed), added: toNQuads(added) };
  }

  /** Ends the write: named graphs it emptied are dropped (see replica.ts). */
  finish(): void {
    dropEmptyGraphs(this.store, this.touched.values());
  }

  /** Puts the store back as it was before the write. */
  rollback(): void {
    for (const q of this.added.values()) this.store.delete(q);
    for (const q of this.removed.values()) this.store.add(q);
    const graphs = [...this.added.values()].map((q) => q.graph).filter((g): g is oxigraph.NamedNode => g.termType === 'NamedNode');
    dropEmptyGraphs(this.store, graphs);
    this.added.clear();
    this.removed.clear();
  }
}
