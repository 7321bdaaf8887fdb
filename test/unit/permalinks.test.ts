/** The permalink store (src/api/permalinks.ts): content-addressed, capped in total, crash leftovers cleared. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError } from '../../src/errors.js';
import { Permalinks } from '../../src/api/permalinks.js';

test('the store refuses a link past its total with 507 LINK_STORE_FULL, counting what an earlier run stored', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'osce-links-unit-')), 'links');
  try {
    mkdirSync(dir);
    writeFileSync(join(dir, 'AAAAAAAAAA.rq'), 'x'.repeat(60)); // stored by an earlier run
    writeFileSync(join(dir, '.tmp-123456'), 'half a link'); // left by a crash
    const links = new Permalinks({ dir, maxQueryBytes: 1000, maxTotalBytes: 100 });
    const first = await links.save('ASK {}'.padEnd(30));
    assert.equal(first.created, true);
    await assert.rejects(links.save('ASK { ?s ?p ?o }'.padEnd(30)), (e) => isAppError(e) && e.status === 507 && e.code === 'LINK_STORE_FULL');
    assert.deepEqual((await links.save('ASK {}'.padEnd(30))), { id: first.id, created: false }, 'a stored query still gets its link');
    assert.deepEqual(readdirSync(dir).sort(), ['AAAAAAAAAA.rq', `${first.id}.rq`].sort());
    assert.equal(await links.read('AAAAAAAAAA'), 'x'.repeat(60));
    assert.equal(await links.read('../links/AAAAAAAAAA'), undefined);
  } finally {
    rmSync(dirname(dir), { recursive: true, force: true });
  }
});

function dirname(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}
