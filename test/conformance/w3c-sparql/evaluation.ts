/**
 * Runs W3C query-evaluation, update-evaluation and syntax tests against the server over HTTP.
 */
import type { Quad } from '@rdfjs/types';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DataFactory, Parser } from 'n3';
import sparqljs from 'sparqljs';
import { labelledGraphs, MF, QT, UT, type W3cTest } from './manifest.js';
import { compareGraphs, compareSolutions, compareTabular, parseExpected, parseJsonResults, resultSetFromGraph, type Solutions } from './results.js';
import { dropAll, loadFile, parseDataFile, query, update, AUTH, type Server } from './server.js';

/** The query text with the file's URL as base, so relative IRIs resolve as the suite intends. */
function withBase(file: string): string {
  return `BASE <${pathToFileURL(file).href}>\n${readFileSync(file, 'utf8')}`;
}

/** FROM / FROM NAMED graphs that are suite files: loaded as named graphs named by their IRI. */
function fromGraphs(text: string): string[] {
  try {
    const tree = new sparqljs.Parser({ skipValidation: true } as never).parse(text) as { from?: { default: { value: string }[]; named: { value: string }[] } };
    return [...(tree.from?.default ?? []), ...(tree.from?.named ?? [])].map((t) => t.value).filter((iri) => iri.startsWith('file:'));
  } catch {
    return [];
  }
}

async function errorCode(res: Response): Promise<string> {
  try {
    return ((await res.json()) as { error?: { code?: string } }).error?.code ?? '';
  } catch {
    return '';
  }
}

/** Runs one test; resolves to undefined on success or a failure reason. */
export async function runEvaluationTest(server: Server, t: W3cTest): Promise<string | undefined> {
  if (t.type.endsWith('SyntaxTest11')) return runSyntax(server, t);
  if (t.type === 'mf:UpdateEvaluationTest') return runUpdate(server, t);
  return runQuery(server, t);
}

async function runSyntax(server: Server, t: W3cTest): Promise<string | undefined> {
  const file = fileURLToPath(t.graph.value(t.node, `${MF}action`) ?? '');
  const isUpdate = t.type.includes('Update');
  await dropAll(server);
  const text = withBase(file);
  const res = isUpdate ? await update(server, text) : await query(server, text, 'application/sparql-results+json, application/n-triples');
  const code = res.status === 400 ? await errorCode(res) : '';
  const rejected = res.status === 400 && /SYNTAX$/.test(code);
  if (t.type.includes('Negative')) return res.status === 400 ? undefined : `accepted (${res.status})`;
  return rejected ? `rejected: ${code}` : res.status >= 500 ? `server error ${res.status}` : undefined;
}

async function loadDataset(server: Server, defaults: string[], named: { file: string; name: string }[]): Promise<void> {
  await dropAll(server);
  for (const file of defaults) await loadFile(server, file);
  for (const g of named) await loadFile(server, g.file, g.name);
}

async function runQuery(server: Server, t: W3cTest): Promise<string | undefined> {
  const action = t.graph.one(t.node, `${MF}action`);
  const resultIri = t.graph.value(t.node, `${MF}result`);
  if (!action || !resultIri) return 'malformed test';
  const queryFile = fileURLToPath(t.graph.value(action, `${QT}query`) ?? '');
  const text = withBase(queryFile);
  const defaults = t.graph.objects(action, `${QT}data`).map((d) => fileURLToPath(d.value));
  const named = t.graph.objects(action, `${QT}graphData`).map((g) => ({ file: fileURLToPath(g.value), name: g.value }));
  for (const iri of fromGraphs(text)) if (!named.some((g) => g.name === iri)) named.push({ file: fileURLToPath(iri), name: iri });
  await loadDataset(server, defaults, named);
  const resultFile = fileURLToPath(resultIri);
  const ext = resultFile.slice(resultFile.lastIndexOf('.') + 1);
  if (ext === 'csv' || ext === 'tsv') {
    const res = await query(server, text, ext === 'csv' ? 'text/csv' : 'text/tab-separated-values');
    if (res.status !== 200) return `status ${res.status}: ${(await res.text()).slice(0, 200)}`;
    return compareTabular(readFileSync(resultFile, 'utf8'), await res.text());
  }
  const resultSet = ext === 'ttl' ? resultSetFromGraph(await parseDataFile(resultFile)) : undefined;
  if (ext === 'srx' || ext === 'srj' || resultSet) {
    const expected: Solutions = resultSet ?? (await parseExpected(resultFile));
    const res = await query(server, text, 'application/sparql-results+json');
    if (res.status !== 200) return `status ${res.status}: ${(await res.text()).slice(0, 200)}`;
    const ordered = /ORDER\s+BY/i.test(readFileSync(queryFile, 'utf8'));
    return compareSolutions(expected, parseJsonResults(await res.text()), ordered);
  }
  const res = await query(server, text, 'application/n-triples');
  if (res.status !== 200) return `status ${res.status}: ${(await res.text()).slice(0, 200)}`;
  const actual = new Parser({ format: 'N-Triples' }).parse(await res.text());
  return compareGraphs(await parseDataFile(resultFile), actual);
}

async function datasetState(server: Server): Promise<Quad[]> {
  const out: Quad[] = [];
  const nt = async (target: string) => {
    const res = await fetch(`${server.url}/graph-store?${target}`, { headers: { Accept: 'application/n-triples' } });
    return new Parser({ format: 'N-Triples' }).parse(await res.text());
  };
  out.push(...(await nt('default')));
  const res = await query(server, 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', 'application/sparql-results+json');
  const graphs = parseJsonResults(await res.text());
  if (graphs.kind !== 'bindings') throw new Error('graph list is not a SELECT result');
  for (const row of graphs.rows) {
    const g = row.g?.value ?? '';
    for (const q of await nt(`graph=${encodeURIComponent(g)}`)) out.push(DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(g)));
  }
  return out;
}

async function expectedState(t: W3cTest, result: Quad['object']): Promise<Quad[]> {
  const out: Quad[] = [];
  for (const d of t.graph.objects(result, `${UT}data`)) out.push(...(await parseDataFile(fileURLToPath(d.value))));
  for (const g of labelledGraphs(t.graph, result)) {
    for (const q of await parseDataFile(g.file)) out.push(DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(g.name)));
  }
  return out;
}

async function runUpdate(server: Server, t: W3cTest): Promise<string | undefined> {
  const action = t.graph.one(t.node, `${MF}action`);
  const result = t.graph.one(t.node, `${MF}result`);
  if (!action || !result) return 'malformed test';
  const defaults = t.graph.objects(action, `${UT}data`).map((d) => fileURLToPath(d.value));
  await loadDataset(server, defaults, labelledGraphs(t.graph, action));
  const requestFile = fileURLToPath(t.graph.value(action, `${UT}request`) ?? '');
  const res = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-update', ...AUTH }, body: withBase(requestFile) });
  if (res.status !== 204) return `status ${res.status}: ${(await res.text()).slice(0, 200)}`;
  return compareGraphs(await expectedState(t, result as Quad['object']), await datasetState(server));
}
