/**
 * The encoding of one dump file from N-Quads / N-Triples / Turtle text: JSON-LD streamed from N-Quads, gzip, SHA-256
 * and SHA-1 of the gzipped bytes, written to a temp file, fsynced and renamed into place. Runs in the dump worker
 * (dump-worker.ts), off the HTTP thread: at 10k releases it is ~30 s of CPU per generation.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { JsonLdSerializer } from 'jsonld-streaming-serializer';
import { StreamParser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { NS } from '../model/ns.js';
import { partialPath } from './dump-manifest.js';

/** Size and checksums of a gzipped dump file. */
export interface FileDigest {
  bytes: number;
  sha256: string;
  /** SHA-1 as well: DCAT-AP 2.1.1 only accepts spdx:checksumAlgorithm_sha1. */
  sha1: string;
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
 * JSON-LD from N-Quads text (jsonld-streaming-serializer groups consecutive quads of one graph and subject), so a
 * large dataset is never held in memory nor compacted as a whole.
 */
function jsonLdStages(): NodeJS.ReadWriteStream[] {
  const serializer = new JsonLdSerializer({ context: prefixContext() });
  return [new StreamParser({ format: 'N-Quads' }), groupByPredicate(), serializer as unknown as NodeJS.ReadWriteStream];
}

/** Writes `source` (text in `mediaType`; JSON-LD is read as N-Quads) gzipped to `path`, durably. */
export async function encodeFile(source: Readable, mediaType: string, path: string): Promise<FileDigest> {
  const sha256 = createHash('sha256');
  const sha1 = createHash('sha1');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sha256.update(chunk);
      sha1.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const tmp = partialPath(path);
  try {
    const stages = mediaType === 'application/ld+json' ? jsonLdStages() : [];
    await pipeline([source, ...stages, createGzip(), tap, createWriteStream(tmp)]);
    // durable before it is listed: the manifest written after a generation is trusted on the next start
    const file = await open(tmp, 'r');
    await file.sync().finally(() => file.close());
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return { bytes, sha256: sha256.digest('hex'), sha1: sha1.digest('hex') };
}
