/** Reading big N-Quads files in chunks (a 100k-release file is over 1 GB: more than one V8 string can hold). */
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';

/** Synchronous chunks of the file, for oxigraph's `Store.load(Iterable<Uint8Array>)`. */
export function* fileChunks(path: string, size = 16 * 1024 * 1024): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(size);
      const n = readSync(fd, buf, 0, size, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * An order-insensitive fingerprint of a result (rows as value strings), to check that engines agree. Values only:
 * engines differ in the datatype they give COUNT and YEAR (xsd:integer vs xsd:int) but not in the number.
 */
export function fingerprint(rows: string[]): string {
  const h = createHash('sha1');
  for (const row of [...rows].sort()) h.update(row).update('\n');
  return h.digest('hex').slice(0, 12);
}

/** Median and p99 of a list of durations in milliseconds. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  if (s.length === 0) return NaN;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * CPU time of another process, all threads, in ms: the sum of /proc/PID/task/TID/schedstat's first field (ns on CPU).
 * On a shared machine the wall clock mostly measures the neighbours; CPU time measures the engine.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    }
    return ns / 1e6;
  } catch {
    return undefined;
  }
}

/** CPU milliseconds of a process's main thread (the one that answers HTTP requests in osce-kg), from schedstat. */
export function mainThreadCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

export function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1048576);
}
