/**
 * `KgStore` over any SPARQL 1.1 Query + Update store (Virtuoso tested; Fuseki, GraphDB, QLever, Neptune by protocol).
 * Queries pass through to the store; writes compute their delta first (delta.ts), pass the gate on a local view
 * (view.ts), and go out as one update request together with the version step (meta.ts), so any number of service
 * instances on one store share one version, one change log and one set of ETags.
 */
import { randomUUID } from 'node:crypto';
import type { Quad } from '@rdfjs/types';
import { AppError, unprocessable } from '../../errors.js';
import type { ChangeEvent, Delta, GraphName, KgStore, QuadWriteOp, QueryOptions, QueryResult, Row, WriteGate, WriteOp, WriteResult } from '../types.js';
import { EMPTY_SUMMARY, summarize } from '../summary.js';
import { documentsOf, parseUpload } from '../rdf-parse.js';
import { queryForm } from '../query-form.js';
import { parseNQuads, toNQuads, toRdfjsQuad } from '../terms.js';
import { SparqlClient } from './client.js';
import { detectDialect, genericDialect, virtuosoDialect, type Dialect } from './dialect.js';
import { computeDelta } from './delta.js';
import { MetaGraph } from './meta.js';
import { RemoteReader } from './reader.js';
import { byGraph, triplesBlock } from './terms.js';
import { overlayView } from './view.js';
import { passThrough } from './results.js';
import { ChangePoller } from './poller.js';
import { RemoteChangeLog, touchedIris } from './change-log.js';
import type { BulkInput } from '../bulk-load.js';
import { parseInputs, postGraphs } from './bulk-load.js';

export interface RemoteStoreOptions {
  queryUrl: string;
  updateUrl: string;
  user?: string;
  password?: string;
  /** The service's base IRI (ends with '/'): names the internal state graph and Virtuoso's default-graph stand-in. */
  base: string;
  /** The initial data of an empty store. */
  seed?: () => Quad[] | Promise<Quad[]>;
  /** Store engine; detected from the `Server` header when not given. */
  dialect?: 'virtuoso' | 'generic';
  /** How often an instance looks for other instances' writes, ms (default 500). */
  pollMs?: number;
  /** How long `version()` may answer from memory, ms (default 5). */
  versionCacheMs?: number;
  /** Timeout of internal reads and of update requests, ms (default 30 000). */
  defaultTimeoutMs?: number;
  /** Graphs copied into the gate's view besides those a write touches (default: reference and ontology graphs). */
  contextGraphs?: string[];
  /** Quads per page of `dump()` (default 10,000). */
  dumpPageSize?: number;
  /**
   * The store's SPARQL 1.1 Graph Store HTTP Protocol endpoint (`--store-gsp`, same credentials): when given, seeding
   * and bulk loads send each graph's quads as N-Triples documents there instead of INSERT DATA requests.
   */
  gspUrl?: string;
  fetchImpl?: typeof fetch;
}

const MAX_ATTEMPTS = 8;
const INSERT_CHUNK = 5_000;
/** Writes are not cut at the query time limit: a large ingest or seed chunk may take longer on a busy store. */
const UPDATE_TIMEOUT_MS = 120_000;

/** Full jitter, doubling from 20 ms up to 1 s: eight attempts span up to about 3 s. */
function backOff(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.random() * Math.min(1_000, 20 * 2 ** attempt)));
}

export class RemoteStore implements KgStore {
  private readonly client: SparqlClient;
  readonly meta: MetaGraph;
  private reader!: RemoteReader;
  private opening: Promise<void> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private cached: { version: number; at: number } | undefined;
  private readonly poller: ChangePoller;
  private readonly timeoutMs: number;
  /** The shared change log (entity IRIs touched and present per version): the change feed of every instance reads it. */
  readonly changeLog: RemoteChangeLog;

  constructor(private readonly options: RemoteStoreOptions) {
    this.client = new SparqlClient({ queryUrl: options.queryUrl, updateUrl: options.updateUrl, user: options.user, password: options.password, fetchImpl: options.fetchImpl });
    this.meta = new MetaGraph(`${options.base}graph/meta/store`, `${options.base}id/`);
    this.changeLog = new RemoteChangeLog(() => this.reader, this.meta);
    this.timeoutMs = options.defaultTimeoutMs ?? 30_000;
    this.poller = new ChangePoller({
      intervalMs: options.pollMs ?? 500,
      version: () => this.readVersion(),
      entries: (from, to) => this.changeEntries(from, to),
    });
  }

  open(): Promise<void> {
    return (this.opening ??= this.init());
  }

  private async init(): Promise<void> {
    const dialect = await this.pickDialect();
    this.reader = new RemoteReader(this.client, dialect, [this.meta.graph], this.timeoutMs);
    if ((await this.readVersionOrUndefined()) === undefined) {
      // Several instances may start at once on an empty store: seeding ground quads twice is harmless (a quad is in a
      // graph or not), and only one version-0 state is ever written (initUpdate is conditional).
      if (this.options.seed && !(await this.reader.namedGraphs()).length) await this.insertChunks(await this.options.seed());
      for (let attempt = 1; ; attempt++) {
        try {
          await this.client.update(this.meta.initUpdate(new Date()), this.timeoutMs);
          break;
        } catch (e) {
          // Virtuoso may roll back one of two simultaneous initialisations as deadlocked (SR172): the other one has
          // then set version 0, or this one tries again
          if (!(e instanceof AppError && e.code === 'STORE_CONFLICT') || attempt >= MAX_ATTEMPTS) throw e;
          await backOff(attempt);
          if ((await this.readVersionOrUndefined()) !== undefined) break;
        }
      }
    }
    this.poller.start(await this.readVersion());
  }

  private async pickDialect(): Promise<Dialect> {
    if (this.options.dialect === 'virtuoso') return virtuosoDialect(this.options.base);
    if (this.options.dialect === 'generic') return genericDialect;
    const res = await this.client.query({ query: 'ASK {}', accept: 'application/sparql-results+json', timeoutMs: this.timeoutMs });
    await res.arrayBuffer();
    return detectDialect(res.headers.get('server'), this.options.base);
  }

  async close(): Promise<void> {
    if (!this.opening) return;
    await this.opening.catch(() => undefined);
    await this.chain.catch(() => undefined);
    await this.poller.stop();
  }

  async query(opts: QueryOptions): Promise<QueryResult> {
    await this.open();
    const form = queryForm(opts.query);
    const union = opts.unionDefaultGraph;
    const dataset = opts.dataset;
    const hasDataset = Boolean(dataset?.defaultGraphs?.length || dataset?.namedGraphs?.length);
    const params: [string, string][] = hasDataset
      ? [...(dataset?.defaultGraphs ?? []).map((g): [string, string] => ['default-graph-uri', g]), ...(dataset?.namedGraphs ?? []).map((g): [string, string] => ['named-graph-uri', g])]
      : [];
    // BASE on the first line, before the query's own prologue (which may override it): line numbers stay right
    const text = this.reader.userQuery(`${opts.baseIri ? `BASE <${opts.baseIri}> ` : ''}${opts.query}`, union && !hasDataset);
    return passThrough(this.client, { form, text, params: [...params, ...this.reader.dialect.timeoutParams(opts.timeoutMs)], format: opts.format, timeoutMs: opts.timeoutMs, maxResultBytes: opts.maxResultBytes });
  }

  async select(query: string, opts?: { timeoutMs?: number }): Promise<Row[]> {
    await this.open();
    return this.reader.selectRows(query, true, opts?.timeoutMs ?? this.timeoutMs);
  }

  async construct(query: string, opts?: { timeoutMs?: number }): Promise<Quad[]> {
    await this.open();
    return this.reader.triples(this.reader.userQuery(query, true), undefined, opts?.timeoutMs ?? this.timeoutMs);
  }

  async ask(query: string, opts?: { timeoutMs?: number }): Promise<boolean> {
    await this.open();
    return (await this.reader.json(this.reader.userQuery(query, true), [], opts?.timeoutMs ?? this.timeoutMs)).boolean === true;
  }

  write(op: WriteOp, gate?: WriteGate): Promise<WriteResult> {
    const result = this.chain.then(() => this.commit(op, gate));
    this.chain = result.catch(() => undefined);
    return result;
  }

  private async commit(given: WriteOp, gate?: WriteGate): Promise<WriteResult> {
    await this.open();
    const op = await withQuads(given);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const expected = await this.readVersion(true);
      const delta = await computeDelta(op, this.reader);
      if (delta.added.length === 0 && delta.removed.length === 0) return { summary: EMPTY_SUMMARY, version: expected };
      if (gate) {
        const view = overlayView(delta, this.contextGraphs(), (g) => this.reader.graphQuads(g), (iris) => this.reader.subjectQuads(iris));
        const rejection = await gate(delta, view);
        if (rejection) throw unprocessable('SHACL_VIOLATION', rejection.message, rejection.report);
      }
      const event: ChangeEvent = { version: expected + 1, time: new Date(), summary: summarize(delta), delta: () => delta };
      const writeId = randomUUID();
      let failure: unknown;
      try {
        await this.client.update(this.writeRequest(delta, expected, event.version, event.time, writeId), Math.max(this.timeoutMs, UPDATE_TIMEOUT_MS));
      } catch (e) {
        failure = e;
      }
      this.cached = undefined;
      // The request may have committed even when its answer was lost (timeout, dropped connection): the change log says.
      const done = await this.committed(event.version, writeId).catch(() => false);
      if (!done && failure) {
        if (!(failure instanceof AppError && failure.code === 'STORE_CONFLICT')) throw failure;
      }
      if (done) {
        await this.poller.catchUp(event.version, event);
        return { summary: event.summary, version: event.version };
      }
      // rolled back, or another instance committed first (our request matched nothing): back off, recompute against
      // the new state. With jitter, so that two instances that collided do not collide again at once.
      await backOff(attempt);
    }
    throw new AppError(503, 'WRITE_CONFLICT', `The write lost ${MAX_ATTEMPTS} races with other instances writing to the same store; try again.`, undefined, { 'Retry-After': '1' });
  }

  /** Delivers every change committed so far, by any instance, to this instance's change listeners. */
  async sync(): Promise<void> {
    await this.open();
    await this.poller.catchUp(await this.readVersion());
  }

  private contextGraphs(): string[] {
    return this.options.contextGraphs ?? [`${this.options.base}graph/reference`, `${this.options.base}graph/ontology`];
  }

  /** Data operations conditional on the version, then the version step: one request, one store transaction. */
  private writeRequest(delta: Delta, expected: number, version: number, time: Date, writeId: string): string {
    const cond = this.meta.condition(expected);
    const ops: string[] = [];
    const block = (graph: string, quads: Quad[]): string => {
      const stored = graph === '' ? this.reader.dialect.defaultGraphIri : graph;
      return stored === undefined ? triplesBlock(quads) : `GRAPH <${stored}> { ${triplesBlock(quads)} }`;
    };
    for (const [g, quads] of byGraph(delta.removed)) ops.push(`DELETE { ${block(g, quads)} } WHERE { ${cond} }`);
    // INSERT … WHERE rather than INSERT DATA: Virtuoso refuses blank nodes in INSERT DATA
    for (const [g, quads] of byGraph(delta.added)) ops.push(`INSERT { ${block(g, quads)} } WHERE { ${cond} }`);
    const touched = touchedIris(delta, this.meta.entityPrefix);
    const present = this.meta.presentUpdate(expected, version, touched);
    if (present) ops.push(present);
    ops.push(this.meta.commitUpdate(expected, { version, time, added: toNQuads(delta.added), removed: toNQuads(delta.removed), touched }, writeId));
    return ops.join(' ;\n');
  }

  private async committed(version: number, writeId: string): Promise<boolean> {
    const rows = await this.reader.rawRows(this.meta.writeIdQuery(version));
    return rows[0]?.id?.value === writeId;
  }

  /** Seeding and bulk insertion without gate or change log: ground quads in chunks, blank-node quads in one request. */
  async insertChunks(quads: readonly Quad[]): Promise<void> {
    const withBnodes = quads.filter((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode');
    const ground = quads.filter((q) => q.subject.termType !== 'BlankNode' && q.object.termType !== 'BlankNode');
    if (this.options.gspUrl) return postGraphs(this.client, this.options.gspUrl, this.reader.dialect, ground, withBnodes, Math.max(this.timeoutMs, UPDATE_TIMEOUT_MS));
    const blockOf = (chunk: Quad[]): string =>
      [...byGraph(chunk)].map(([g, qs]) => {
        const stored = g === '' ? this.reader.dialect.defaultGraphIri : g;
        return stored === undefined ? triplesBlock(qs) : `GRAPH <${stored}> { ${triplesBlock(qs)} }`;
      }).join('\n');
    for (let i = 0; i < ground.length; i += INSERT_CHUNK) {
      await this.client.update(`INSERT DATA { ${blockOf(ground.slice(i, i + INSERT_CHUNK))} }`, Math.max(this.timeoutMs, UPDATE_TIMEOUT_MS));
    }
    if (withBnodes.length) await this.client.update(`INSERT { ${blockOf(withBnodes)} } WHERE {}`, Math.max(this.timeoutMs, UPDATE_TIMEOUT_MS));
  }

  /**
   * `osce-kg load` on this backend: the files' quads go in by chunked INSERT DATA (no gate, no delta), then one
   * change-log entry marked as a bulk load, listing its entities, steps the version, so that every instance's caches,
   * change feed, search index and dumps follow. Instances may see the quads before the version step.
   */
  bulkLoad(inputs: BulkInput[]): Promise<{ version: number; quads: number }> {
    const result = this.chain.then(async () => {
      await this.open();
      const quads = parseInputs(inputs);
      const before = await this.reader.size();
      await this.insertChunks(quads);
      const version = await this.stepVersion(touchedIris({ added: quads, removed: [] }, this.meta.entityPrefix));
      return { version, quads: (await this.reader.size()) - before };
    });
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** A bulk entry and the version step, retried like a write when another instance commits first. */
  private async stepVersion(touched: string[]): Promise<number> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const expected = await this.readVersion();
      const event: ChangeEvent = { version: expected + 1, time: new Date(), summary: EMPTY_SUMMARY, bulk: true };
      const writeId = randomUUID();
      const present = this.meta.presentUpdate(expected, event.version, touched);
      const commit = this.meta.commitUpdate(expected, { version: event.version, time: event.time, touched }, writeId);
      await this.client.update(present ? `${present} ;\n${commit}` : commit, Math.max(this.timeoutMs, UPDATE_TIMEOUT_MS)).catch((e: unknown) => {
        if (!(e instanceof AppError && e.code === 'STORE_CONFLICT')) throw e;
      });
      this.cached = undefined;
      if (await this.committed(event.version, writeId)) {
        await this.poller.catchUp(event.version, event);
        return event.version;
      }
      await backOff(attempt);
    }
    throw new AppError(503, 'WRITE_CONFLICT', `The version step lost ${MAX_ATTEMPTS} races with other instances writing to the same store; try again.`, undefined, { 'Retry-After': '1' });
  }

  async hasGraph(graph: GraphName): Promise<boolean> {
    await this.open();
    return this.reader.hasGraph(graph);
  }

  async graphs(): Promise<string[]> {
    await this.open();
    return this.reader.namedGraphs();
  }

  async *dump(opts: { format: 'application/n-quads' | 'application/n-triples' | 'text/turtle'; graph?: GraphName }): AsyncIterable<string> {
    await this.open();
    yield* this.reader.dump(opts.format, opts.graph, this.options.dumpPageSize);
  }

  /** The pages of `dump` encoded here: they arrive as text over HTTP, so there is no string to spare this thread. */
  async *dumpBytes(opts: { format: 'application/n-quads' | 'application/n-triples' | 'text/turtle'; graph?: GraphName }): AsyncIterable<Uint8Array> {
    const encoder = new TextEncoder();
    for await (const text of this.dump(opts)) yield encoder.encode(text);
  }

  private async readVersionOrUndefined(): Promise<number | undefined> {
    const rows = await this.reader.rawRows(this.meta.versionQuery());
    const values = rows.map((r) => Number(r.v?.value)).filter((n) => Number.isFinite(n));
    return values.length ? Math.max(...values) : undefined;
  }

  /**
   * @param required a write needs the state: without it, every conditional request would match nothing and look like
   *   a lost race
   */
  private async readVersion(required = false): Promise<number> {
    const found = await this.readVersionOrUndefined();
    if (found === undefined && required) {
      throw new AppError(503, 'STORE_STATE_MISSING', `The store's version state (graph <${this.meta.graph}>) is gone: it was dropped by another service on the same store (one with another base) or by hand; restart an instance to initialise it again.`);
    }
    const v = found ?? 0;
    this.cached = { version: v, at: Date.now() };
    return v;
  }

  async version(): Promise<number> {
    await this.open();
    const c = this.cached;
    if (c && Date.now() - c.at <= (this.options.versionCacheMs ?? 5)) return c.version;
    return this.readVersion();
  }

  async size(): Promise<number> {
    await this.open();
    return this.reader.size();
  }

  onChange(listener: (event: ChangeEvent) => void): () => void {
    return this.poller.subscribe(listener);
  }

  private async changeEntries(from: number, to: number): Promise<ChangeEvent[]> {
    const rows = await this.reader.rawRows(this.meta.changesQuery(from, to));
    return rows.map((r) => ({
      version: Number(r.v?.value),
      time: new Date(r.t?.value ?? 0),
      summary: summarize({ added: parseNQuads(r.a?.value ?? '').map(toRdfjsQuad), removed: parseNQuads(r.r?.value ?? '').map(toRdfjsQuad) }),
      ...(r.b ? { bulk: true } : {}),
    }));
  }
}


/** An op with a document to parse as the same op with its quads (the delta is computed here, on quads). */
async function withQuads(op: WriteOp): Promise<QuadWriteOp> {
  if (!('body' in op)) return op;
  const { baseIri, contexts } = op.body;
  const quads: Quad[] = [];
  // each document parsed on its own (its parser's blank node labels its own)
  for await (const { chunks, mediaType } of documentsOf(op.body)) quads.push(...(await parseUpload(chunks, mediaType, op.graph, baseIri, contexts)));
  return { type: op.type, graph: op.graph, quads };
}
