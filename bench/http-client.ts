/** SPARQL over HTTP, timed from request to parsed result, the way a Node client would use an endpoint. */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fingerprint } from './files.js';
import type { QueryOutcome } from './engine-protocol.js';

interface SparqlJson {
  boolean?: boolean;
  results?: { bindings: Record<string, { value: string }>[] };
}

/** Rows as sorted value strings, like the in-process engines report them. */
function jsonRows(body: SparqlJson): string[] {
  if (body.results) return body.results.bindings.map((b) => Object.values(b).map((v) => v.value).sort().join('\t'));
  return [String(body.boolean)];
}

/** N-Triples lines (the bench's CONSTRUCT/DESCRIBE format); values are not compared, only counted. */
function ntriplesRows(text: string): string[] {
  return text.split('\n').filter((l) => l.trim().endsWith('.'));
}

/**
 * node:http with a keep-alive agent rather than fetch: on this machine undici's fetch adds 5-30 ms per call to a
 * loopback server that answers curl in 2 ms, which would drown the server-side differences we measure.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs: number }):
  Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent, timeout: init.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The total `dur` of a `Server-Timing` header (W3C Server Timing), if the server sent one. */
export function serverTiming(headers: Record<string, string | string[] | undefined>): number | undefined {
  const value = headers['server-timing'];
  const durations = [...String(value ?? '').matchAll(/;\s*dur=([\d.]+)/g)].map((m) => Number(m[1]));
  return durations.length === 0 ? undefined : durations.reduce((a, b) => a + b, 0);
}

export async function httpQuery(endpoint: string, text: string, kind: 'select' | 'construct', timeoutMs: number,
  headers: Record<string, string> = {}): Promise<QueryOutcome> {
  const accept = kind === 'construct' ? 'application/n-triples' : 'application/sparql-results+json';
  const t0 = performance.now();
  try {
    const res = await send(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept, ...headers },
      body: new URLSearchParams({ query: text }).toString(),
      timeoutMs,
    });
    const body = res.body.toString('utf8');
    if (res.status >= 400) return { ms: performance.now() - t0, error: `HTTP ${res.status}: ${body.slice(0, 200)}` };
    const rows = kind === 'construct' ? ntriplesRows(body) : jsonRows(JSON.parse(body) as SparqlJson);
    const ms = performance.now() - t0;
    return { ms, rows: rows.length, fingerprint: kind === 'construct' ? undefined : fingerprint(rows), serverMs: serverTiming(res.headers) };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') return { ms: timeoutMs, timeout: true };
    return { ms: performance.now() - t0, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A GET timed to the end of the body (resource documents, JSON-LD views, dumps). */
export async function httpGet(url: string, accept: string, timeoutMs: number, headers: Record<string, string> = {}):
  Promise<QueryOutcome & { status?: number; bytes?: number; etag?: string }> {
  const t0 = performance.now();
  try {
    const res = await send(url, { headers: { accept, ...headers }, timeoutMs });
    const etag = res.headers.etag;
    const out = { ms: performance.now() - t0, status: res.status, bytes: res.body.length, etag: typeof etag === 'string' ? etag : undefined,
      serverMs: serverTiming(res.headers) };
    return res.status >= 400 ? { ...out, error: `HTTP ${res.status}` } : out;
  } catch (error) {
    return { ms: performance.now() - t0, error: error instanceof Error ? error.message : String(error) };
  }
}
