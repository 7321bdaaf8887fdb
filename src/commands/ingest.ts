/**
 * `osce-kg ingest FILE|DIR...`: press-release pages into the store in --data-dir, each through the SHACL gate, with a
 * progress bar on a terminal and a summary (ingested, updated, unchanged, rejected with reasons). `--dry-run` prints the TriG
 * of each release (its graph and the graphs of the entities it describes) instead of storing it. `--url` gives the
 * address the page was saved from (its identity: docs/decisions/0001-release-identity.md); `--replace` lets a page
 * replace a different release it conflicts with instead of being rejected.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import type { Quad } from '@rdfjs/types';
import { Writer } from 'n3';
import { loadConfig } from '../config.js';
import { isAppError } from '../errors.js';
import { builtinQuads } from '../builtin.js';
import { submittedPage } from '../harvest/charset.js';
import { buildRelease, ingestPage, referenceIndex } from '../ingest/index.js';
import { normalizeSourceUrl } from '../ingest/identity.js';
import { Iris, NS } from '../model/ns.js';
import { createProgress } from './progress.js';
import { checkStoreBase } from './store-base.js';
import { createEmbeddedStore } from '../store/embedded-store.js';
import { createShaclGate } from '../validation/index.js';

export interface IngestArgs {
  dataDir?: string;
  base?: string;
  dryRun?: boolean;
  /** The page's source URL (one page only). */
  url?: string;
  replace?: boolean;
}

export interface IngestSummary {
  ingested: string[];
  updated: string[];
  /** Releases the same page again left as they were (nothing written). */
  unchanged: string[];
  /** Releases whose key changed, as `former -> current`. */
  moved: string[];
  rejected: { file: string; code: string; message: string }[];
  /** What was left out of stored pages (names the reference data lacks), for a curator. */
  notes: { file: string; code: string; message: string }[];
}

const PAGE = /\.(txt|html?)$/i;

/** Files named, with folders expanded to their page files (sorted). */
export function pageFiles(paths: readonly string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p).filter((f) => PAGE.test(f)).sort().map((f) => join(p, f))
      : [p],
  );
}

function reject(summary: IngestSummary, file: string, e: unknown): void {
  if (!isAppError(e)) throw e;
  summary.rejected.push({ file, code: e.code, message: e.message });
}

/**
 * A page file as the ingester takes it: HTML (by its extension or its first character) in the encoding its
 * `<meta charset>` or byte order mark declares, other files UTF-8; a file that is not is rejected with its line.
 */
function readPage(file: string): Uint8Array | string {
  const bytes = readFileSync(file);
  const html = /\.x?html?$/i.test(file) || /^(\xef\xbb\xbf)?\s*</.test(bytes.subarray(0, 64).toString('latin1'));
  return submittedPage(bytes, html ? 'text/html' : 'text/plain');
}

/** TriG of a release: its graph and the entity graphs it writes into. */
async function toTrig(quads: readonly Quad[]): Promise<string> {
  const writer = new Writer({ format: 'TriG', prefixes: { osce: NS.osce, schema: NS.schema, rdfs: NS.rdfs, xsd: NS.xsd, prov: NS.prov } });
  for (const q of quads) writer.addQuad(q);
  return new Promise((resolve, reject) => writer.end((error, text) => (error ? reject(error) : resolve(text))));
}

/** The command's work, callable from tests; `out` receives the TriG of a dry run. */
export async function runIngest(paths: readonly string[], args: IngestArgs, out: (text: string) => void): Promise<IngestSummary> {
  const config = loadConfig({ ...(args.base ? { base: args.base } : {}), ...(args.dataDir ? { dataDir: args.dataDir } : {}) });
  const iris = new Iris(config.base);
  const index = referenceIndex(iris.base);
  const files = pageFiles(paths);
  if (args.url !== undefined) checkUrl(args.url, files);
  const summary: IngestSummary = { ingested: [], updated: [], unchanged: [], moved: [], rejected: [], notes: [] };
  const note = (file: string, notes: readonly { code: string; message: string }[]) => {
    for (const n of notes) summary.notes.push({ file, code: n.code, message: n.message });
  };
  const store = args.dryRun
    ? undefined
    : createEmbeddedStore({ dataDir: config.dataDir, workers: 0, seed: () => builtinQuads(iris.base) });
  await store?.open();
  try {
    if (store) await checkStoreBase(store, iris.base, config.dataDir, 'ingest');
  } catch (e) {
    await store?.close();
    throw e;
  }
  const progress = createProgress('ingest', files.length);
  try {
    const gate = createShaclGate(iris);
    for (const file of files) {
      const source = { name: basename(file), ...(args.url !== undefined ? { iri: args.url } : {}) };
      try {
        if (!store) {
          const { record, quads } = buildRelease(readPage(file), index, { source });
          out(`# ${file}\n# release graph <${record.graph}>\n${await toTrig(quads)}\n`);
          summary.ingested.push(record.iri);
          note(file, record.notes);
        } else {
          const result = await ingestPage({ store, gate, index }, readPage(file), { source, replace: Boolean(args.replace) });
          (result.created ? summary.ingested : result.unchanged ? summary.unchanged : summary.updated).push(result.iri);
          note(file, result.record.notes);
          if (result.moved) summary.moved.push(`${result.moved} -> ${result.iri}`);
        }
      } catch (e) {
        reject(summary, file, e);
      }
      progress.tick(1, basename(file));
    }
  } finally {
    progress.stop(summaryLine(summary, Boolean(args.dryRun)));
    await store?.close();
  }
  return summary;
}

/** `--url` names the address of one page: an absolute http(s) URL, with exactly one page file. */
function checkUrl(url: string, files: readonly string[]): void {
  if (!/^https?:\/\//i.test(url) || !normalizeSourceUrl(url)) throw new Error(`ingest: --url must be an absolute http(s) URL; got ${JSON.stringify(url)}.`);
  if (files.length !== 1) throw new Error(`ingest: --url names the address of one page, but ${files.length} page files were given.`);
}

export function summaryLine(s: IngestSummary, dryRun: boolean): string {
  const head = `${dryRun ? 'checked' : 'ingested'} ${s.ingested.length}, updated ${s.updated.length}, unchanged ${s.unchanged.length}, rejected ${s.rejected.length}`;
  return [
    head,
    ...s.moved.map((m) => `  moved ${m}`),
    ...s.rejected.map((r) => `  rejected ${r.file}: ${r.code}: ${r.message}`),
    ...s.notes.map((n) => `  note ${n.file}: ${n.code}: ${n.message}`),
  ].join('\n');
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('Ingest OSCE press-release pages (text export or HTML) into the store, each into its own graph.')
    .argument('<paths...>', 'page files or folders of .txt/.html pages')
    .option('--data-dir <dir>', 'folder of the embedded store (default: var/store, or OSCE_KG_DATA_DIR)')
    .option('--base <iri>', 'base IRI of entities')
    .option('--dry-run', 'print the TriG of each release (its graph and entity graphs) instead of storing it')
    .option('--url <url>', 'the address the page was saved from: its identity, so the same page again replaces its release (one page only)')
    .option('--replace', 'let a page replace a different release it conflicts with (same text from another address) instead of rejecting it')
    .action(async (paths: string[], args: IngestArgs) => {
      const summary = await runIngest(paths, args, (text) => process.stdout.write(text));
      if (summary.rejected.length > 0) process.exitCode = 1;
    });
}
