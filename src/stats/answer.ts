/** Statistics rows as the API sends them: a JSON array of `{key, label, [key2, label2,] releases}`, or CSV (RFC 4180). */
import type { StatsRequest, StatsRow } from './types.js';

export const STATS_TYPES = ['application/json', 'text/csv'] as const;
export type StatsType = (typeof STATS_TYPES)[number];

/** One CSV field, quoted when it holds a quote, comma or line end. */
export const csvField = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV with a header line and CRLF line ends (RFC 4180 §2). */
export function statsCsv(req: StatsRequest, rows: readonly StatsRow[]): string {
  const two = req.by.length === 2;
  const header = two ? ['key', 'label', 'key2', 'label2', 'releases'] : ['key', 'label', 'releases'];
  const lines = rows.map((r) => (two ? [r.key, r.label, r.key2!, r.label2!, r.releases] : [r.key, r.label, r.releases]).map(csvField).join(','));
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

export const STATS_CONTENT_TYPES: Record<StatsType, string> = { 'application/json': 'application/json; charset=utf-8', 'text/csv': 'text/csv; charset=utf-8; header=present' };

export function statsBody(req: StatsRequest, rows: readonly StatsRow[], type: StatsType): { body: string; contentType: string } {
  if (type === 'text/csv') return { body: statsCsv(req, rows), contentType: STATS_CONTENT_TYPES[type] };
  return { body: JSON.stringify(rows), contentType: STATS_CONTENT_TYPES[type] };
}
