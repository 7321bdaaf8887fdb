/**
 * Extra `--help` text: examples for every command, and for `serve` the environment variables (the write token is
 * only read from the environment, so help is where a user learns of it) and what the server offers.
 */
import type { Command } from 'commander';

const ROOT = `
Examples:
  $ osce-kg serve --port 8080                         start the service (http://127.0.0.1:8080/)
  $ osce-kg query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'
  $ osce-kg validate                                  check the built-in data against the shapes
  $ osce-kg ingest data/pages/                        add press releases to the store in var/store
  $ osce-kg harvest https://www.osce.org/             harvest a site's press releases (robots.txt sitemaps)
  $ osce-kg dump graph.nq                             write the whole dataset as N-Quads

Run "osce-kg <command> --help" for the options of a command.`;

const SERVE = `
Environment (an option on the command line wins):
  PORT, HOST                   --port, --host
  OSCE_KG_BASE                 --base
  OSCE_KG_DATA_DIR             --data-dir
  OSCE_KG_QUERY_TIMEOUT        --query-timeout (seconds)
  OSCE_KG_QUERY_WORKERS        --query-workers
  OSCE_KG_ALLOW_SERVICE        --allow-service (space-separated prefixes)
  OSCE_KG_MAX_RESULT_BYTES     --max-result-bytes
  OSCE_KG_TOKEN                bearer token that enables writes (SPARQL Update, graph store, ingest);
                               without it the service is read-only
  OSCE_KG_MAX_REQUEST_BYTES    largest query/update request body (default 1 MiB)
  OSCE_KG_MAX_UPLOAD_BYTES     largest graph-store upload (default 512 MiB)
  OSCE_KG_MAX_QUERY_CHARS      longest query or update text (default 524288)
  OSCE_KG_MAX_QUERY_OPERATORS  most operators in a query or update (default 1000)
  OSCE_KG_MAX_QUERY_CLAUSES    most UNION, OPTIONAL, MINUS, BIND, FILTER, ... clauses (default 500)
  OSCE_KG_WORKER_RECYCLE_MB    a query worker or the writer whose memory grew this much since it loaded is replaced (default 256)
  OSCE_KG_STORE, OSCE_KG_STORE_QUERY, OSCE_KG_STORE_UPDATE, OSCE_KG_STORE_GSP,
  OSCE_KG_STORE_USER, OSCE_KG_STORE_PASSWORD   external SPARQL store (--store sparql)
  OSCE_KG_HARVEST, OSCE_KG_HARVEST_EVERY, OSCE_KG_HARVEST_DELAY_MS, OSCE_KG_HARVEST_CONTACT
                               --harvest (space-separated URLs), --harvest-every, --harvest-delay-ms, --harvest-contact

The server offers:
  /                 home page; /browse, /doc/{kind}/{key} entity pages (303 from /id/{kind}/{key})
  /sparql           SPARQL 1.1 Protocol endpoint (a browser is sent on to the query editor at /query)
  /api/queries      named-query REST API; /openapi.json (OpenAPI 3.1) and /api (reference)
  /search?q=        full-text search (HTML, or JSON with format=json)
  /graph-store      SPARQL 1.1 Graph Store Protocol; /ingest (POST a press-release page, with the token)
  /harvest          POST a harvest job (JSON, with the token); /harvest/jobs/{id} to poll; /harvest/report
  /dumps/           dataset dumps; /catalog (DCAT), /.well-known/void (VoID)
  /health, /metrics liveness and Prometheus metrics

Examples:
  $ osce-kg serve --port 8080 --data-dir var/store
  $ OSCE_KG_TOKEN=secret osce-kg serve --base https://kg.example.org/
  $ osce-kg serve --harvest https://www.osce.org/ --harvest-every 6h --harvest-contact https://kg.example.org/about`;

const EXAMPLES: Record<string, string> = {
  validate: `
Examples:
  $ osce-kg validate                       the built-in data
  $ osce-kg validate release.ttl           a file together with the reference data
  $ osce-kg validate --format json x.ttl   the report as JSON`,
  query: `
Examples:
  $ osce-kg query 'SELECT ?s WHERE { ?s a <https://w3id.org/osce-kg/ontology#Country> } LIMIT 5'
  $ osce-kg query --file queries/participating-states.rq --format csv
  $ osce-kg query --data-dir var/store 'ASK { ?s ?p ?o }'`,
  dump: `
Examples:
  $ osce-kg dump all.nq                    every graph, as N-Quads
  $ osce-kg dump - --format ttl | less     all graphs merged, as Turtle, to standard output`,
  ingest: `
Examples:
  $ osce-kg ingest data/pages/                           every page in a folder
  $ osce-kg ingest --dry-run page.txt                    show the Turtle without storing it
  $ osce-kg ingest page.html --url https://www.osce.org/odihr/123456
                                                         a saved page with its address: saved again, it replaces its release`,
  harvest: `
Examples:
  $ osce-kg harvest https://www.osce.org/ --max-pages 20 --dry-run      try: 20 pages, nothing stored
  $ osce-kg harvest https://www.osce.org/ --delay-ms 2000 --contact https://kg.example.org/about
  $ osce-kg harvest https://example.org/news --exclude '/events/'      a listing and its further pages
  $ osce-kg harvest --report --format json                             what was rejected, failed or skipped`,
  load: `
Examples:
  $ osce-kg load --data-dir var/store extra.ttl
  $ osce-kg load --graph https://example.org/g extra.nt`,
};

/** Adds the examples and environment text to the program and its commands (by name, when present). */
export function addHelpTexts(program: Command): void {
  program.addHelpText('after', ROOT);
  for (const command of program.commands) {
    const name = command.name();
    if (name === 'serve') command.addHelpText('after', SERVE);
    const extra = EXAMPLES[name];
    if (extra) command.addHelpText('after', extra);
  }
}
