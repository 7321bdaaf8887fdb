/**
 * Virtuoso (Debian's virtuoso-opensource 7) as a baseline, started, loaded and stopped through the project's launcher
 * scripts/virtuoso.sh (owned by the Virtuoso work; the bench does not write a second launcher).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { PATHS } from '../src/model/paths.js';

const run = promisify(execFile);
const SCRIPT = join(PATHS.root, 'scripts', 'virtuoso.sh');

export interface VirtuosoHandle {
  endpoint: string;
  dir: string;
  pid?: number;
  loadMs: number;
}

/** Whether the baseline can run here: the Debian binary and the launcher script. */
export async function virtuosoAvailable(): Promise<boolean> {
  if (!existsSync(SCRIPT)) return false;
  try {
    await run('sh', ['-c', 'command -v virtuoso-t && command -v isql-vt']);
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export async function startVirtuoso(file: string, graph: string): Promise<VirtuosoHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'osce-bench-virtuoso-'));
  const port = await freePort();
  const { stdout } = await run('bash', [SCRIPT, 'start', dir, String(port), '--json'], { timeout: 120_000 });
  const env = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { query: string };
  const t0 = performance.now();
  try {
    await run('bash', [SCRIPT, 'load', dir, graph, file], { timeout: 3_600_000, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    await stopVirtuoso({ endpoint: env.query, dir, loadMs: 0 });
    throw error;
  }
  const pid = Number(/VIRT_PID=(\d+)/.exec(readFileSync(join(dir, 'virtuoso.lck'), 'utf8'))?.[1]) || undefined;
  return { endpoint: env.query, dir, pid, loadMs: performance.now() - t0 };
}

/** Resident memory of the Virtuoso server of `dir` (pid from its lock file, VmRSS from /proc), in MB. */
export function virtuosoRssMb(dir: string): number | undefined {
  try {
    const pid = /VIRT_PID=(\d+)/.exec(readFileSync(join(dir, 'virtuoso.lck'), 'utf8'))?.[1];
    const kb = pid ? Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) : NaN;
    return Number.isFinite(kb) ? Math.round(kb / 1024) : undefined;
  } catch {
    return undefined;
  }
}

export async function stopVirtuoso(handle: VirtuosoHandle): Promise<void> {
  try {
    await run('bash', [SCRIPT, 'stop', handle.dir], { timeout: 120_000 });
  } finally {
    rmSync(handle.dir, { recursive: true, force: true });
  }
}
