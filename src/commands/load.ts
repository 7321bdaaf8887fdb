/**
 * `osce-kg load FILE...`: bulk load RDF files into the store in --data-dir. This is the fast path: the data goes
 * straight into a new snapshot, without per-write deltas, journal records or SHACL validation (use the graph store
 * protocol or `osce-kg ingest` for validated writes). The data directory is locked, so no server may be running on it.
 * With `--store sparql` the files go into the external store while instances keep serving: one change-log entry steps
 * the shared version, so their caches, change feed and search follow (src/store/remote/remote-store.ts, bulkLoad).
 */
import { readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { openCommandStore } from './query.js';
import { loadConfig } from '../config.js';
import { StatsService, statsFile } from '../stats/service.js';
import { writeEntityCounts } from '../linked-data/entity-counts.js';
import { Iris } from '../model/ns.js';

const BY_EXTENSION: Record<string, string> = {
  '.ttl': 'text/turtle', '.nt': 'application/n-triples', '.nq': 'application/n-quads', '.trig': 'application/trig',
  '.rdf': 'application/rdf+xml', '.owl': 'application/rdf+xml', '.xml': 'application/rdf+xml', '.jsonld': 'application/ld+json',
};

interface LoadArgs {
  dataDir: string;
  graph?: string;
  base?: string;
  empty?: boolean;
  store?: string;
  storeQuery?: string;
  storeUpdate?: string;
  storeGsp?: string;
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
    .option('--store <kind>', '"embedded" (default) or "sparql": load into the external store of --store-query/--store-update')
    .option('--store-query <url>', 'query endpoint of the external store (OSCE_KG_STORE_QUERY)')
    .option('--store-update <url>', 'update endpoint of the external store (OSCE_KG_STORE_UPDATE; credentials from OSCE_KG_STORE_USER/PASSWORD)')
    .option('--store-gsp <url>', 'graph store endpoint of the external store (OSCE_KG_STORE_GSP)')
    .action(async (files: string[], args: LoadArgs) => {
      const result = await runLoad(files, args, (file, format) => process.stderr.write(`loading ${file} (${format})\n`));
      process.stderr.write(`loaded ${result.quads} new quads; store version ${result.version}\n`);
    });
}

export async function runLoad(files: string[], args: LoadArgs, progress: (file: string, format: string) => void = () => undefined, env: NodeJS.ProcessEnv = process.env) {
  const inputs = files.map((file) => {
    const format = BY_EXTENSION[extname(file).toLowerCase()];
    if (!format) throw new Error(`${file}: unknown RDF file extension (use one of ${Object.keys(BY_EXTENSION).join(' ')})`);
    progress(file, format);
    return { file, format, baseIri: pathToFileURL(resolve(file)).href, graph: args.graph };
  });
  const config = loadConfig({ base: args.base, store: args.store, storeQuery: args.storeQuery, storeUpdate: args.storeUpdate, storeGsp: args.storeGsp }, env);
  if (config.store === 'sparql') {
    // imported here: the external store's client (Comunica) and the built-in data's extractor are slow to load
    const [{ createRemoteStore }, { builtinQuads }] = await Promise.all([import('../store/remote/index.js'), import('../builtin.js')]);
    const remote = createRemoteStore(config, () => (args.empty ? [] : builtinQuads(config.base)));
    try {
      return await remote.bulkLoad(inputs.map((input) => ({ ...input, data: readFileSync(input.file) })));
    } finally {
      await remote.close();
    }
  }
  const store = openCommandStore(args, 0);
  try {
    const result = await store.bulkLoad(inputs);
    // the statistics and the change feed's entity counts at the new version, so that the server starts with them
    // instead of reading every release (at 100k releases the count took 39 s of a query worker at the first start)
    await new StatsService(store, { file: statsFile(args.dataDir) }).rebuild();
    await writeEntityCounts(store, new Iris(config.base), join(args.dataDir, 'publish'));
    return result;
  } finally {
    await store.close();
  }
}
