/**
 * Reads against the external store: the internal queries of the remote backend (graph contents, existence checks,
 * graph lists, counts, paged dumps), built on the dialect so that system and internal graphs stay out of sight.
 */
import type { Quad } from '@rdfjs/types';
import { Writer } from 'n3';
import type { GraphName, Row } from '../types.js';
import type { SparqlClient } from './client.js';
import type { Dialect } from './dialect.js';
import type { StoreReader } from './delta.js';
import { graphTerm } from './delta.js';
import { defaultGraph, namedNode, quad, parseStoreTriples, rowsFromJson, termToSparql, type JsonResults } from './terms.js';

const EXISTS_BATCH = 200;
/** Rows per dump page; Virtuoso's default MaxSortedTopRows caps ORDER BY windows at 10,000. */
export const DUMP_PAGE = 10_000;

export class RemoteReader implements StoreReader {
  constructor(
    private readonly client: SparqlClient,
    readonly dialect: Dialect,
    /** Internal graphs of the backend (the state graph): hidden like the engine's system graphs. */
    readonly hidden: readonly string[],
    private readonly timeoutMs: number,
  ) {}

  /** The graph a GraphName is stored in: Virtuoso keeps the default graph in a stand-in named graph. */
  storedGraph(g: Quad['graph']): string | undefined {
    return g.termType === 'DefaultGraph' ? this.dialect.defaultGraphIri : g.value;
  }

  /** A query as users and internal callers see the data: system and internal graphs left out. */
  userQuery(query: string, union: boolean): string {
    const scoped = this.dialect.hideNamed(union ? query : this.dialect.scopeDefault(query), this.hidden);
    return this.dialect.queryPrefix(union, this.hidden, scoped) + scoped;
  }

  async json(query: string, params: [string, string][] = [], timeoutMs = this.timeoutMs): Promise<JsonResults> {
    const res = await this.client.query({
      query, accept: 'application/sparql-results+json', timeoutMs,
      params: [...params, ...this.dialect.timeoutParams(timeoutMs)],
    });
    return (await res.json()) as JsonResults;
  }

  /** Rows of a query sent as is (internal state queries). */
  async rawRows(query: string): Promise<Row[]> {
    return rowsFromJson(await this.json(query));
  }

  async selectRows(query: string, union: boolean, timeoutMs = this.timeoutMs): Promise<Row[]> {
    return rowsFromJson(await this.json(this.userQuery(query, union), [], timeoutMs));
  }

  async triples(query: string, graph?: Quad['graph'], timeoutMs = this.timeoutMs): Promise<Quad[]> {
    const res = await this.client.query({
      query, accept: 'application/n-triples', timeoutMs, params: this.dialect.timeoutParams(timeoutMs),
    });
    return parseStoreTriples(await res.text(), graph);
  }

  private graphPattern(g: Quad['graph'], inner: string): string {
    const stored = this.storedGraph(g);
    return stored === undefined ? inner : `GRAPH <${stored}> { ${inner} }`;
  }

  async graphQuads(graph: Quad['graph']): Promise<Quad[]> {
    return this.triples(`CONSTRUCT { ?s ?p ?o } WHERE { ${this.graphPattern(graph, '?s ?p ?o')} }`, graph);
  }

  async existing(quads: readonly Quad[]): Promise<boolean[]> {
    const found = new Set<number>();
    for (let start = 0; start < quads.length; start += EXISTS_BATCH) {
      const batch = quads.slice(start, start + EXISTS_BATCH);
      const named = batch.map((q, i) => [q, start + i] as const).filter(([q]) => this.storedGraph(q.graph) !== undefined);
      const plain = batch.map((q, i) => [q, start + i] as const).filter(([q]) => this.storedGraph(q.graph) === undefined);
      const t = termToSparql;
      if (named.length) {
        const values = named.map(([q, i]) => `(${i} ${t(q.subject)} ${t(q.predicate)} ${t(q.object)} <${this.storedGraph(q.graph)}>)`);
        const rows = await this.rawRows(`SELECT ?i WHERE { VALUES (?i ?s ?p ?o ?g) { ${values.join(' ')} } GRAPH ?g { ?s ?p ?o } }`);
        for (const r of rows) found.add(Number(r.i?.value));
      }
      if (plain.length) {
        const values = plain.map(([q, i]) => `(${i} ${t(q.subject)} ${t(q.predicate)} ${t(q.object)})`);
        const rows = await this.rawRows(`SELECT ?i WHERE { VALUES (?i ?s ?p ?o) { ${values.join(' ')} } ?s ?p ?o }`);
        for (const r of rows) found.add(Number(r.i?.value));
      }
    }
    return quads.map((_, i) => found.has(i));
  }

  /** Every quad whose subject is one of `iris`, in any data graph (the default graph's stand-in read back as default). */
  async subjectQuads(iris: readonly string[]): Promise<Quad[]> {
    const out: Quad[] = [];
    for (let start = 0; start < iris.length; start += EXISTS_BATCH) {
      const values = iris.slice(start, start + EXISTS_BATCH).map((i) => `<${i}>`).join(' ');
      const rows = await this.rawRows(`SELECT ?s ?p ?o ?g WHERE { VALUES ?s { ${values} } GRAPH ?g { ?s ?p ?o } }`);
      for (const r of rows) {
        const g = r.g?.value;
        if (!r.s || !r.p || !r.o || g === undefined || this.notData(g)) continue;
        out.push(quad(r.s as Quad['subject'], r.p as Quad['predicate'], r.o as Quad['object'], g === this.dialect.defaultGraphIri ? defaultGraph() : namedNode(g)));
      }
    }
    return out;
  }

  /** Graphs that are no data: the engine's system graphs and the backend's internal ones. */
  private notData(g: string): boolean {
    return this.hidden.includes(g) || this.dialect.systemGraphs.includes(g);
  }

  async namedGraphs(): Promise<string[]> {
    const rows = await this.rawRows('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }');
    return rows.map((r) => r.g?.value)
      .filter((g): g is string => g !== undefined && !this.notData(g) && g !== this.dialect.defaultGraphIri).sort();
  }

  async allQuads(limit: number): Promise<Quad[] | undefined> {
    if ((await this.size()) > limit) return undefined;
    const out = await this.graphQuads(defaultGraph());
    for (const g of await this.namedGraphs()) out.push(...(await this.graphQuads(namedNode(g))));
    return out;
  }

  async hasGraph(graph: GraphName): Promise<boolean> {
    if (graph === 'default') return true;
    if (this.notData(graph.iri)) return false;
    const json = await this.json(`ASK { GRAPH <${graph.iri}> { ?s ?p ?o } }`);
    return json.boolean === true;
  }

  async size(): Promise<number> {
    const rows = await this.rawRows('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g');
    return rows.filter((r) => r.g && !this.notData(r.g.value)).reduce((sum, r) => sum + Number(r.n?.value ?? 0), 0);
  }

  /** One graph in pages of CONSTRUCT … ORDER BY … LIMIT/OFFSET: memory stays bounded by the page size. */
  async *graphPages(graph: GraphName, pageSize = DUMP_PAGE): AsyncGenerator<Quad[]> {
    const g = graphTerm(graph);
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.triples(
        `CONSTRUCT { ?s ?p ?o } WHERE { ${this.graphPattern(g, '?s ?p ?o')} } ORDER BY ?s ?p ?o LIMIT ${pageSize} OFFSET ${offset}`, g);
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
    }
  }

  async *dump(format: 'application/n-quads' | 'application/n-triples' | 'text/turtle', graph?: GraphName, pageSize = DUMP_PAGE): AsyncGenerator<string> {
    const graphs: GraphName[] = graph ? [graph] : ['default', ...(await this.namedGraphs()).map((iri) => ({ iri }))];
    const n3format = format === 'application/n-quads' ? 'N-Quads' : format === 'text/turtle' ? 'Turtle' : 'N-Triples';
    for (const g of graphs) {
      for await (const page of this.graphPages(g, pageSize)) {
        const quads = n3format === 'N-Quads' ? page : page.map((q) => quad(q.subject, q.predicate, q.object, defaultGraph()));
        yield new Writer({ format: n3format }).quadsToString(quads);
      }
    }
  }
}

