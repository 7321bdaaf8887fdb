/** Markdown tables from a bench result (the JSON is the record; this is for BENCHMARKS.md and the console). */
import type { EngineResult } from './measure.js';
import type { BenchQuery } from './queries.js';

export interface SizeResult {
  releases: number;
  quads: number;
  seed: number;
  referenceSource: string;
  generateMs: number;
  queries: Pick<BenchQuery, 'id' | 'question' | 'analytical'>[];
  engines: EngineResult[];
  /** Per query: engine median / reference engine median (wall clock, client side). */
  ratios: Record<string, Record<string, number | null>>;
  /** The same ratios on the engines' CPU time (robust to other load on the machine). */
  cpuRatios: Record<string, Record<string, number | null>>;
  /** Per query: engines whose rows differ from oxigraph in process (ignoring DESCRIBE/CONSTRUCT). */
  disagreements: Record<string, string[]>;
  /** `--engines stats`: the statistics against the SPARQL aggregates, in one server (bench/stats-engine.ts). */
  stats?: import('./stats-engine.js').StatsBenchResult;
}

/** The statistics table: p50/p95 ms of each request against the same question as a SPARQL aggregate, same run. */
export function statsMarkdown(s: import('./stats-engine.js').StatsBenchResult): string {
  const pair = (p: { p50: number; p95: number } | null) => (p ? `${p.p50} / ${p.p95}` : 'failed');
  const slow = (p: { p50: number; max: number } | undefined) => (p ? `${p.p50} / ${p.max}` : '–');
  const rows = s.timings.map((t) => `| ${t.id} | ${pair(t.statsMs)} (${t.runs}) | ${pair(t.statsServerMs)} | ${slow(t.afterWrite?.statsMs)} | ${slow(t.afterWrite?.statsServerMs)} | ${pair(t.sparqlMs)} (${t.sparqlRuns ?? t.runs}) | ${pair(t.sparqlServerMs)} | ` +
    `${ratio(t.sparqlMs?.p95, t.statsMs.p95) ?? '–'} | ${t.identical === null ? '–' : t.identical ? 'yes' : '**no**'} | ${t.computed ? `${t.computed.answers} / ${t.computed.calls}` : '–'} | ${t.serverGc ? `${t.serverGc.over5ms} / ${t.serverGc.over10ms}` : '–'} |`);
  const rebuilt = s.memory?.rebuilt;
  return [
    'Statistics (`/api/stats`, `fields-of-work`) against the SPARQL aggregate of the same question, alternating in one server. Every statistics run bypasses the result cache (bearer token) and computes its answer (answers computed / calls, from /metrics); every SPARQL run misses it. "After a write": each request asked once after each write, through the cache: the first answer at the new version (a miss), median / slowest. ms p50 / p95: client wall clock, and the server\'s own time (Server-Timing).',
    '',
    '| request | stats client (runs) | stats server | after a write, client | after a write, server | SPARQL client (runs) | SPARQL server | SPARQL/stats p95 | identical | computed / calls | server GC pauses > 5 / > 10 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|',
    ...rows,
    '',
    `Writes: ${s.writes.n} graph-store PUTs of whole releases, ${s.writes.meanWriteMs} ms each at the client; keeping the statistics current took ${s.writes.meanApplyMs} ms of each (${(s.writes.share * 100).toFixed(2)} %). Server RSS ${s.rssMb ?? '–'} MB.`,
    ...(s.memory?.starts ? ['', `The same data dir served again ${s.memory.starts.length} times, alternately without the statistics (OSCE_KG_STATS=sparql) and with them (every request above answered), each read idle, the first (catching up with the writes) not counted; medians: RSS ${s.memory.withoutMb} MB without, ${s.memory.withMb} MB with: **${(s.memory.growth * 100).toFixed(1)} %**; the HTTP thread's heap and buffers ${s.memory.mainWithoutMb} against ${s.memory.mainWithMb} MB (+${(s.memory.mainGrowthOfRss * 100).toFixed(1)} % of the RSS without). The first server, before the writes: ${s.memory.firstServer.withIdleMb} / ${s.memory.firstServer.withAskedMb} MB.`,
      '', '| start | statistics | RSS MB | HTTP thread heap / buffers MB | workers\' replicas / heaps MB | workers recycled | statistics restored / rebuilt |', '|---|---|---:|---:|---:|---:|---|',
      ...s.memory.starts.map((r, i) => `| ${i + 1}${r.settling ? ' (not counted)' : ''} | ${r.stats === 'index' ? 'with' : 'without'} | ${r.rssMb} | ${r.mainHeapMb} / ${r.mainExternalMb} | ${r.workersExternalMb} / ${r.workersHeapMb} | ${r.recycled} | ${r.stats === 'index' ? `${r.restored} / ${r.rebuilt}` : '–'} |`),
      ...(rebuilt ? [`| ${s.memory.starts.length + 1} (checkpoint removed, not counted) | with | ${rebuilt.rssMb} (${(rebuilt.growth * 100).toFixed(1)} %) | ${rebuilt.mainHeapMb} / ${rebuilt.mainExternalMb} | ${rebuilt.workersExternalMb} / ${rebuilt.workersHeapMb} | ${rebuilt.recycled} | ${rebuilt.restored} / ${rebuilt.rebuilt} |`] : [])] : []),
    '',
  ].join('\n');
}

const cell = (e: EngineResult, id: string, capMs: number): string => {
  const s = e.queries[id];
  if (!s) return '–';
  if (s.timeout) return `> ${capMs / 1000} s`;
  if (s.error) return 'error';
  if (s.medianMs === null) return '–';
  return s.cpuMs === undefined ? String(s.medianMs) : `${s.medianMs} / ${s.cpuMs}`;
};

function ratioTable(title: string, table: Record<string, Record<string, number | null>>, ids: string[]): string[] {
  const names = Object.keys(table[ids[0] ?? ''] ?? {});
  if (names.length === 0) return [];
  return [`| ${title} | ${names.join(' | ')} |`, `|---|${names.map(() => '---:').join('|')}|`,
    ...ids.map((id) => `| ${id} | ${names.map((n) => table[id]?.[n] ?? '–').join(' | ')} |`), ''];
}

export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || b === 0) return null;
  return Math.round((a / b) * 100) / 100;
}

export function markdown(r: SizeResult, capMs: number): string {
  const names = r.engines.map((e) => e.engine);
  const ids = [...new Set([...r.queries.map((q) => q.id), ...r.engines.flatMap((e) => Object.keys(e.queries))])];
  const analytical = new Set(r.queries.filter((q) => q.analytical).map((q) => q.id));
  const lines = [
    `### ${r.releases.toLocaleString('en')} releases (${r.quads.toLocaleString('en')} quads, seed ${r.seed}, reference data: ${r.referenceSource})`,
    '',
    'ms per query: median wall clock at the client / mean CPU of the engine process (all threads); * = analytical.',
    '',
    `| query | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---:').join('|')}|`,
    ...ids.map((id) => `| ${id}${analytical.has(id) ? ' *' : ''} | ${r.engines.map((e) => cell(e, id, capMs)).join(' | ')} |`),
    `| load s | ${r.engines.map((e) => (e.loadMs == null ? '–' : (e.loadMs / 1000).toFixed(1))).join(' | ')} |`,
    `| RSS MB | ${r.engines.map((e) => e.rssMb ?? '–').join(' | ')} |`,
    ...['lookup', 'document', 'namedQuery'].map((kind) => `| ${kind} req/s (p50/p99 ms) | ${r.engines.map((e) => {
      const t = e.throughput?.[kind];
      return t ? `${t.requestsPerSec} (${t.p50Ms}/${t.p99Ms})` : '–';
    }).join(' | ')} |`),
    '',
    ...ratioTable('wall ratio', r.ratios, r.queries.map((q) => q.id)),
    ...ratioTable('CPU ratio', r.cpuRatios, r.queries.map((q) => q.id)),
  ];
  lines.push(...uploadLine(r));
  lines.push(...serverTimeTable(r));
  lines.push(...floorLine(r));
  const bad = Object.entries(r.disagreements).filter(([, v]) => v.length > 0);
  lines.push(bad.length === 0 ? 'All engines returned the same rows for every SELECT.' :
    `Rows differ from oxigraph in process: ${bad.map(([id, v]) => `${id} (${v.join(', ')})`).join('; ')}.`, '');
  return lines.join('\n');
}

/**
 * osce-kg's own account of each answer (its `Server-Timing`: from having the whole request to writing the response
 * head), evaluated against repeated: what the result cache saves the server, apart from the HTTP round trip both pay.
 */
function serverTimeTable(r: SizeResult): string[] {
  const uncached = r.engines.find((e) => e.engine === 'osce-kg-server');
  const cached = r.engines.find((e) => e.engine === 'osce-kg-cached');
  const ids = r.queries.map((q) => q.id).filter((id) => uncached?.queries[id]?.serverMs !== undefined);
  if (!uncached || !cached || ids.length === 0) return [];
  return ['osce-kg server time per answer (Server-Timing, ms): evaluated / repeated (cache hit)', '',
    '| query | evaluated | repeated | ratio |', '|---|---:|---:|---:|',
    ...ids.map((id) => {
      const [a, b] = [uncached.queries[id]?.serverMs, cached.queries[id]?.serverMs];
      return `| ${id} | ${a ?? '–'} | ${b ?? '–'} | ${ratio(a, b) ?? '–'} |`;
    }), ''];
}

/** The graph upload, and how long a request that needs no store waited while it ran (the HTTP thread's longest stall). */
function uploadLine(r: SizeResult): string[] {
  const u = r.engines.find((e) => e.upload)?.upload;
  if (!u) return [];
  return [`osce-kg graph upload: ${u.mb} MB (${u.triples.toLocaleString('en')} triples of whole releases) answered HTTP ${u.status} in ` +
    `${(u.ms / 1000).toFixed(1)} s; meanwhile a request for \`/dumps\` every 20 ms waited at most ${u.longestWaitMs} ms (${u.probes} requests).`, ''];
}

/** Cache hits against the HTTP floor (the bare server's constant answer): how close a hit is to costing nothing. */
function floorLine(r: SizeResult): string[] {
  const floor = r.engines.find((e) => e.engine === 'oxigraph-bare-http')?.queries['http-floor']?.medianMs;
  const cached = r.engines.find((e) => e.engine === 'osce-kg-cached');
  if (!floor || !cached) return [];
  const hits = r.queries.map((q) => cached.queries[q.id]?.medianMs).filter((ms): ms is number => typeof ms === 'number').sort((a, b) => a - b);
  if (hits.length === 0) return [];
  const mid = hits[Math.floor(hits.length / 2)]!;
  return [`HTTP floor (a constant answer from a bare node:http server): ${floor} ms. Cache hits: ${hits[0]}–${hits.at(-1)} ms, ` +
    `median ${mid} ms (${ratio(mid, floor)}× the floor). No repeat can be more than (its evaluation / the floor) times faster than evaluating.`, ''];
}

/** Ratio pairs reported per query: [label, numerator engine, denominator engine]. */
const RATIOS: [string, string, string][] = [
  ['bare-http / in-process', 'oxigraph-bare-http', 'oxigraph-inprocess'],
  ['bare-http / virtuoso', 'oxigraph-bare-http', 'virtuoso-http'],
  ['comunica / bare-http', 'comunica-n3', 'oxigraph-bare-http'],
  ['osce-kg / bare-http', 'osce-kg-server', 'oxigraph-bare-http'],
  ['osce-kg / bare-http, paired', 'osce-kg-paired', 'oxigraph-bare-http-paired'],
  ['osce-kg / virtuoso', 'osce-kg-server', 'virtuoso-http'],
  ['uncached / cached', 'osce-kg-server', 'osce-kg-cached'],
];

export function compare(queries: Pick<BenchQuery, 'id' | 'kind'>[], results: EngineResult[]): Pick<SizeResult, 'ratios' | 'cpuRatios' | 'disagreements'> {
  const by = (name: string): EngineResult | undefined => results.find((e) => e.engine === name);
  const present = RATIOS.filter(([, a, b]) => by(a) && by(b));
  const ratios: SizeResult['ratios'] = {};
  const cpuRatios: SizeResult['ratios'] = {};
  const disagreements: SizeResult['disagreements'] = {};
  for (const q of queries) {
    const stat = (name: string) => by(name)?.queries[q.id];
    ratios[q.id] = Object.fromEntries(present.map(([label, a, b]) => [label, ratio(stat(a)?.medianMs, stat(b)?.medianMs)]));
    // osce-kg's own account of an answer (Server-Timing): evaluating against a cache hit, without the HTTP round trip
    if (by('osce-kg-server') && by('osce-kg-cached')) {
      ratios[q.id]!['uncached / cached, server time'] = ratio(stat('osce-kg-server')?.serverMs, stat('osce-kg-cached')?.serverMs);
    }
    cpuRatios[q.id] = Object.fromEntries(present.map(([label, a, b]) => [label, ratio(stat(a)?.cpuMs, stat(b)?.cpuMs)]));
    const want = stat('oxigraph-inprocess')?.fingerprint;
    disagreements[q.id] = q.kind === 'construct' || !want ? [] : results
      .filter((e) => e.queries[q.id]?.fingerprint && e.queries[q.id]?.fingerprint !== want)
      .map((e) => e.engine);
  }
  return { ratios, cpuRatios, disagreements };
}
