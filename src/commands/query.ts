/**
 * `osce-kg query`: one SPARQL query over the store in --data-dir, or over the built-in data in memory when no
 * --data-dir is given; output as SPARQL results (json, csv, tsv, xml), RDF (ttl, nt, jsonld, rdfxml) or an aligned
 * text table.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { builtinQuads } from '../builtin.js';
import { createEmbeddedStore, createMemoryStore, type EmbeddedStore } from '../store/embedded-store.js';
import { queryForm } from '../store/query-form.js';
import { bindNamedQuery } from '../api/named-queries.js';
import { AppError, isAppError } from '../errors.js';
import { parseQuery } from '../sparql/parse.js';
import { renderTable, type SparqlJson } from './table.js';

const RESULT_TYPES: Record<string, string> = {
  json: 'application/sparql-results+json', csv: 'text/csv', tsv: 'text/tab-separated-values', xml: 'application/sparql-results+xml',
};
const GRAPH_TYPES: Record<string, string> = {
  ttl: 'text/turtle', nt: 'application/n-triples', jsonld: 'application/ld+json', json: 'application/ld+json', rdfxml: 'application/rdf+xml', xml: 'application/rdf+xml',
};

export interface StoreArgs {
  dataDir?: string;
  base?: string;
  empty?: boolean;
}

/**
 * The store a command works on: the persisted one in --data-dir (seeded on first use), else the built-in data in
 * memory. The built-in data is the one `serve` seeds a new store with (reference data and the seed releases).
 */
export function openCommandStore(args: StoreArgs, workers = 1): EmbeddedStore {
  const config = loadConfig({ base: args.base });
  const seed = () => (args.empty ? [] : builtinQuads(config.base));
  return args.dataDir ? createEmbeddedStore({ dataDir: args.dataDir, seed, workers }) : createMemoryStore(seed(), { workers });
}

interface QueryArgs extends StoreArgs {
  file?: string;
  named?: string;
  param?: string[];
  format?: string;
  timeout?: string;
}

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('Run a SPARQL query over the store in --data-dir, or over the built-in data when no --data-dir is given.')
    .argument('[text]', 'the query text (or use --file)')
    .option('--file <file>', 'read the query from a file')
    .option('--named <name>', 'run a named query of queries/ (e.g. participating-states)')
    .option('--param <key=value>', 'a parameter of the named query (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--format <format>', 'json|csv|tsv|xml|table (SELECT/ASK) or ttl|nt|jsonld|rdfxml|table (CONSTRUCT/DESCRIBE); default table / ttl')
    .option('--data-dir <dir>', 'folder of the embedded store (default: the built-in data, in memory)')
    .option('--base <iri>', 'base IRI of the built-in data')
    .option('--timeout <seconds>', 'query time limit', '30')
    .action(async (text: string | undefined, args: QueryArgs) => {
      const query = queryText(text, args);
      process.stdout.write(await runQuery(query, args));
    });
}

/** The query from the argument, --file or --named with its --param values (bound as terms, never pasted). */
export function queryText(text: string | undefined, args: QueryArgs): string {
  if ([text, args.file, args.named].filter((x) => x !== undefined).length !== 1) {
    throw new Error('give exactly one of: the query text, --file FILE, --named NAME');
  }
  if (args.param && !args.named) throw new Error('--param only goes with --named');
  if (args.named) {
    const params: Record<string, string> = {};
    for (const kv of args.param ?? []) {
      const eq = kv.indexOf('=');
      if (eq < 1) throw new Error(`--param takes key=value, got "${kv}"`);
      params[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    return bindNamedQuery(args.named, params);
  }
  return args.file ? readFileSync(args.file, 'utf8') : text!;
}

/** Evaluates `query` and renders it in the chosen format (the command's work, callable from tests). */
export async function runQuery(query: string, args: QueryArgs): Promise<string> {
  const form = queryForm(query);
  const graphForm = form === 'CONSTRUCT' || form === 'DESCRIBE';
  const format = args.format ?? (graphForm ? 'ttl' : 'table');
  const table = graphForm ? GRAPH_TYPES : RESULT_TYPES;
  const mediaType = format === 'table' ? (graphForm ? 'application/n-triples' : RESULT_TYPES.json!) : table[format];
  if (!mediaType) throw new Error(`--format ${format} does not fit a ${form} query; use one of ${[...Object.keys(table), 'table'].join(', ')}`);
  const store = openCommandStore(args);
  try {
    const result = await store.query({ query, format: mediaType, unionDefaultGraph: true, timeoutMs: Number(args.timeout ?? 30) * 1000 })
      .catch((error: unknown) => Promise.reject(preciseSyntaxError(error, query, loadConfig({ base: args.base }).base)));
    if (format !== 'table') return result.body.endsWith('\n') ? result.body : `${result.body}\n`;
    if (graphForm) return renderTable(await tripleTable(store, query));
    return renderTable(JSON.parse(result.body) as SparqlJson);
  } finally {
    await store.close();
  }
}

/**
 * The engine reports where its parser gave up, often past the fault ("expected OPTIONAL" for an undeclared prefix);
 * sparqljs names the token, as /sparql answers (sparql/execute.ts): its message, with the position it found.
 */
function preciseSyntaxError(error: unknown, query: string, base: string): unknown {
  if (!isAppError(error) || error.code !== 'QUERY_SYNTAX') return error;
  try {
    parseQuery(query, base);
  } catch (parsed) {
    const at = isAppError(parsed) ? (parsed.detail as { line?: number; column?: number } | undefined) : undefined;
    if (at?.line !== undefined && isAppError(parsed)) {
      return /\bline \d/.test(parsed.message) ? parsed : new AppError(400, parsed.code, `${parsed.message} (line ${at.line}, column ${at.column})`, at);
    }
  }
  return error;
}

async function tripleTable(store: EmbeddedStore, query: string): Promise<SparqlJson> {
  const quads = await store.construct(query);
  const cell = (t: { termType: string; value: string }) => ({ type: t.termType === 'Literal' ? 'literal' : t.termType === 'BlankNode' ? 'bnode' : 'uri', value: t.value });
  return {
    head: { vars: ['subject', 'predicate', 'object'] },
    results: { bindings: quads.map((q) => ({ subject: cell(q.subject), predicate: cell(q.predicate), object: cell(q.object) })) },
  };
}
