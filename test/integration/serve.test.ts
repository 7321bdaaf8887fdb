/**
 * `osce-kg serve` as a real process: the first start seeds the built-in data, a later start reuses the stored state
 * (writes survive a restart), `--empty` starts with nothing, and `--no-union-default-graph` changes the description.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Parser } from 'n3';
import { AUTH, EX, TOKEN } from '../support/http-support.js';

interface Proc {
  url: string;
  stop(): Promise<void>;
}

async function serve(args: string[]): Promise<Proc> {
  const cli = new URL('../../src/cli.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--query-workers', '1', ...args], {
    env: { ...process.env, OSCE_KG_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 90 s: ${err}`)), 90_000);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => (clearTimeout(timer), resolve()));
        child.kill('SIGTERM');
      }),
  };
}

const health = async (p: Proc) => (await (await fetch(`${p.url}/health`)).json()) as { quads: number };

describe('osce-kg serve', { timeout: 300_000 }, () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'osce-kg-serve-'));
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('seeds the built-in data on first start and keeps writes across a restart', async () => {
    const dir = tmp();
    const first = await serve(['--data-dir', dir]);
    let seeded: number;
    try {
      seeded = (await health(first)).quads;
      assert.ok(seeded > 1000, `only ${seeded} quads seeded`);
      const put = await fetch(`${first.url}/graph-store?graph=${encodeURIComponent(`${EX}kept`)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'text/turtle', ...AUTH },
        body: `<${EX}x> <${EX}p> "kept" .`,
      });
      assert.equal(put.status, 201);
    } finally {
      await first.stop();
    }
    const second = await serve(['--data-dir', dir]);
    try {
      assert.equal((await health(second)).quads, seeded + 1);
      const res = await fetch(`${second.url}/graph-store?graph=${encodeURIComponent(`${EX}kept`)}`, { headers: { Accept: 'application/n-triples' } });
      assert.equal(await res.text(), `<${EX}x> <${EX}p> "kept" .\n`);
    } finally {
      await second.stop();
    }
  });

  it('--empty --no-union-default-graph starts empty and describes standard default-graph semantics', async () => {
    const p = await serve(['--data-dir', tmp(), '--empty', '--no-union-default-graph']);
    try {
      assert.equal((await health(p)).quads, 0);
      const res = await fetch(`${p.url}/sparql`, { headers: { Accept: 'text/turtle' } });
      const features = new Parser().parse(await res.text()).filter((q) => q.predicate.value.endsWith('#feature')).map((q) => q.object.value);
      assert.equal(features.includes('http://www.w3.org/ns/sparql-service-description#UnionDefaultGraph'), false);
    } finally {
      await p.stop();
    }
  });
});
