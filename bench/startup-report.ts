/**
 * `node dist/bench/startup-report.js OUT`: summarizes a `startup-stalls` run (OUT.* files): how long the ASKs waited
 * and when they were answered, the worker jobs that ran longer than a second (thread, start, ms, query), and for every
 * event-loop stall of the HTTP thread over 500 ms the functions its CPU profile sampled meanwhile (self time, and the
 * innermost frame of our own code, so `JSON.parse` is told apart by who called it).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { LoopEntry } from './loop-probe.js';

const out = process.argv[2];
if (!out) throw new Error('usage: startup-report OUT');
const lines = <T>(file: string): T[] =>
  existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as T) : [];
const ms = (iso: string) => Date.parse(iso);
const print = (s: string) => process.stdout.write(`${s}\n`);

const server = lines<{ at: string; line: string }>(`${out}.server.jsonl`);
const t0 = ms(lines<{ at: string; t: number }>(`${out}.load.jsonl`)[0]?.at ?? server[0]!.at);
const rel = (iso: string | number) => (((typeof iso === 'number' ? iso : ms(iso)) - t0) / 1000).toFixed(1);
for (const s of server) print(`server +${rel(s.at)} s: ${s.line.slice(0, 160)}`);
print(`load averages: ${lines<{ t: number; loadavg: number[] }>(`${out}.load.jsonl`).map((l) => `${l.t.toFixed(0)}s ${l.loadavg.join('/')}`).join(', ')}`);

const asks = lines<{ at: string; sent: number; status: number; ms: number }>(`${out}.ask.jsonl`);
if (asks.length) {
  const ok = asks.filter((a) => a.status === 200);
  print(`ASK: ${asks.length} answered (${ok.length} 200), first 200 answered at +${ok.length ? rel(ok[0]!.at) : '-'} s, longest wait ${Math.max(...asks.map((a) => a.ms))} ms`);
  // waits over 1 s after the first answer: the ones that are not the replicas loading
  const late = ok.filter((a) => ms(a.at) > ms(ok[0]!.at) + 1000 && a.ms > 1000);
  print(`ASKs sent after the first answer that waited > 1 s: ${late.length}${late.length ? `, longest ${Math.max(...late.map((a) => a.ms))} ms` : ''}`);
  for (const a of late.slice(0, 30)) print(`  sent +${a.sent} s waited ${a.ms} ms`);
}

type Job = { at: string; thread: number; ev: string; kind?: string; q?: string; ms?: number; quads?: number };
const jobs = lines<Job>(`${out}.jobs.jsonl`);
const open = new Map<number, Job>();
print('worker jobs over 1 s (thread, start, ms, what):');
for (const j of jobs) {
  if (j.ev === 'ready') print(`  thread ${j.thread} ready at +${rel(j.at)} s (${j.quads} quads)`);
  if (j.ev === 'job') open.set(j.thread, j);
  if (j.ev === 'reply') {
    const started = open.get(j.thread);
    open.delete(j.thread);
    if (started && (j.ms ?? 0) > 1000) print(`  thread ${j.thread} +${rel(started.at)} s ${Math.round(j.ms!)} ms ${started.kind} ${started.q ?? ''}`);
  }
}
for (const [thread, j] of open) print(`  thread ${thread} +${rel(j.at)} s still running at the end: ${j.kind} ${j.q ?? ''}`);

// the probe stamps each delay at its end; a stall here is one of over 100 ms, placed at its start
const stalls = lines<LoopEntry>(`${out}.loop.jsonl`).flatMap((e) => ('loop' in e && e.loop > 100 ? [{ at: new Date(e.at - e.loop).toISOString(), ms: Math.round(e.loop) }] : []));
const big = stalls.filter((s) => s.ms > 500);
print(`HTTP thread stalls: ${stalls.length} over 100 ms, ${big.length} over 500 ms, total ${(stalls.reduce((a, s) => a + s.ms, 0) / 1000).toFixed(1)} s, longest ${Math.max(0, ...stalls.map((s) => s.ms))} ms`);

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
if (existsSync(`${out}.cpuprofile`)) {
  const p = JSON.parse(readFileSync(`${out}.cpuprofile`, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; wallStartMs: number };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const ours = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      if (n.callFrame.url.includes('/dist/src/')) return name(n);
    }
    return '(no frame of ours)';
  };
  const times: number[] = [];
  let t = p.startTime;
  for (const d of p.timeDeltas) times.push((t += d));
  const wall = (i: number) => p.wallStartMs + (times[i]! - p.startTime) / 1000;
  for (const s of big) {
    const from = ms(s.at);
    const to = from + s.ms + 20;
    const self = new Map<string, number>();
    const own = new Map<string, number>();
    let n = 0;
    p.samples.forEach((id, i) => {
      const w = wall(i);
      if (w < from || w > to) return;
      n++;
      const node = byId.get(id)!;
      self.set(name(node), (self.get(name(node)) ?? 0) + 1);
      own.set(ours(id), (own.get(ours(id)) ?? 0) + 1);
    });
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${Math.round((100 * v) / Math.max(1, n))}% ${k}`).join('; ');
    print(`stall +${rel(s.at)} s ${s.ms} ms (${n} samples)\n    self: ${top(self)}\n    our frame: ${top(own)}`);
  }
}
