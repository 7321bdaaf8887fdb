/**
 * Child process of durability.test.ts: opens the store in argv[2] and performs acknowledged writes numbered from
 * argv[3] until killed, printing "ack N" after each write resolves. Each write inserts three quads (a named graph,
 * a blank node, the default graph) so a partial write would be visible. A tiny compaction threshold makes snapshots
 * (and kills during them) frequent.
 */
import { createEmbeddedStore } from '../../src/store/embedded-store.js';

const [dir, startArg] = process.argv.slice(2);
const store = createEmbeddedStore({ dataDir: dir!, workers: 0, compactBytes: 4 * 1024 });
await store.open();
process.stdout.write('ready\n');
for (let i = Number(startArg); i < Number(startArg) + 100_000; i++) {
  await store.write({
    type: 'update',
    unionDefaultGraph: true,
    update: `INSERT DATA { GRAPH <http://example.org/g${i % 5}> { <http://example.org/s${i}> <http://example.org/n> ${i} }
      _:b <http://example.org/of> <http://example.org/s${i}> . <http://example.org/s${i}> <http://example.org/label> "write ${i}" }`,
  });
  process.stdout.write(`ack ${i}\n`);
}
