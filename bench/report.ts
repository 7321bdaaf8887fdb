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
  /** Per query: engine median / reference engine median. */
  ratios: Record<string, Record<string, number | null>>;
  /** Per query: engines whose rows differ from oxigraph in process (ignoring DESCRIBE/CONSTRUCT). */
  disagreements: Record<string, string[]>;
}

const cell = (e: EngineResult, id: string, capMs: number): string => {
  const s = e.queries[id];
  if (!s) return '–';
  if (s.timeout) return `> ${capMs / 1000} s`;
  if (s.error) return 'error';
  return s.medianMs === null ? '–' : String(s.medianMs);
};

export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || b === 0) return null;
  return Math.round((a / b) * 100) / 100;
}

export function markdown(r: SizeResult, capMs: number): string {
  const names = r.engines.map((e) => e.engine);
  const lines = [
    `### ${r.releases.toLocaleString('en')} releases (${r.quads.toLocaleString('en')} quads, seed ${r.seed}, reference data: ${r.referenceSource})`,
    '',
    `Median ms (warm). | query | ${names.join(' | ')} |`.replace('Median ms (warm). ', ''),
    `|---|${names.map(() => '---:').join('|')}|`,
    ...r.queries.map((q) => `| ${q.id}${q.analytical ? ' *' : ''} | ${r.engines.map((e) => cell(e, q.id, capMs)).join(' | ')} |`),
    `| load s | ${r.engines.map((e) => (e.loadMs == null ? '–' : (e.loadMs / 1000).toFixed(1))).join(' | ')} |`,
    `| RSS MB | ${r.engines.map((e) => e.rssMb ?? '–').join(' | ')} |`,
    `| lookup req/s (p50/p99 ms) | ${r.engines.map((e) => {
      const t = e.throughput?.lookup;
      return t ? `${t.requestsPerSec} (${t.p50Ms}/${t.p99Ms})` : '–';
    }).join(' | ')} |`,
    '',
  ];
  const ratioNames = Object.keys(r.ratios[r.queries[0]?.id ?? ''] ?? {});
  if (ratioNames.length > 0) {
    lines.push(`| ratio | ${ratioNames.join(' | ')} |`, `|---|${ratioNames.map(() => '---:').join('|')}|`);
    for (const q of r.queries) lines.push(`| ${q.id} | ${ratioNames.map((n) => r.ratios[q.id]?.[n] ?? '–').join(' | ')} |`);
    lines.push('');
  }
  const bad = Object.entries(r.disagreements).filter(([, v]) => v.length > 0);
  lines.push(bad.length === 0 ? 'All engines returned the same rows for every SELECT.' :
    `Rows differ from oxigraph in process: ${bad.map(([id, v]) => `${id} (${v.join(', ')})`).join('; ')}.`, '');
  return lines.join('\n');
}
