/**
 * `osce-kg load FILE...`: bulk load RDF files into the store in --data-dir. This is the fast path: the data goes
 * straight into a new snapshot, without per-write deltas, journal records or SHACL validation (use the graph store
 * protocol or `osce-kg ingest` for validated writes). The data directory is locked, so no server may be running on it.
 */
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { openCommandStore } from './query.js';

const BY_EXTENSION: Record<string, string> = {
  '.ttl': 'text/turtle', '.nt': 'application/n-triples', '.nq': 'application/n-quads', '.trig': 'application/trig',
  '.rdf': 'application/rdf+xml', '.owl': 'application/rdf+xml', '.xml': 'application/rdf+xml', '.jsonld': 'application/ld+json',
};

interface LoadArgs {
  dataDir: string;
  graph?: string;
  base?: string;
  empty?: boolean;
}

export function registerLoad(program: Command): void {
  program
    .command('load')
    .description('Bulk load RDF files (.ttl .nt .nq .trig .rdf .jsonld) into the store in --data-dir, without validation.')
    .argument('<files...>', 'RDF files')
    .option('--data-dir <dir>', 'folder of the embedded store', 'var/store')
    .option('--graph <iri>', 'load triples into this named graph (default: the default graph)')
    .option('--base <iri>', 'base IRI of the built-in data that seeds a new store')
    .option('--empty', 'do not seed a new store with the built-in data')
    .action(async (files: string[], args: LoadArgs) => {
      const result = await runLoad(files, args, (file, format) => process.stderr.write(`loading ${file} (${format})\n`));
      process.stderr.write(`loaded ${result.quads} new quads; store version ${result.version}\n`);
    });
}

export async function runLoad(files: string[], args: LoadArgs, progress: (file: string, format: string) => void = () => undefined) {
  const inputs = files.map((file) => {
    const format = BY_EXTENSION[extname(file).toLowerCase()];
    if (!format) throw new Error(`${file}: unknown RDF file extension (use one of ${Object.keys(BY_EXTENSION).join(' ')})`);
    progress(file, format);
    return { data: readFileSync(file), format, baseIri: pathToFileURL(resolve(file)).href, graph: args.graph };
  });
  const store = openCommandStore(args, 0);
  try {
    return await store.bulkLoad(inputs);
  } finally {
    await store.close();
  }
}
