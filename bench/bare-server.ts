/**
 * The baseline: oxigraph behind a bare node:http server (no framework, no negotiation beyond one Accept check, no
 * cache): what a user gets from ~40 lines. Prints one JSON line {port, loadMs, quads} once the data is loaded.
 * `/floor` answers every request with one constant row, evaluating nothing: the cost of the HTTP round trip itself, the
 * floor under any answer over HTTP (a result-cache hit included).
 *   node dist/bench/bare-server.js FILE.nq
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import oxigraph from 'oxigraph';
import { fileChunks } from './files.js';

const file = process.argv[2];
if (!file) throw new Error('usage: bare-server.js FILE.nq');
const store = new oxigraph.Store();
const t0 = performance.now();
store.load(fileChunks(file), { format: 'application/n-quads', no_transaction: true });
const loadMs = performance.now() - t0;

async function readQuery(req: import('node:http').IncomingMessage, url: URL): Promise<string | null> {
  if (req.method === 'GET') return url.searchParams.get('query');
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  return type.startsWith('application/sparql-query') ? body : new URLSearchParams(body).get('query');
}

const FLOOR_BODY = JSON.stringify({ head: { vars: ['x'] }, results: { bindings: [{ x: { type: 'literal', value: '1' } }] } });

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/floor') {
    req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end(FLOOR_BODY));
    return;
  }
  if (url.pathname === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rssMb: process.memoryUsage().rss / 1048576 }));
    return;
  }
  readQuery(req, url).then((query) => {
    if (!query) return void res.writeHead(400).end('missing query');
    const graph = /n-triples|turtle/.test(req.headers.accept ?? '');
    const format = graph ? 'application/n-triples' : 'application/sparql-results+json';
    try {
      const body = store.query(query, { use_default_graph_as_union: true, results_format: format }) as string;
      res.writeHead(200, { 'content-type': format }).end(body);
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
    }
  }, () => res.writeHead(500).end());
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, loadMs, quads: store.size })}\n`);
});
