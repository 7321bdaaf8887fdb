/**
 * A net delta recorded while it is applied to the writer's store: adding a quad that the same write removed cancels
 * the removal, and so on, so the result is exactly the difference between the state before and after. It is the
 * embedded store's target of the update evaluation (update-delta.ts): reads see the operations applied so far.
 */
import oxigraph from 'oxigraph';
import type { NamedNode, Quad, Term } from '@rdfjs/types';
import type { Delta } from './types.js';
import type { Pending } from './graph-write.js';
import type { ReplayRecord } from './record.js';
import { quadKey, toNQuads, toOx, toRdfjsQuad, type OxQuad } from './terms.js';
import { dropEmptyGraphs } from './record.js';
import { namedGraphs } from './local-read.js';
import type { Solution, UpdateTarget, WhereQuery } from './update-delta.js';
import { selectText } from './update-delta.js';

/** oxigraph's terms are RDF/JS terms; the evaluation's quads are made here, so they are oxigraph's. */
const ox = <T>(t: unknown): T => t as T;

const OX_TERMS: UpdateTarget['terms'] = {
  from: (t) => ox(toOx(t)),
  blankNode: () => ox(oxigraph.blankNode()),
  defaultGraph: () => ox(oxigraph.defaultGraph()),
  quad: (s, p, o, g) => ox(oxigraph.quad(ox(s), ox(p), ox(o), ox(g))),
};

export class Changes implements Pending, UpdateTarget {
  readonly added = new Map<string, OxQuad>();
  readonly removed = new Map<string, OxQuad>();
  private readonly touched = new Map<string, oxigraph.NamedNode>();
  readonly terms = OX_TERMS;

  constructor(readonly store: oxigraph.Store) {}

  addQuad(q: OxQuad): void {
    if (this.store.has(q)) return;
    this.store.add(q);
    const k = quadKey(q);
    if (this.removed.has(k)) this.removed.delete(k);
    else this.added.set(k, q);
  }

  deleteQuad(q: OxQuad): void {
    if (!this.store.has(q)) return;
    this.store.delete(q);
    const k = quadKey(q);
    if (this.added.has(k)) this.added.delete(k);
    else this.removed.set(k, q);
    if (q.graph.termType === 'NamedNode') this.touched.set(q.graph.value, q.graph);
  }

  async add(quads: readonly Quad[]): Promise<void> {
    for (const q of quads) this.addQuad(ox(q));
  }

  async delete(quads: readonly Quad[]): Promise<void> {
    for (const q of quads) this.deleteQuad(ox(q));
  }

  async select(where: WhereQuery): Promise<Solution[]> {
    const options: NonNullable<Parameters<oxigraph.Store['query']>[1]> = {};
    if (where.using) {
      options.default_graph = where.using.default.map((g) => oxigraph.namedNode(g));
      options.named_graphs = where.using.named.map((g) => oxigraph.namedNode(g));
    } else if (where.with) options.default_graph = [oxigraph.namedNode(where.with)];
    else if (where.union) options.use_default_graph_as_union = true;
    return ox(this.store.query(selectText(where), options));
  }

  async graphQuads(graph: Quad['graph']): Promise<Quad[]> {
    return ox(this.store.match(null, null, null, ox(graph)));
  }

  async hasGraph(graph: NamedNode): Promise<boolean> {
    return this.store.query(`ASK { GRAPH <${graph.value}> { ?s ?p ?o } }`) === true;
  }

  async namedGraphs(): Promise<Quad['graph'][]> {
    return ox(namedGraphs(this.store));
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
