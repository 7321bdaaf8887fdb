/**
 * `node dist/bench/shapes.js FILE.nq`: the analytical query shapes of issue 23 as written and rewritten, in process
 * on oxigraph (the engine the embedded store runs), CPU ms (median of 6). FILE is a generated bench file; its
 * `.json` beside it gives the parameters. What it found is in BENCHMARKS.md and docs/decisions/0013.
 */
import { readFileSync } from 'node:fs';
import oxigraph from 'oxigraph';
import { fileChunks } from './files.js';
import type { QueryParams } from './generate.js';

const PREFIXES = `PREFIX osce: <https://w3id.org/osce-kg/ontology#> PREFIX schema: <http://schema.org/> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n`;

/** [id, query]: each shape, then its rewrites (indented ids). `$UNIT`, `$FIELD`, `$YEAR` come from the parameters. */
const SHAPES: ReadonlyArray<[string, string]> = [
  ['fields-of-work.rq before', 'SELECT ?field ?label (COUNT(DISTINCT ?release) AS ?releases) WHERE { ?field a osce:FieldOfWork ; skos:prefLabel ?label . FILTER(LANG(?label) = "en") OPTIONAL { ?release a osce:PressRelease ; schema:about ?field . } } GROUP BY ?field ?label ORDER BY ?label'],
  ['  counts in a subquery', 'SELECT ?field ?label (COALESCE(?c, 0) AS ?releases) WHERE { ?field a osce:FieldOfWork ; skos:prefLabel ?label . FILTER(LANG(?label) = "en") OPTIONAL { SELECT ?field (COUNT(DISTINCT ?release) AS ?c) WHERE { ?release schema:about ?field . ?release a osce:PressRelease } GROUP BY ?field } } ORDER BY ?label'],
  ['stats by State, class first', 'SELECT ?k (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a osce:PressRelease . ?r schema:mentions ?k . ?k a osce:Country . } GROUP BY ?k'],
  ['  class last', 'SELECT ?k (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r schema:mentions ?k . ?k a osce:Country . ?r a osce:PressRelease . } GROUP BY ?k'],
  ['stats by year, class first', 'SELECT ?k (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a osce:PressRelease . ?r schema:datePublished ?d . BIND(SUBSTR(STR(?d), 1, 4) AS ?k) } GROUP BY ?k'],
  ['  class last', 'SELECT ?k (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r schema:datePublished ?d . ?r a osce:PressRelease . BIND(SUBSTR(STR(?d), 1, 4) AS ?k) } GROUP BY ?k'],
  ['countByState (bench)', 'SELECT ?s (COUNT(?r) AS ?n) WHERE { ?r a osce:PressRelease ; schema:mentions ?s . ?s a osce:Country } GROUP BY ?s ORDER BY DESC(?n) ?s'],
  ['  no class check', 'SELECT ?s (COUNT(?r) AS ?n) WHERE { ?r schema:mentions ?s . ?s a osce:Country } GROUP BY ?s ORDER BY DESC(?n) ?s'],
  ['unitPath (bench)', 'SELECT ?y (COUNT(?r) AS ?n) WHERE { ?pub org:unitOf+ <$UNIT> . ?r schema:publisher ?pub ; schema:datePublished ?d . BIND (YEAR(?d) AS ?y) } GROUP BY ?y ORDER BY ?y'],
  ['  units in a subquery', 'SELECT ?y (COUNT(?r) AS ?n) WHERE { { SELECT DISTINCT ?pub WHERE { ?pub org:unitOf+ <$UNIT> } } ?r schema:publisher ?pub ; schema:datePublished ?d . BIND (YEAR(?d) AS ?y) } GROUP BY ?y ORDER BY ?y'],
  ['  the path alone', 'SELECT (COUNT(*) AS ?n) WHERE { ?pub org:unitOf+ <$UNIT> }'],
  ['join3 (bench)', 'SELECT ?pub (COUNT(?r) AS ?n) WHERE { ?r schema:publisher ?pub ; schema:about <$FIELD> ; schema:datePublished ?d . FILTER (YEAR(?d) = $YEAR) } GROUP BY ?pub ORDER BY DESC(?n) ?pub'],
  ['  a date range', 'SELECT ?pub (COUNT(?r) AS ?n) WHERE { ?r schema:about <$FIELD> ; schema:datePublished ?d . FILTER (?d >= "$YEAR-01-01"^^xsd:date && ?d <= "$YEAR-12-31"^^xsd:date) ?r schema:publisher ?pub } GROUP BY ?pub ORDER BY DESC(?n) ?pub'],
];

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node dist/bench/shapes.js var/bench/releases-10000-seed-42.nq\n');
  process.exit(2);
}
const params = (JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { params: QueryParams }).params;
const store = new oxigraph.Store();
store.load(fileChunks(file), { format: 'application/n-quads', no_transaction: true } as never);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (const [id, shape] of SHAPES) {
  const text = PREFIXES + shape.replaceAll('$UNIT', params.unitParent).replaceAll('$FIELD', params.field).replaceAll('$YEAR', String(params.year));
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 6; i++) {
    const t0 = cpuMs();
    rows = (store.query(text, { use_default_graph_as_union: true }) as unknown[]).length;
    times.push(cpuMs() - t0);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`${id.padEnd(30)} ${times[3]!.toFixed(1).padStart(8)} ms  ${rows} rows\n`);
}
