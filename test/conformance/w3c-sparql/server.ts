/**
 * A real `osce-kg serve` process for the W3C suites, and the HTTP calls the harness makes to it (graph store loads,
 * DROP ALL, queries, updates). Only loopback, only this process.
 */
import type { Quad } from '@rdfjs/types';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataFactory, Parser, Writer } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { freePort } from '../../support/listener.js';

export const TOKEN = 'w3c-suite-token';
const AUTH = { Authorization: `Bearer ${TOKEN}` };

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `osce-kg serve --empty --no-union-default-graph` on a free loopback port, with that address as its base
 * unless `extraArgs` name one: the service describes its endpoint and names directly identified graphs from the base,
 * never from the request.
 */
export async function startServer(extraArgs: string[] = []): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'osce-kg-w3c-'));
  const cli = new URL('../../../src/cli.js', import.meta.url);
  const port = String(await freePort());
  // instances behind a proxy are given the proxy's address as their base instead
  const base = extraArgs.includes('--base') ? [] : ['--base', `http://127.0.0.1:${port}/`];
  const args = [cli.pathname, 'serve', '--empty', '--no-union-default-graph', '--port', port, '--host', '127.0.0.1', ...base, '--data-dir', dataDir, '--query-timeout', '20', ...extraArgs];
  const child: ChildProcess = spawn(process.execPath, args, { env: { ...process.env, OSCE_KG_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s: ${stderr}`)), 60_000);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Parses a data file (Turtle, N-Triples, RDF/XML) with the file's own URL as base. */
export async function parseDataFile(file: string): Promise<Quad[]> {
  const base = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.rdf')) {
    return new Promise((resolve, reject) => {
      const quads: Quad[] = [];
      const parser = new RdfXmlParser({ baseIRI: base });
      parser.on('data', (q: Quad) => quads.push(q));
      parser.on('error', reject);
      parser.on('end', () => resolve(quads));
      parser.end(text);
    });
  }
  return new Parser({ baseIRI: base, format: file.endsWith('.nt') ? 'N-Triples' : 'text/turtle' }).parse(text);
}

let fileCounter = 0;
/** N-Triples of a file's triples, its blank nodes renamed apart from every other file's. */
async function ntriplesOf(file: string): Promise<string> {
  const prefix = `f${++fileCounter}x`;
  const quads = (await parseDataFile(file)).map((q) => {
    const rename = <T extends Quad['subject'] | Quad['object']>(t: T): T => (t.termType === 'BlankNode' ? (DataFactory.blankNode(prefix + t.value) as unknown as T) : t);
    return DataFactory.quad(rename(q.subject), q.predicate, rename(q.object));
  });
  return new Writer({ format: 'N-Triples' }).quadsToString(quads);
}

export async function update(server: Server, text: string): Promise<Response> {
  return fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-update', ...AUTH }, body: text });
}

export async function dropAll(server: Server): Promise<void> {
  const res = await update(server, 'DROP ALL');
  if (res.status !== 204) throw new Error(`DROP ALL answered ${res.status}: ${await res.text()}`);
}

/** Adds a file's triples to the default graph or a named graph with the graph store protocol. */
export async function loadFile(server: Server, file: string, graph?: string): Promise<void> {
  const target = graph === undefined ? 'default' : `graph=${encodeURIComponent(graph)}`;
  const res = await fetch(`${server.url}/graph-store?${target}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/n-triples', ...AUTH },
    body: await ntriplesOf(file),
  });
  if (res.status >= 300) throw new Error(`loading ${file} answered ${res.status}: ${await res.text()}`);
}

export async function query(server: Server, text: string, accept: string): Promise<Response> {
  return fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: accept }, body: text });
}

export { AUTH };
