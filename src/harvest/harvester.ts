/**
 * A harvest job: for each host named (hosts side by side, one request at a time per host), robots.txt, then
 * discovery, then the pages, new ones first. The job is recorded in the state as it goes; a run with the same seeds
 * and filters after an interruption resumes it: what the job already recorded is not fetched again.
 */
import { randomBytes } from 'node:crypto';
import { discover, loadRobots, type Candidate, type DiscoveryContext } from './discovery.js';
import { PoliteFetcher } from './fetcher.js';
import type { HarvestOptions } from './options.js';
import { harvestPage, type IngestTarget, type PageContext, type PageOutcome } from './page.js';
import type { HarvestState, PageRecord } from './state.js';

export interface HarvestCounts {
  /** Pages discovered (after --include, --exclude and --since). */
  found: number;
  /** Pages requested in this run (answered or not). */
  fetched: number;
  ingested: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
  failed: number;
  /** Discovery documents (sitemaps, listings, robots.txt) that could not be fetched or read. */
  sourcesFailed: number;
  /** Pages this job had done before it was interrupted (not fetched again). */
  resumed: number;
  /** URLs left out by --include, --exclude, --since, or for being on another host. */
  excluded: number;
}

export interface HarvestIssue {
  url: string;
  outcome: 'skipped' | 'rejected' | 'failed';
  code: string;
  message: string;
}

export interface HarvestSummary {
  job: string;
  resumed: boolean;
  /** False when the job stopped at --max-pages or was cancelled. */
  complete: boolean;
  counts: HarvestCounts;
  /** What went wrong or was skipped in this run, discovery documents included. */
  issues: HarvestIssue[];
}

export interface HarvestHooks {
  /** Called after every change of the counts, with the URL being worked on. */
  onProgress?: (counts: Readonly<HarvestCounts>, url: string) => void;
  signal?: AbortSignal;
}

const newCounts = (): HarvestCounts => ({ found: 0, fetched: 0, ingested: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0, failed: 0, sourcesFailed: 0, resumed: 0, excluded: 0 });

/** Whether a run went wrong anywhere (the command's exit status). */
export const hasFailures = (s: HarvestSummary): boolean => s.counts.rejected + s.counts.failed + s.counts.sourcesFailed > 0;

class Job {
  readonly counts = newCounts();
  readonly issues: HarvestIssue[] = [];
  /** Set when the job stopped before its last page (--max-pages, or stopped). */
  cut = false;
  private budget: number;

  constructor(readonly opts: HarvestOptions, readonly id: string, readonly resumed: boolean, readonly state: HarvestState, readonly target: IngestTarget, readonly hooks: HarvestHooks) {
    this.budget = opts.maxPages ?? Number.POSITIVE_INFINITY;
  }

  get exhausted(): boolean {
    return this.budget <= 0 || this.hooks.signal?.aborted === true;
  }

  spend(): void {
    this.budget--;
  }

  tally(outcome: PageOutcome | 'resumed', record: PageRecord | undefined, url: string): void {
    this.counts[outcome]++;
    if (record?.code && (outcome === 'skipped' || outcome === 'rejected' || outcome === 'failed')) {
      this.issues.push({ url, outcome, code: record.code, message: record.message ?? '' });
    }
    this.hooks.onProgress?.(this.counts, url);
  }

  sourceFailed(url: string, code: string, message = ''): void {
    this.counts.sourcesFailed++;
    this.issues.push({ url, outcome: 'failed', code, message });
    this.hooks.onProgress?.(this.counts, url);
  }

  /** Whether a candidate passes --include, --exclude, --since and stays on the seed's host. */
  wanted(c: Candidate, host: string): boolean {
    const { include, exclude, since } = this.opts;
    if (new URL(c.url).host !== host) return false;
    if (include.length > 0 && !include.some((r) => r.test(c.url))) return false;
    if (exclude.some((r) => r.test(c.url))) return false;
    const modified = c.lastmod ? Date.parse(c.lastmod) : Number.NaN;
    return !(since && !Number.isNaN(modified) && modified < since.getTime());
  }
}

/** Runs (or resumes) a harvest job. Throws only when the store fails. */
export async function runHarvest(opts: HarvestOptions, state: HarvestState, target: IngestTarget, hooks: HarvestHooks = {}): Promise<HarvestSummary> {
  // a dry run never resumes (nor ends) a real job: its records stay in memory
  const previous = opts.dryRun ? undefined : state.resumable(opts.fingerprint);
  const id = previous?.id ?? `${new Date().toISOString()}-${randomBytes(3).toString('hex')}`;
  if (!previous) state.write({ t: 'job', id, started: new Date().toISOString(), fingerprint: opts.fingerprint });
  const job = new Job(opts, id, previous !== undefined, state, target, hooks);
  const fetcher = new PoliteFetcher({ userAgent: opts.userAgent, delayMs: opts.delayMs, timeoutMs: opts.timeoutMs, backoff: opts.backoff, maxRedirects: 5, ...(hooks.signal ? { signal: hooks.signal } : {}) });
  const byHost = new Map<string, string[]>();
  for (const seed of opts.seeds) byHost.set(new URL(seed).host, [...(byHost.get(new URL(seed).host) ?? []), seed]);
  await Promise.all([...byHost.values()].map((seeds) => harvestHost(job, fetcher, seeds)));
  const complete = !job.cut && hooks.signal?.aborted !== true;
  state.write({ t: 'end', id, finished: new Date().toISOString(), counts: { ...job.counts }, complete });
  return { job: id, resumed: job.resumed, complete, counts: job.counts, issues: job.issues };
}

async function harvestHost(job: Job, fetcher: PoliteFetcher, seeds: string[]): Promise<void> {
  const ctx: DiscoveryContext = { fetcher, state: job.state, job: job.id, resumed: job.resumed };
  const first = seeds[0] as string;
  const host = new URL(first).host;
  const { rules: robots, doc } = await loadRobots(ctx, first);
  const crawlDelay = robots.crawlDelayMs();
  if (crawlDelay !== undefined) fetcher.pacer(host).widen(crawlDelay);
  // RFC 9309 §2.3.1: a missing robots.txt (4xx) allows everything; an unreachable one (5xx, no answer) nothing
  if (doc.code === 'ABORTED') return;
  if (doc.code && !(doc.status && doc.status < 500)) return job.sourceFailed(doc.url, doc.code, doc.message);
  const candidates = new Map<string, Candidate>();
  for (const seed of seeds) {
    const { candidates: found, failures } = await discover(ctx, seed, robots);
    for (const f of failures.filter((d) => d.code !== 'ABORTED')) job.sourceFailed(f.url, f.code ?? 'FAILED', f.message);
    for (const c of found) {
      if (candidates.has(c.url)) continue;
      if (!job.wanted(c, host)) job.counts.excluded++;
      else candidates.set(c.url, c);
    }
  }
  job.counts.found += candidates.size;
  job.hooks.onProgress?.(job.counts, first);
  const pageCtx: PageContext = { fetcher, state: job.state, job: job.id, robots, target: job.target, maxPageBytes: job.opts.maxPageBytes };
  for (const url of order([...candidates.keys()], job.state)) {
    const prev = job.state.pages.get(url);
    if (job.resumed && prev?.job === job.id) {
      job.tally('resumed', undefined, url);
      continue;
    }
    const requested = robots.allows(url);
    if (requested && job.exhausted) {
      job.cut = true;
      break;
    }
    if (requested) job.spend();
    const result = await harvestPage(pageCtx, url);
    if (!result) {
      job.cut = true;
      break;
    }
    if (requested) job.counts.fetched++;
    job.tally(result.outcome, result.record, url);
  }
}

/** Pages never fetched first (a harvest cut by --max-pages goes on with them next time), then the least recent. */
function order(urls: string[], state: HarvestState): string[] {
  const at = (u: string) => state.pages.get(u)?.at ?? '';
  return urls.sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
}
