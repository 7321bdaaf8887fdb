/**
 * `osce-kg serve`: the HTTP service (SPARQL 1.1 Protocol, Graph Store Protocol, linked-data views).
 */
import type { Command } from 'commander';
import { loadConfig, type ServeArgs } from '../config.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the knowledge graph over HTTP (SPARQL endpoint, graph store, linked-data pages).')
    .option('--port <port>', 'TCP port (default: PORT or 8080; 0 picks a free port)')
    .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
    .option('--data-dir <dir>', 'folder of the embedded store (default var/store)')
    .option('--base <iri>', 'public base IRI of entities and documents')
    .option('--empty', 'start with no built-in data (on first start of a new data dir)')
    .option('--no-union-default-graph', 'standard SPARQL semantics: the default graph is not the union of all graphs')
    .option('--query-timeout <seconds>', 'per-query time limit (default 30)')
    .option('--allow-service <url-prefix>', 'allow SERVICE calls to endpoints starting with this prefix (repeatable)', collect)
    .option('--query-workers <n>', 'query worker threads (default 2; the writer is one more)')
    .option('--max-result-bytes <n>', 'largest serialized query result')
    .option('--store <kind>', '"embedded" (default) or "sparql": an external SPARQL 1.1 store (docs/deploy-virtuoso.md)')
    .option('--store-query <url>', 'query endpoint of the external store (OSCE_KG_STORE_QUERY)')
    .option('--store-update <url>', 'update endpoint of the external store (OSCE_KG_STORE_UPDATE; credentials from OSCE_KG_STORE_USER/PASSWORD)')
    .option('--store-gsp <url>', 'graph store endpoint of the external store (OSCE_KG_STORE_GSP)')
    .option('--harvest <url>', 'harvest this site, sitemap or listing at start (repeatable; OSCE_KG_HARVEST)', collect)
    .option('--harvest-every <duration>', 'harvest again this long after each harvest ended, e.g. 6h (OSCE_KG_HARVEST_EVERY)')
    .option('--harvest-delay-ms <n>', 'least time between two requests of the harvester to one host (default 1000)')
    .option('--harvest-contact <url>', 'a URL where site owners can reach you, sent in the User-Agent (OSCE_KG_HARVEST_CONTACT)')
    .option('--client-queries <n>', 'queries one anonymous client may have queued or running (default 4; 0: no bound)')
    .option('--anonymous-queries <n>', 'queries all anonymous clients together may have queued or running (default 8 per query worker; 0: no bound)')
    .option('--query-budget <seconds>', 'query time an anonymous client may use per window (default 60; 0: no budget)')
    .option('--query-budget-window <seconds>', 'the window of --query-budget (default 60)')
    .option('--trust-proxy', 'a reverse proxy in front: the client is the last X-Forwarded-For address (OSCE_KG_TRUST_PROXY)')
    .option('--access-log <path>', 'write the access log to this file, or - for standard output (default: none)')
    .action(async (options: ServeArgs) => {
      const config = loadConfig(options);
      // imported here: the server's modules (comunica, hono, ...) take ~1 s to load, which other commands need not pay
      const { startServer } = await import('../main.js');
      const server = await startServer(config);
      process.stdout.write(`osce-kg listening on ${server.url} (base ${config.base}, data ${config.dataDir}${config.token ? '' : ', read-only'})\n`);
      const stop = () => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
