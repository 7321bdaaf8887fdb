/**
 * The curator's report, read from the harvest state: every page that was rejected (with its problems) or could not
 * be fetched, the pages skipped by reason, the discovery documents that failed, and the last job's counts. The same
 * object is printed by `osce-kg harvest --report` and served by `/harvest/report` (JSON and HTML).
 */
import type { EndRecord, HarvestState, PageRecord, Problem } from './state.js';

export interface ReportEntry {
  url: string;
  /** When it was last fetched. */
  at: string;
  code: string;
  message: string;
  problems?: Problem[];
}

export interface HarvestReport {
  lastJob: { id: string; started: string; finished?: string; complete?: boolean; counts?: EndRecord['counts'] } | undefined;
  pages: { known: number; releases: number; skipped: number; rejected: number; failed: number };
  rejected: ReportEntry[];
  failed: ReportEntry[];
  /** Skipped pages by reason, each with its URLs. */
  skipped: Record<string, string[]>;
  sources: ReportEntry[];
}

const entry = (r: { url: string; at: string; code?: string; message?: string; problems?: Problem[] }): ReportEntry => ({
  url: r.url, at: r.at, code: r.code ?? 'UNKNOWN', message: r.message ?? '', ...(r.problems ? { problems: r.problems } : {}),
});

const byUrl = (a: { url: string }, b: { url: string }) => a.url.localeCompare(b.url);

export function harvestReport(state: HarvestState): HarvestReport {
  const pages = [...state.pages.values()].sort(byUrl);
  const is = (s: PageRecord['standing']) => pages.filter((p) => p.standing === s);
  const skipped: Record<string, string[]> = {};
  for (const p of is('skipped')) (skipped[p.code ?? 'UNKNOWN'] ??= []).push(p.url);
  const job = state.lastJob;
  const end = state.lastEnd;
  return {
    lastJob: job && { id: job.id, started: job.started, ...(end ? { finished: end.finished, complete: end.complete, counts: end.counts } : {}) },
    pages: { known: pages.length, releases: is('release').length, skipped: is('skipped').length, rejected: is('rejected').length, failed: is('failed').length },
    rejected: is('rejected').map(entry),
    failed: is('failed').map(entry),
    skipped,
    // a missing robots.txt is no fault (RFC 9309 §2.3.1.3)
    sources: [...state.docs.values()].filter((d) => d.code && !(d.kind === 'robots' && d.status && d.status < 500)).sort(byUrl).map(entry),
  };
}

/** The report as text for a terminal. */
export function reportText(r: HarvestReport): string {
  const lines: string[] = [];
  if (r.lastJob) {
    const state = r.lastJob.finished ? `finished ${r.lastJob.finished}${r.lastJob.complete ? '' : ' (incomplete)'}` : 'not finished (interrupted or running)';
    lines.push(`last job ${r.lastJob.id}: started ${r.lastJob.started}, ${state}`);
  } else lines.push('no harvest has run on this data directory');
  const p = r.pages;
  lines.push(`pages known ${p.known}: releases ${p.releases}, skipped ${p.skipped}, rejected ${p.rejected}, failed ${p.failed}`);
  for (const e of r.rejected) {
    lines.push(`rejected ${e.url}: ${e.code}: ${e.message}`);
    for (const problem of e.problems ?? []) lines.push(`    ${problem.code}: ${problem.message}`);
  }
  for (const e of r.failed) lines.push(`failed ${e.url}: ${e.code}: ${e.message}`);
  for (const e of r.sources) lines.push(`source failed ${e.url}: ${e.code}: ${e.message}`);
  for (const [code, urls] of Object.entries(r.skipped).sort()) lines.push(`skipped ${urls.length} ${code}: ${urls.slice(0, 5).join(' ')}${urls.length > 5 ? ' …' : ''}`);
  return `${lines.join('\n')}\n`;
}
