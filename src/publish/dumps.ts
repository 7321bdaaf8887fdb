/**
 * Whole-dataset dumps, gzipped, written to files and regenerated in the background after changes (debounced and
 * serialized: at most one generation runs, and one more is queued when data changes meanwhile). Each generation
 * writes version-stamped files and only then swaps the metadata, so a download always matches its listed size and
 * checksum; files two generations old are removed after the swap (open downloads keep their inode on POSIX).
 * A generation is published only when the dataset version did not move while it was read, so a dump labelled with a
 * version is exactly that version: replicas on one shared store publish byte-identical files (same sha256, same ETag).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { JsonLdSerializer } from 'jsonld-streaming-serializer';
import { StreamParser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { NS } from '../model/ns.js';
import type { KgStore } from '../store/types.js';

export const DUMP_FORMATS = [
  { name: 'osce-kg.nt.gz', mediaType: 'application/n-triples', fileType: 'RDF_N_TRIPLES', title: 'N-Triples' },
  { name: 'osce-kg.nq.gz', mediaType: 'application/n-quads', fileType: 'RDF_N_QUADS', title: 'N-Quads (named graphs with provenance)' },
  { name: 'osce-kg.ttl.gz', mediaType: 'text/turtle', fileType: 'RDF_TURTLE', title: 'Turtle' },
  { name: 'osce-kg.jsonld.gz', mediaType: 'application/ld+json', fileType: 'JSON_LD', title: 'JSON-LD (named graphs, streamed)' },
] as const;
export type DumpFormat = (typeof DUMP_FORMATS)[number];

export interface DumpFile {
  format: DumpFormat;
  /** Absolute path of this generation's file. */
  path: string;
  bytes: number;
  sha256: string;
  /** SHA-1 as well: DCAT-AP 2.1.1 only accepts spdx:checksumAlgorithm_sha1. */
  sha1: string;
  modified: Date;
  /** Dataset version the dump was taken at. */
  version: number;
}

/** Prefixes only (no terms with containers): the streaming serializer compacts IRIs, not values. */
function prefixContext(): Record<string, string> {
  return Object.fromEntries(Object.entries(NS));
}

/**
 * Regroups each run of quads with the same graph and subject by predicate: the streaming serializer writes one JSON
 * key per run of equal predicates, so interleaved predicates would repeat a key in one object (JSON keeps the last).
 * Only one subject's quads are buffered at a time.
 */
function groupByPredicate(): Transform {
  let run: Quad[] = [];
  const flush = (push: (q: Quad) => void) => {
    const order = new Map<string, Quad[]>();
    for (const q of run) order.set(q.predicate.value, [...(order.get(q.predicate.value) ?? []), q]);
    for (const qs of order.values()) for (const q of qs) push(q);
    run = [];
  };
  return new Transform({
    objectMode: true,
    transform(q: Quad, _enc, done) {
      const head = run[0];
      if (head && (!head.graph.equals(q.graph) || !head.subject.equals(q.subject))) flush((x) => this.push(x));
      run.push(q);
      done();
    },
    flush(done) {
      flush((x) => this.push(x));
      done();
    },
  });
}

/**
 * JSON-LD streamed from the N-Quads dump (jsonld-streaming-serializer groups consecutive quads of one graph and
 * subject), so a large dataset is never held in memory nor compacted on the HTTP thread as a whole.
 */
function jsonLdStream(store: KgStore): Readable {
  const serializer = new JsonLdSerializer({ context: prefixContext() });
  const fail = (e: Error) => serializer.destroy(e);
  const parser = new StreamParser({ format: 'N-Quads' }).on('error', fail);
  const grouper = groupByPredicate().on('error', fail);
  Readable.from(store.dump({ format: 'application/n-quads' })).on('error', fail).pipe(parser).pipe(grouper)
    .pipe(serializer as unknown as NodeJS.WritableStream);
  return serializer as unknown as Readable;
}

function chunks(store: KgStore, format: DumpFormat): Readable {
  if (format.mediaType === 'application/ld+json') return jsonLdStream(store);
  return Readable.from(store.dump({ format: format.mediaType }));
}

async function writeGzip(source: Readable, path: string): Promise<{ bytes: number; sha256: string; sha1: string }> {
  const hash = createHash('sha256');
  const sha1 = createHash('sha1');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      sha1.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(source, createGzip(), tap, createWriteStream(`${path}.tmp`));
  await rename(`${path}.tmp`, path);
  return { bytes, sha256: hash.digest('hex'), sha1: sha1.digest('hex') };
}

export interface DumpServiceOptions {
  dir: string;
  base: string;
  /** Quiet time after the last change before regenerating, ms. */
  debounceMs?: number;
  onError?: (e: unknown) => void;
}

export class DumpService {
  private current: DumpFile[] = [];
  /** Completed generations since start (debounce evidence for tests and metrics). */
  generations = 0;
  private running: Promise<void> | undefined;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly store: KgStore, private readonly opts: DumpServiceOptions) {}

  /** Generates the first set and regenerates after every change. */
  start(): Promise<void> {
    this.unsubscribe = this.store.onChange(() => this.schedule());
    return this.regenerate();
  }

  stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.running ?? Promise.resolve();
  }

  files(): readonly DumpFile[] {
    return this.current;
  }

  /** Resolves when no generation is running or queued. */
  async settled(): Promise<void> {
    while (this.running || this.timer) await (this.running ?? new Promise((r) => setTimeout(r, 10)));
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.regenerate();
    }, this.opts.debounceMs ?? 2000);
    this.timer.unref();
  }

  /** Runs a generation now (or queues one after the running one). */
  regenerate(): Promise<void> {
    if (this.running) {
      this.dirty = true;
      return this.running;
    }
    this.running = this.generate()
      .catch((e) => this.opts.onError?.(e))
      .finally(() => {
        this.running = undefined;
        if (this.dirty) {
          this.dirty = false;
          void this.regenerate();
        }
      });
    return this.running;
  }

  private async generate(): Promise<void> {
    await mkdir(this.opts.dir, { recursive: true });
    const version = await this.store.version();
    if (this.current[0]?.version === version) return; // already published (and its paths must not be overwritten)
    const next: DumpFile[] = [];
    for (const format of DUMP_FORMATS) {
      const path = join(this.opts.dir, `v${version}-${format.name}`);
      const { bytes, sha256, sha1 } = await writeGzip(chunks(this.store, format), path);
      next.push({ format, path, bytes, sha256, sha1, modified: (await stat(path)).mtime, version });
    }
    if ((await this.store.version()) !== version) {
      // a write landed while reading: these files match no version (on a shared store, another replica's dump of
      // the version they are labelled with would differ), so they are dropped and the next generation is queued
      this.dirty = true;
      for (const f of next) await rm(f.path, { force: true });
      return;
    }
    // the previous generation stays one round longer: a download that looked it up just before the swap can still open it
    const keep = new Set([...next, ...this.current].map((f) => f.path));
    this.current = next;
    this.generations++;
    for (const name of await readdir(this.opts.dir)) {
      const path = join(this.opts.dir, name);
      if (!keep.has(path) && /^v\d+-osce-kg\./.test(name)) await rm(path, { force: true });
    }
  }
}

/** Public download URL of a dump. */
export function dumpUrl(base: string, file: DumpFile): string {
  return `${base}dumps/${file.format.name}`;
}
