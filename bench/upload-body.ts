/**
 * `node dist/bench/upload-body.js [--mb 16] [--rounds 16] [--chunked]`: what reading an upload's body costs the thread
 * that answers requests, the two ways a route can read it, each in a server process of its own, alternated (decision 0028):
 * `web`, through the web ReadableStream @hono/node-server builds over the request (what routes did before), and
 * `node`, straight from the node:http request with the body gathered into one buffer when its length is given. Each
 * upload is read and gathered for the writer exactly as the Graph Store route does (`requestChunks`, `wireOp`), then
 * answered without a write. The server runs in a child process that does nothing else, so its CPU time per upload is
 * not inflated by the machine's load; its GC pauses come from `PerformanceObserver('gc')`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { declaredBytes, requestChunks } from '../src/http/body.js';
import { wireOp } from '../src/store/protocol.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '16' },
    chunked: { type: 'boolean', default: false },
    serve: { type: 'string' },
  },
});

interface Cost {
  cpuMs: number;
  majorGcs: number;
  longestGcMs: number;
  gcMs: number;
}

const LIMIT = 512 << 20;

/** A server reading every upload one way; one process per way, so one way's garbage is never collected in the other's. */
function serve(way: string): void {
  let pauses: { kind: number; ms: number }[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ kind: (e as PerformanceEntry & { detail: { kind: number } }).detail.kind, ms: e.duration });
  }).observe({ entryTypes: ['gc'] });
  const app = new Hono();
  app.put('/', async (c) => {
    const node = way === 'node';
    const cpu0 = process.cpuUsage();
    pauses = [];
    const length = node ? declaredBytes(c.req.raw, LIMIT) : undefined;
    const chunks = requestChunks(c.req.raw, LIMIT, node ? c.env : undefined);
    await wireOp({ type: 'put-graph', graph: { iri: 'urn:bench' }, body: { chunks, mediaType: 'application/n-triples', baseIri: 'urn:bench', ...(length ? { length } : {}) } });
    const cpu = process.cpuUsage(cpu0);
    const cost: Cost = {
      cpuMs: (cpu.user + cpu.system) / 1000,
      majorGcs: pauses.filter((p) => p.kind === constants.NODE_PERFORMANCE_GC_MAJOR).length,
      longestGcMs: Math.max(0, ...pauses.map((p) => p.ms)),
      gcMs: pauses.reduce((sum, p) => sum + p.ms, 0),
    };
    return c.json(cost);
  });
  const server = createServer(getRequestListener(app.fetch));
  server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
}

function put(port: number, body: Buffer, chunked: boolean): Promise<Cost> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/n-triples', ...(chunked ? {} : { 'content-length': body.length }) };
    const req = request({ port, host: '127.0.0.1', method: 'PUT', path: '/', headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve(JSON.parse(text) as Cost));
    });
    req.on('error', reject);
    void (async () => {
      // in 1 MiB writes, as a client streaming a file does
      for (let at = 0; at < body.length; at += 1 << 20) {
        if (!req.write(body.subarray(at, at + (1 << 20)))) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })();
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const start = (way: string) => {
    const child = fork(fileURLToPath(import.meta.url), ['--serve', way], { stdio: 'inherit' });
    return { child, port: new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m)))) };
  };
  const servers = { web: start('web'), node: start('node') };
  const children: ChildProcess[] = [servers.web.child, servers.node.child];
  try {
    const ports = { web: await servers.web.port, node: await servers.node.port };
    const line = '<http://localhost:8080/id/release/bench> <http://schema.org/text> "a line to fill the upload with bytes, about one hundred" .\n';
    const body = Buffer.from(line.repeat(Math.ceil((Number(values.mb) * 1e6) / line.length)));
    const costs: Record<'web' | 'node', Cost[]> = { web: [], node: [] };
    const rounds = Number(values.rounds);
    for (let i = 0; i < rounds + 2; i++) {
      for (const way of i % 2 ? (['node', 'web'] as const) : (['web', 'node'] as const)) {
        const cost = await put(ports[way], body, values.chunked!);
        if (i >= 2) costs[way].push(cost); // the first two rounds warm up
      }
    }
    const out = (way: 'web' | 'node') => {
      const c = costs[way];
      return `CPU ${median(c.map((x) => x.cpuMs)).toFixed(1)} ms, uploads with a major GC ${c.filter((x) => x.majorGcs > 0).length} of ${c.length}, ` +
        `longest GC pause ${median(c.map((x) => x.longestGcMs)).toFixed(1)} ms, GC in all ${median(c.map((x) => x.gcMs)).toFixed(1)} ms (medians)`;
    };
    const ratio = median(costs.node.map((x) => x.cpuMs)) / median(costs.web.map((x) => x.cpuMs));
    console.log(`${(body.length / 1e6).toFixed(1)} MB ${values.chunked ? 'chunked' : 'with Content-Length'}, ${rounds} uploads each way`);
    console.log(`web stream:   ${out('web')}`);
    console.log(`node request: ${out('node')}`);
    console.log(`CPU node / web: ${ratio.toFixed(2)} (load average ${loadavg()[0]!.toFixed(1)})`);
  } finally {
    for (const child of children) child.kill();
  }
}

if (values.serve) serve(values.serve);
else await main();
