/**
 * The net delta of a write against an external store, computed before anything is sent (the SHACL gate and the change
 * feed need it): graph reads and existence checks against the store; SPARQL Update by the shared evaluator
 * (update-delta.ts) with its WHERE clauses evaluated by the store as SELECTs.
 */
import type { Quad, Term } from '@rdfjs/types';
import { AppError } from '../../errors.js';
import type { Delta, GraphName, QuadWriteOp, Row } from '../types.js';
import oxigraph from 'oxigraph';
import { applyOp, prepareOp } from '../apply-op.js';
import { toOxQuad } from '../terms.js';
import { applyUpdate, parseUpdate, selectText, type Solution, type UpdateTarget, type WhereQuery } from '../update-delta.js';
import { scopeDefaultGraph } from './default-graph.js';
import { STORE_BNODE, blankNode, defaultGraph, namedNode, quad } from './terms.js';

/** What the delta computation needs from the store. */
export interface StoreReader {
  /** Rows of a SELECT; `union` = default graph is the union of the data graphs, unless the query has FROM. */
  selectRows(query: string, union: boolean): Promise<Row[]>;
  /** Every quad of one graph (the default graph as DefaultGraph). */
  graphQuads(graph: Quad['graph']): Promise<Quad[]>;
  /** For each quad, whether the store holds it. */
  existing(quads: readonly Quad[]): Promise<boolean[]>;
  /** The data graphs (internal and system graphs excluded). */
  namedGraphs(): Promise<string[]>;
  /** The whole dataset when it has at most `limit` quads, else undefined. */
  allQuads(limit: number): Promise<Quad[] | undefined>;
}

/** Largest dataset copied locally to evaluate an update the store cannot evaluate in one pass. */
export const LOCAL_UPDATE_LIMIT = 200_000;

/** Signals that an update needs the local evaluation (a WHERE after a change in the same request). */
class NeedsLocalEvaluation extends Error {}

/** A stable key; language tags compare case-insensitively (RDF 1.1 §3.3) and stores differ in the case they return. */
export function deltaKey(q: Quad): string {
  const t = (x: Term): string =>
    x.termType === 'Literal' ? `${JSON.stringify(x.value)}@${x.language.toLowerCase()}^${x.datatype.value}` : `${x.termType[0]}${x.value}`;
  return `${t(q.subject)} ${t(q.predicate)} ${t(q.object)} ${t(q.graph)}`;
}

/** Net changes relative to the state the computation started from. */
export class NetDelta {
  readonly added = new Map<string, Quad>();
  readonly removed = new Map<string, Quad>();
  constructor(private readonly reader: StoreReader) {}

  get empty(): boolean {
    return this.added.size === 0 && this.removed.size === 0;
  }
  toDelta(): Delta {
    return { removed: [...this.removed.values()], added: [...this.added.values()] };
  }

  /** Originally present quads, asked of the store only for keys this delta has not touched yet. */
  private async presence(quads: readonly Quad[]): Promise<Map<string, boolean>> {
    const out = new Map<string, boolean>();
    const ask: Quad[] = [];
    for (const q of quads) {
      const k = deltaKey(q);
      if (out.has(k)) continue;
      if (q.subject.termType === 'BlankNode' && !q.subject.value.startsWith(STORE_BNODE)) out.set(k, false);
      else if (q.object.termType === 'BlankNode' && !q.object.value.startsWith(STORE_BNODE)) out.set(k, false);
      else {
        out.set(k, false);
        ask.push(q);
      }
    }
    const found = await this.reader.existing(ask);
    ask.forEach((q, i) => out.set(deltaKey(q), found[i] === true));
    return out;
  }

  async add(quads: readonly Quad[], knownAbsent = false): Promise<void> {
    const present = knownAbsent ? new Map<string, boolean>() : await this.presence(quads);
    for (const q of quads) {
      const k = deltaKey(q);
      if (this.removed.delete(k)) continue;
      if (!present.get(k)) this.added.set(k, q);
    }
  }

  async delete(quads: readonly Quad[], knownPresent = false): Promise<void> {
    const present = knownPresent ? undefined : await this.presence(quads);
    for (const q of quads) {
      const k = deltaKey(q);
      if (this.added.delete(k)) continue;
      if (!present || present.get(k)) this.removed.set(k, q);
    }
  }

  /** A graph's current quads as this delta leaves them. */
  async graphNow(graph: Quad['graph']): Promise<Quad[]> {
    const key = (g: Quad['graph']): string => (g.termType === 'DefaultGraph' ? '' : g.value);
    const out = (await this.reader.graphQuads(graph)).filter((q) => !this.removed.has(deltaKey(q)));
    for (const q of this.added.values()) if (key(q.graph) === key(graph)) out.push(q);
    return out;
  }
}

export function graphTerm(g: GraphName): Quad['graph'] {
  return g === 'default' ? defaultGraph() : namedNode(g.iri);
}

const regraph = (quads: readonly Quad[], g: Quad['graph']): Quad[] => quads.map((q) => quad(q.subject, q.predicate, q.object, g));

export async function computeDelta(op: QuadWriteOp, reader: StoreReader): Promise<Delta> {
  const net = new NetDelta(reader);
  switch (op.type) {
    case 'put-graph': {
      const g = graphTerm(op.graph);
      await net.delete(await reader.graphQuads(g), true);
      await net.add(regraph(op.quads, g));
      break;
    }
    case 'post-graph':
      await net.add(regraph(op.quads, graphTerm(op.graph)));
      break;
    case 'delete-graph':
      await net.delete(await reader.graphQuads(graphTerm(op.graph)), true);
      break;
    case 'patch':
      await net.delete(op.delta.removed);
      await net.add(op.delta.added);
      break;
    case 'update': {
      const update = parseUpdate(op.update, op.baseIri); // oxigraph's parser: the same 400s, with line and column, as the embedded store
      if (!update) return localDelta(op, reader);
      try {
        await applyUpdate(update, new RemoteTarget(net, reader), op.unionDefaultGraph);
      } catch (e) {
        if (e instanceof NeedsLocalEvaluation) return localDelta(op, reader);
        throw e;
      }
      break;
    }
  }
  return net.toDelta();
}

let fresh = 0;

/** The external store as the target of the shared update evaluation: reads from the store, changes into `net`. */
class RemoteTarget implements UpdateTarget {
  readonly terms: UpdateTarget['terms'] = {
    from: (t) => t,
    blankNode: () => blankNode(`u${Date.now().toString(36)}x${fresh++}`),
    defaultGraph: () => defaultGraph(),
    quad: (s, p, o, g) => quad(s as Quad['subject'], p as Quad['predicate'], o as Quad['object'], g as Quad['graph']),
  };

  constructor(private readonly net: NetDelta, private readonly reader: StoreReader) {}

  async select(where: WhereQuery): Promise<Solution[]> {
    // The WHERE is evaluated by the store, which cannot see this request's earlier, not yet applied operations.
    if (!this.net.empty) throw new NeedsLocalEvaluation();
    const text = selectText(where, true);
    // WITH: default-graph patterns go into GRAPH <with>, the named graphs stay all graphs. FROM and GRAPH <iri> need no
    // union handling (and no protocol dataset, which would replace FROM: Protocol §2.1.4).
    const rows = where.with
      ? await this.reader.selectRows(scopeDefaultGraph(text, where.with) ?? text, true)
      : await this.reader.selectRows(text, where.using ? true : where.union);
    return rows.map((row) => new Map(Object.entries(row) as [string, Term][]));
  }

  graphQuads(graph: Quad['graph']): Promise<Quad[]> {
    return this.net.graphNow(graph);
  }

  async hasGraph(graph: Quad['graph']): Promise<boolean> {
    return (await this.net.graphNow(graph)).length > 0;
  }

  async namedGraphs(): Promise<Quad['graph'][]> {
    return (await this.reader.namedGraphs()).map((g) => namedNode(g));
  }

  add(quads: readonly Quad[]): Promise<void> {
    return this.net.add(quads);
  }

  delete(quads: readonly Quad[], matched = false): Promise<void> {
    return this.net.delete(quads, matched);
  }
}

/**
 * An update whose later operations read what earlier ones wrote (or that sparqljs cannot read): the store cannot
 * evaluate it before it is applied, so a small dataset is copied into an in-memory oxigraph store and evaluated
 * there as the embedded store does (apply-op.ts); a larger one is refused.
 */
async function localDelta(op: QuadWriteOp, reader: StoreReader): Promise<Delta> {
  const quads = await reader.allQuads(LOCAL_UPDATE_LIMIT);
  if (!quads) {
    throw new AppError(501, 'UPDATE_NOT_SUPPORTED', `On the external store, an update operation with a WHERE clause can follow an operation that changed data in the same request only while the dataset has at most ${LOCAL_UPDATE_LIMIT} quads; send them as separate requests.`);
  }
  const ox = new oxigraph.Store();
  for (const q of quads) ox.add(toOxQuad(q));
  return (await applyOp(prepareOp(op), ox)).delta();
}
