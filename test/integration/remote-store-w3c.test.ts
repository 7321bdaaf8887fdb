/**
 * The W3C SPARQL 1.1 update-evaluation tests against the remote store on a real Virtuoso: each case loads its data,
 * applies the request through `write()` (standard semantics, no union default graph), dumps the dataset and compares
 * it with the expected one by graph isomorphism. Same cases as store-update-w3c.test.ts (the embedded store).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SparqlClient } from '../../src/store/remote/client.js';
import { checkUpdateCase, loadUpdateCases, UPDATE_DIRS, type UpdateCase } from '../conformance/w3c-update-cases.js';
import { skipWithoutVirtuoso, startVirtuoso, stopVirtuoso, storeOn, type VirtuosoEndpoints } from './remote-store-server.js';

const SYSTEM = ['http://www.openlinksw.com/schemas/virtrdf#', 'http://www.w3.org/2002/07/owl#', 'http://www.w3.org/ns/ldp#', 'http://localuriqaserver/sparql'];

/** Cases the remote store refuses or gets wrong on purpose, with the reason (docs/deploy-virtuoso.md §6). */
const KNOWN: Record<string, string> = {};

describe('W3C SPARQL 1.1 update evaluation on the remote store (Virtuoso)', { skip: skipWithoutVirtuoso() }, () => {
  let v: VirtuosoEndpoints | undefined;
  let admin: SparqlClient;

  before(async () => {
    v = await startVirtuoso();
    admin = new SparqlClient({ queryUrl: v.query, updateUrl: v.update, user: v.user, password: v.password });
  });
  after(() => stopVirtuoso(v));

  /** Drops every graph but Virtuoso's own, so each case starts from an empty store. */
  async function wipe(): Promise<void> {
    const res = await admin.query({ query: 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', accept: 'application/sparql-results+json', timeoutMs: 30_000 });
    const rows = ((await res.json()) as { results: { bindings: { g: { value: string } }[] } }).results.bindings;
    const graphs = rows.map((r) => r.g.value).filter((g) => !SYSTEM.includes(g));
    if (graphs.length) await admin.update(graphs.map((g) => `DROP SILENT GRAPH <${g}>`).join(' ;\n'), 30_000);
  }

  async function runCase(c: UpdateCase, n: number): Promise<string | undefined> {
    await wipe();
    const store = storeOn(v!, `http://w3c-case-${n}.test/`, { seed: () => c.data });
    try {
      await store.open();
      return await checkUpdateCase(store, c);
    } catch (e) {
      return `threw ${(e as Error).message}`;
    } finally {
      await store.close();
    }
  }

  test('all approved tests pass except the documented ones', async () => {
    const cases = UPDATE_DIRS.flatMap(loadUpdateCases);
    const failures: string[] = [];
    let n = 0;
    for (const c of cases) {
      const problem = await runCase(c, n++);
      if (problem && !KNOWN[c.name]) failures.push(`${c.name}: ${problem}`);
    }
    console.log(`# W3C update evaluation on Virtuoso: ${cases.length - failures.length}/${cases.length} passed (${Object.keys(KNOWN).length} known)`);
    for (const f of failures) console.log(`#   FAIL ${f}`);
    assert.ok(cases.length >= 90, `found ${cases.length} approved tests`);
    assert.deepEqual(failures, []);
  });
});
