/**
 * The W3C SPARQL 1.1 HTTP suites (the protocol engineer's harness, test/conformance/w3c-sparql/) against two `osce-kg serve
 * --store sparql` instances on one Virtuoso, behind a round-robin proxy: consecutive requests of one test (load,
 * update, query) go to different instances, as behind a load balancer, so every pass also shows that the instances act
 * as one service.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { PATHS } from '../../src/model/paths.js';
import { runEvaluationTest } from '../conformance/w3c-sparql/evaluation.js';
import { loadManifest, type W3cTest } from '../conformance/w3c-sparql/manifest.js';
import { runProtocolTest } from '../conformance/w3c-sparql/protocol.js';
import { startServer, type Server } from '../conformance/w3c-sparql/server.js';
import { skipWithoutVirtuoso, startVirtuoso, stopVirtuoso, type VirtuosoEndpoints } from './remote-store-server.js';
import { freePort } from '../support/listener.js';

const SUITE = join(PATHS.root, 'test', 'conformance', 'w3c', 'sparql11');
const manifest = (...path: string[]) => loadManifest(join(SUITE, ...path));
const isSyntax = (t: W3cTest) => t.type.endsWith('SyntaxTest11');

/** A loopback proxy on `port` sending each request to the next instance in turn. */
async function roundRobin(targets: string[], port: number): Promise<{ url: string; server: HttpServer; counts: number[] }> {
  const counts = targets.map(() => 0);
  let next = 0;
  const server = createServer((req, res) => {
    const i = next++ % targets.length;
    counts[i]!++;
    const target = new URL(req.url ?? '/', targets[i]);
    // the Host header passes unchanged, as through a load balancer; the instances name the service by their base
    const out = request(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', (e) => res.writeHead(502).end(String(e)));
    req.pipe(out);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server, counts };
}

interface Group {
  name: string;
  tests: () => W3cTest[];
  run: (server: Server, t: W3cTest) => Promise<string | undefined>;
  /** Share of the group's tests that must pass (all, as measured: 94/94 update, 13/13 graph store, 34/34 protocol). */
  min: number;
}

const GROUPS: Group[] = [
  { name: 'update evaluation', tests: () => manifest('manifest-sparql11-update.ttl').filter((t) => !isSyntax(t)), run: runEvaluationTest, min: 1 },
  { name: 'graph store protocol', tests: () => manifest('graph-store-protocol', 'manifest.ttl'), run: runProtocolTest, min: 1 },
  { name: 'protocol', tests: () => manifest('protocol', 'manifest.ttl'), run: runProtocolTest, min: 1 },
];

describe('W3C SPARQL 1.1 over HTTP through two instances on one Virtuoso', { skip: skipWithoutVirtuoso(), timeout: 1_800_000 }, () => {
  let v: VirtuosoEndpoints | undefined;
  let instances: Server[] = [];
  let proxy: Awaited<ReturnType<typeof roundRobin>> | undefined;
  let server: Server;
  const summary: string[] = [];

  before(async () => {
    v = await startVirtuoso();
    process.env.OSCE_KG_STORE_USER = v.user; // the harness passes its environment to `osce-kg serve`
    process.env.OSCE_KG_STORE_PASSWORD = v.password;
    // both instances are one service at the proxy's address: its base (the service description, graph IRIs of direct
    // GSP requests and the store's shared bookkeeping graphs are all named from it)
    const port = await freePort();
    const args = ['--store', 'sparql', '--store-query', v.query, '--store-update', v.update, '--base', `http://127.0.0.1:${port}/`];
    instances = await Promise.all([startServer(args), startServer(args)]);
    proxy = await roundRobin(instances.map((r) => r.url), port);
    server = { url: proxy.url, stop: async () => undefined };
  });
  after(async () => {
    console.log(`\nW3C SPARQL 1.1 through two Virtuoso instances:\n${summary.join('\n')}\n  requests per instance: ${proxy?.counts.join(' / ')}`);
    proxy?.server.close();
    await Promise.all(instances.map((r) => r.stop()));
    await stopVirtuoso(v);
  });

  for (const group of GROUPS) {
    it(`${group.name}: at least ${group.min * 100}% pass`, { timeout: 1_200_000 }, async () => {
      const tests = group.tests().filter((t) => t.approval !== 'dawgt:Deprecated');
      const failures: string[] = [];
      for (const t of tests) {
        const failure = await group.run(server, t).catch((e: unknown) => `harness error: ${e instanceof Error ? e.message : String(e)}`);
        if (failure !== undefined) failures.push(`${t.iri.replace(/^.*\/sparql11\//, '')}: ${failure}`);
      }
      summary.push(`  ${group.name.padEnd(22)} ${tests.length - failures.length}/${tests.length} passed`);
      for (const f of failures) summary.push(`    FAIL ${f.slice(0, 300)}`);
      assert.ok(tests.length > 0);
      assert.ok((tests.length - failures.length) / tests.length >= group.min, failures.join('\n'));
    });
  }
});
