/**
 * The W3C SPARQL 1.1 test suites (test/conformance/w3c/sparql11), run through the HTTP endpoint of a real `osce-kg serve --empty
 * --no-union-default-graph` process: data loaded with the graph store protocol, reset with DROP ALL between tests.
 * Prints pass counts per group. A failure is allowed only when listed in KNOWN_FAILURES with its reason; any other
 * failure fails the group. The deprecated http-rdf-update tests (prose only, superseded by graph-store-protocol) are
 * not run.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PATHS } from '../../src/model/paths.js';
import { after, before, describe, it } from 'node:test';
import { runEvaluationTest } from './w3c-sparql/evaluation.js';
import { loadManifest, type W3cTest } from './w3c-sparql/manifest.js';
import { runProtocolTest } from './w3c-sparql/protocol.js';
import { startServer, type Server } from './w3c-sparql/server.js';

const SUITE = join(PATHS.root, 'test', 'conformance', 'w3c', 'sparql11');

/**
 * Test IRI (after the suite folder) → why it fails. Each was checked against oxigraph 0.5.11 directly (`new Store()`,
 * same query): the evaluation engine answers this way, not the HTTP layer.
 */
const ENGINE = 'oxigraph 0.5.11 (the evaluation engine) answers differently';
const KNOWN_FAILURES: Record<string, string> = {
  'aggregates/manifest#agg-empty-group-count-graph': `${ENGINE}: a subquery inside GRAPH ?g is evaluated once over all named graphs and never binds ?g (one row, COUNT 1, instead of one row per graph), and a rewrite to GROUP BY ?g cannot add the row of a graph with no match (the engine gives no row for an aggregate over a WHERE it knows is empty, so the empty group cannot be computed apart)`,
  'functions/manifest#bnode01': `${ENGINE}: BNODE("foo") is the blank node _:foo in every solution, not a fresh one per solution; a rewrite would need a per-solution key visible to every BNODE call of a row, which changes SELECT * and grouping`,
  'csv-tsv-res/manifest#csv03': `${ENGINE}: literals come back in canonical form ("1.0e6"^^xsd:double as "1000000", "-3"^^xsd:negativeInteger as xsd:integer), and CSV/TSV compare lexical forms`,
  'csv-tsv-res/manifest#tsv03': `${ENGINE}: literals come back in canonical form ("1.0e6"^^xsd:double as "1000000", "-3"^^xsd:negativeInteger as xsd:integer), and CSV/TSV compare lexical forms`,
};

interface Group {
  name: string;
  tests: () => W3cTest[];
  run: (server: Server, t: W3cTest) => Promise<string | undefined>;
}

const manifest = (...path: string[]) => loadManifest(join(SUITE, ...path));
const isSyntax = (t: W3cTest) => t.type.endsWith('SyntaxTest11');
const runnable = (t: W3cTest) => t.approval !== 'dawgt:Deprecated';

const GROUPS: Group[] = [
  { name: 'query evaluation', tests: () => manifest('manifest-sparql11-query.ttl').filter((t) => !isSyntax(t)), run: runEvaluationTest },
  { name: 'result formats', tests: () => manifest('manifest-sparql11-results.ttl'), run: runEvaluationTest },
  { name: 'update evaluation', tests: () => manifest('manifest-sparql11-update.ttl').filter((t) => !isSyntax(t)), run: runEvaluationTest },
  { name: 'query syntax', tests: () => manifest('manifest-sparql11-query.ttl').filter(isSyntax), run: runEvaluationTest },
  { name: 'update syntax', tests: () => manifest('manifest-sparql11-update.ttl').filter(isSyntax), run: runEvaluationTest },
  { name: 'protocol', tests: () => manifest('protocol', 'manifest.ttl'), run: runProtocolTest },
  { name: 'graph store protocol', tests: () => manifest('graph-store-protocol', 'manifest.ttl'), run: runProtocolTest },
  { name: 'service description', tests: () => manifest('service-description', 'manifest.ttl'), run: runProtocolTest },
];

const key = (t: W3cTest) => t.iri.replace(/^.*\/sparql11\//, '').replace(/^.*data-sparql11\//, '');

async function runOne(server: Server, group: Group, t: W3cTest): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('harness timeout (30 s)'), 30_000)));
  try {
    return await Promise.race([group.run(server, t).catch((e: unknown) => `harness error: ${e instanceof Error ? e.message : String(e)}`), limit]);
  } finally {
    clearTimeout(timer);
  }
}

describe('W3C SPARQL 1.1 suites over HTTP', { timeout: 600_000 }, () => {
  let server: Server;
  before(async () => (server = await startServer()));
  after(() => server?.stop());
  const summary: string[] = [];
  after(() => console.log(`\nW3C SPARQL 1.1 over HTTP:\n${summary.join('\n')}`));

  for (const group of GROUPS) {
    it(`${group.name}: every failure is a known, explained one`, { timeout: 600_000 }, async () => {
      const tests = group.tests().filter(runnable);
      const unexpected: string[] = [];
      const fixed: string[] = [];
      let passed = 0;
      let approved = 0;
      let approvedPassed = 0;
      for (const t of tests) {
        const failure = await runOne(server, group, t);
        const isApproved = t.approval === 'dawgt:Approved' || t.approval === '';
        if (isApproved) approved++;
        if (failure === undefined) {
          passed++;
          if (isApproved) approvedPassed++;
          if (KNOWN_FAILURES[key(t)]) fixed.push(key(t));
        } else if (!KNOWN_FAILURES[key(t)]) {
          unexpected.push(`${key(t)} (${t.name}): ${failure}`);
        }
      }
      const pct = approved ? ((100 * approvedPassed) / approved).toFixed(1) : '-';
      summary.push(`  ${group.name.padEnd(22)} ${passed}/${tests.length} passed; approved ${approvedPassed}/${approved} (${pct}%)`);
      if (fixed.length) summary.push(`    now passing, remove from KNOWN_FAILURES: ${fixed.join(', ')}`);
      assert.deepEqual(unexpected, [], `unexpected failures in ${group.name}:\n${unexpected.join('\n')}`);
    });
  }
});
