/**
 * `/dumps/`: the listing (HTML or JSON, with sizes and sha256), the gzipped files (the latest generation under fixed
 * names) and the dated snapshots (`/dumps/{YYYY-MM-DD}/osce-kg.nq.gz`, immutable, with `SHA256SUMS`), served as `application/gzip`
 * without Content-Encoding so sizes and checksums hold (publishing checklist), with validators (RFC 9110 §8.8),
 * conditional requests (§13: If-None-Match before If-Modified-Since) and single byte ranges (§14: 206, 416).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { AppContext } from '../context.js';
import { negotiate } from '../http/negotiate.js';
import { DUMP_FORMATS, type DumpFile } from '../linked-data/dump-files.js';
import type { DumpService } from '../linked-data/dumps.js';
import { RETENTION_NOTE, snapshotUrl, type Snapshot } from '../linked-data/snapshots.js';
import { renderPage } from '../web/layout.js';
import { noneMatch } from '../http/conditional.js';
import { notFoundResponse } from './not-found.js';

/** Public description of one dump (also used by the catalog and VoID). */
export function dumpListing(base: string, files: readonly DumpFile[]) {
  return files.map((f) => ({
    name: f.format.name, url: `${base}dumps/${f.format.name}`, format: f.format.title, mediaType: f.format.mediaType,
    bytes: f.bytes, sha256: f.sha256, modified: f.modified.toISOString(), version: f.version,
  }));
}

/** Parses a single `bytes=` range (§14.1.2); undefined = ignore the header, 'unsatisfiable' = 416. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined; // multiple or malformed ranges: send the whole file
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  return start >= size ? 'unsatisfiable' : { start, end };
}

function notModified(c: Context, file: DumpFile, etag: string): boolean {
  const inm = c.req.header('if-none-match');
  if (inm !== undefined) return noneMatch(inm, etag);
  const ims = c.req.header('if-modified-since');
  const since = ims ? Date.parse(ims) : NaN;
  return Number.isFinite(since) && Math.floor(file.modified.getTime() / 1000) * 1000 <= since;
}

/** Public description of the snapshots, newest first. */
export function snapshotListing(base: string, snapshots: readonly Snapshot[]) {
  return snapshots.map((s) => ({
    version: s.date, name: s.name, url: snapshotUrl(base, s), checksums: `${base}dumps/${s.date}/SHA256SUMS`,
    mediaType: 'application/n-quads', bytes: s.bytes, sha256: s.sha256, created: s.created.toISOString(), datasetVersion: s.version,
  }));
}

/** A snapshot served as a dump file: never changes, so clients may cache it for a year. */
function snapshotFile(s: Snapshot): DumpFile {
  const format = DUMP_FORMATS.find((f) => f.name === s.name)!;
  return { format, path: s.path, bytes: s.bytes, sha256: s.sha256, sha1: s.sha1, modified: s.created, version: s.version };
}

function serveFile(c: Context, file: DumpFile, cacheControl = 'public, max-age=300'): Response {
  const etag = `"${file.sha256.slice(0, 32)}"`;
  const headers: Record<string, string> = {
    ETag: etag, 'Last-Modified': file.modified.toUTCString(), 'Accept-Ranges': 'bytes',
    'Cache-Control': cacheControl, 'Content-Type': 'application/gzip',
    'Content-Disposition': `attachment; filename="${file.format.name}"`,
  };
  if (notModified(c, file, etag)) return c.body(null, 304, headers);
  const ifRange = c.req.header('if-range');
  const range = ifRange && ifRange !== etag ? undefined : parseRange(c.req.header('range'), file.bytes);
  if (range === 'unsatisfiable') return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${file.bytes}` });
  const { start, end } = range ?? { start: 0, end: file.bytes - 1 };
  headers['Content-Length'] = String(end - start + 1);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${file.bytes}`;
  const status = range ? 206 : 200;
  if (c.req.method === 'HEAD' || file.bytes === 0) return c.body(null, status, headers);
  const stream = Readable.toWeb(createReadStream(file.path, { start, end })) as ReadableStream<Uint8Array>;
  return c.body(stream, status, headers);
}

async function listing(ctx: AppContext, c: Context, dumps: DumpService): Promise<Response> {
  const type = negotiate(c.req.header('accept'), ['text/html', 'application/json']);
  const items = dumpListing(ctx.iris.base, dumps.files());
  const snapshots = snapshotListing(ctx.iris.base, dumps.snapshots.list());
  const etag = `"${createHash('sha256').update(`${type}\u0000${dumps.generating}\u0000${[...items, ...snapshots].map((d) => d.sha256).join()}`).digest('base64url').slice(0, 22)}"`;
  const headers = { Vary: 'Accept', 'Cache-Control': 'public, max-age=60', ETag: etag };
  if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  if (type === 'application/json') return c.json({ dumps: items, generating: dumps.generating, snapshots, retention: RETENTION_NOTE }, 200, headers);
  const rows = items.map((d) => html`<tr><td><a href="${d.url}">${d.name}</a></td><td>${d.format}</td><td>${d.bytes}</td><td><code>${d.sha256}</code></td><td>${d.modified}</td></tr>`);
  const snapshotRows = snapshots.map((s) => html`<tr><td><a href="${s.url}">${s.version}/${s.name}</a></td><td>${s.bytes}</td><td><code>${s.sha256}</code> (<a href="${s.checksums}">SHA256SUMS</a>)</td><td>${s.created}</td></tr>`);
  const page = await renderPage({ title: 'Dumps', lang: 'en' }, html`<h1>Dumps</h1>
<p>The whole graph, gzip-compressed, regenerated shortly after every change. These names always give the latest.</p>
<table><thead><tr><th scope="col">File</th><th scope="col">Format</th><th scope="col">Bytes</th><th scope="col">SHA-256</th><th scope="col">Modified</th></tr></thead>
<tbody>${rows}</tbody></table>
<h2>Dated snapshots</h2>
<p>The whole graph as N-Quads as it was on a day (UTC), for citation: a snapshot never changes. One is taken on each
day the data changed. ${RETENTION_NOTE}</p>
<table><thead><tr><th scope="col">Version</th><th scope="col">Bytes</th><th scope="col">SHA-256</th><th scope="col">Taken</th></tr></thead>
<tbody>${snapshotRows}</tbody></table>`);
  return c.html(page, 200, headers);
}

/** `dumps()` gives the started dump service (linked-data.ts starts it before these handlers run). */
export function dumpRoutes(ctx: AppContext, dumps: () => DumpService): Hono {
  const app = new Hono();
  app.get('/dumps', (c) => c.redirect('/dumps/', 301));
  app.get('/dumps/', (c) => listing(ctx, c, dumps()));
  app.get('/dumps/:date{[0-9]{4}-[0-9]{2}-[0-9]{2}}/:name', (c) => {
    const snapshot = dumps().snapshots.get(c.req.param('date'));
    if (!snapshot) return notFoundResponse(c, false, `No snapshot of ${c.req.param('date')}. ${RETENTION_NOTE} /dumps/ lists them.`);
    if (c.req.param('name') === 'SHA256SUMS') {
      return c.text(`${snapshot.sha256}  ${snapshot.name}\n`, 200, { 'Cache-Control': 'public, max-age=31536000, immutable' });
    }
    if (c.req.param('name') !== snapshot.name) return notFoundResponse(c, false, `The snapshot of ${snapshot.date} has ${snapshot.name} and SHA256SUMS.`);
    return serveFile(c, snapshotFile(snapshot), 'public, max-age=31536000, immutable');
  });
  app.get('/dumps/:name', (c) => {
    const file = dumps().files().find((f) => f.format.name === c.req.param('name'));
    if (!file) return notFoundResponse(c, false, `No dump named ${c.req.param('name')}.`);
    return serveFile(c, file);
  });
  return app;
}
