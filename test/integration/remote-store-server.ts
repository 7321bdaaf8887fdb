/**
 * A private Virtuoso for the remote-store tests: scripts/virtuoso.sh on a random port in a temp folder, stopped after.
 * Without Virtuoso installed the suites are skipped with a visible message, unless CI is set (then they fail).
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../src/model/paths.js';
import { RemoteStore, type RemoteStoreOptions } from '../../src/store/remote/index.js';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'scripts', 'virtuoso.sh');

export interface VirtuosoEndpoints {
  query: string;
  update: string;
  gsp: string;
  user: string;
  password: string;
  dbaPassword: string;
  httpPort: number;
  dir: string;
}

export const virtuosoInstalled = spawnSync('sh', ['-c', 'command -v virtuoso-t && command -v isql-vt'], { stdio: 'ignore' }).status === 0;

/** `skip` option for describe(): a reason when the suite cannot run here, false otherwise (or a failure under CI). */
export function skipWithoutVirtuoso(): string | false {
  if (virtuosoInstalled) return false;
  if (process.env.CI) throw new Error('CI is set but Virtuoso is not installed: apt-get install -y virtuoso-opensource');
  const reason = 'Virtuoso is not installed (apt-get install -y virtuoso-opensource); remote-store tests skipped';
  console.log(`# SKIP ${reason}`);
  return reason;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startVirtuoso(): Promise<VirtuosoEndpoints> {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-virtuoso-'));
  const port = await freePort();
  try {
    const { stdout } = await run(SCRIPT, ['start', dir, String(port), '--json'], { timeout: 300_000 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as VirtuosoEndpoints;
  } catch (e) {
    await run(SCRIPT, ['stop', dir], { timeout: 120_000 }).catch(() => undefined); // never leave a server behind
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export async function stopVirtuoso(v: VirtuosoEndpoints | undefined): Promise<void> {
  if (!v) return;
  await run(SCRIPT, ['stop', v.dir], { timeout: 120_000 });
  rmSync(v.dir, { recursive: true, force: true });
}

export function storeOn(v: VirtuosoEndpoints, base: string, extra: Partial<RemoteStoreOptions> = {}): RemoteStore {
  return new RemoteStore({ queryUrl: v.query, updateUrl: v.update, user: v.user, password: v.password, base, pollMs: 100, ...extra });
}
