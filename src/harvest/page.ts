/**
 * One page of a harvest: fetched conditionally, decoded, and either left as it was (304, or the same bytes), skipped
 * (not a page, not a release, a listing), ingested through the same ingestion as `osce-kg ingest` with the URL as its
 * source (one atomic write: never a partial release), or kept as rejected with its problems. The outcome is recorded
 * in the state before the next page.
 */
import { createHash } from 'node:crypto';
import { isAppError } from '../errors.js';
import { buildRelease, hasReleaseMarks, ingestPage, type ReferenceIndex } from '../ingest/index.js';
import type { KgStore, WriteGate } from '../store/types.js';
import { decodeBody, isPageType } from './charset.js';
import type { PoliteFetcher } from './fetcher.js';
import { listingLinks } from './listing.js';
import type { RobotsRules } from './robots.js';
import type { HarvestState, PageRecord, Problem } from './state.js';

/** Where pages go: the store through its gate, or nowhere (a dry run builds each release and drops it). */
export interface IngestTarget {
  index: ReferenceIndex;
  store?: KgStore;
  gate?: WriteGate;
}

export interface PageContext {
  fetcher: PoliteFetcher;
  state: HarvestState;
  job: string;
  robots: RobotsRules;
  target: IngestTarget;
  maxPageBytes: number;
}

/** What this run did with a page. */
export type PageOutcome = 'ingested' | 'updated' | 'unchanged' | 'skipped' | 'rejected' | 'failed';

export interface PageResult {
  outcome: PageOutcome;
  record: PageRecord;
}

function settle(ctx: PageContext, outcome: PageOutcome, record: PageRecord): PageResult {
  ctx.state.write(record);
  return { outcome, record };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Harvests one page. Undefined when the harvest was stopped before the page was answered (nothing is recorded).
 * Throws only for faults of the store itself (the job cannot go on without it).
 */
export async function harvestPage(ctx: PageContext, url: string): Promise<PageResult | undefined> {
  const prev = ctx.state.pages.get(url);
  const at = new Date();
  const base: PageRecord = { t: 'page', url, job: ctx.job, at: at.toISOString(), standing: 'failed' };
  if (!ctx.robots.allows(url)) return settle(ctx, 'skipped', { ...base, standing: 'skipped', code: 'DISALLOWED', message: `robots.txt disallows ${url}; it was not requested.` });
  const out = await ctx.fetcher.get(
    { url, ...(prev?.validators ? { validators: prev.validators } : {}), wants: isPageType, maxBytes: ctx.maxPageBytes },
    async (u) => ctx.robots.allows(u),
  );
  if (out.kind === 'not-modified' && prev) return again(ctx, { ...prev, job: ctx.job, at: base.at }, at);
  if (out.kind === 'failed' && out.code === 'ABORTED') return undefined;
  if (out.kind === 'failed') return settle(ctx, 'failed', { ...base, code: out.code, message: out.message });
  if (out.kind === 'unwanted') {
    return settle(ctx, 'skipped', { ...base, standing: 'skipped', validators: out.validators, code: 'NOT_A_PAGE', message: `${url} is ${out.contentType || 'of no declared type'}, not an HTML or text page.` });
  }
  if (out.kind !== 'ok') return settle(ctx, 'failed', { ...base, code: 'UNEXPECTED_ANSWER', message: `${url} answered 304 to a request that was not conditional.` });
  const fetched: PageRecord = {
    ...base, validators: out.validators, sha256: sha256(out.body), contentType: out.contentType, ...(out.url !== url ? { finalUrl: out.url } : {}),
  };
  if (prev && prev.sha256 === fetched.sha256 && prev.standing !== 'failed' && (await stillStored(ctx, prev))) {
    return again(ctx, { ...prev, ...fetched, standing: prev.standing }, at);
  }
  return ingest(ctx, fetched, out.body, at);
}

/** Skips and rejections a newer extractor may decide otherwise: their bodies are kept and read again on each run. */
const RETRIED = new Set(['NOT_A_RELEASE', 'LISTING']);
const retried = (r: PageRecord) => r.standing === 'rejected' || (r.standing === 'skipped' && RETRIED.has(r.code ?? ''));

/** A page whose bytes did not change: unchanged, unless it was not a release and its kept body can be read again. */
function again(ctx: PageContext, record: PageRecord, at: Date): Promise<PageResult> | PageResult {
  const body = retried(record) && record.sha256 ? ctx.state.body(record.sha256) : undefined;
  if (!body) return settle(ctx, 'unchanged', record);
  const { code: _code, message: _message, problems: _problems, ...rest } = record;
  return ingest(ctx, { ...rest, standing: 'failed' }, Buffer.from(body), at);
}

/** Whether the release an unchanged page became is still in the store (a curator may have deleted it). */
async function stillStored(ctx: PageContext, prev: PageRecord): Promise<boolean> {
  if (!prev.graph || !ctx.target.store) return true;
  return ctx.target.store.hasGraph({ iri: prev.graph });
}

async function ingest(ctx: PageContext, fetched: PageRecord, body: Buffer, at: Date): Promise<PageResult> {
  const page = decodeBody(body, fetched.contentType ?? '');
  if ('error' in page) return settle(ctx, 'rejected', { ...fetched, standing: 'rejected', code: 'UNSUPPORTED_CHARSET', message: page.error });
  const source = fetched.finalUrl ?? fetched.url;
  const keep = () => fetched.sha256 && ctx.state.keepBody(fetched.sha256, body);
  const skip = (code: string, message: string) => {
    if (RETRIED.has(code)) keep();
    return settle(ctx, 'skipped', { ...fetched, standing: 'skipped', code, message });
  };
  if (page.format === 'html' && listingLinks(page.text, source).pagination.length > 0) {
    return skip('LISTING', `${source} is a listing (it has further pages), not a release.`);
  }
  // The release's key comes from the page's address after redirects (docs/decisions/0001); when this entry's redirect
  // now ends elsewhere, the release it became is the same page, moved: the ingester moves it and keeps an alias.
  const before = ctx.state.pages.get(fetched.url);
  const formerSource = before?.standing === 'release' ? (before.finalUrl ?? before.url) : undefined;
  const opts = {
    format: page.format,
    maxBytes: ctx.maxPageBytes,
    source: { iri: source, retrieved: { at, ...fetched.validators } },
    ...(formerSource && formerSource !== source ? { formerSource } : {}),
  };
  try {
    const { store, gate, index } = ctx.target;
    if (!store) {
      const { record } = buildRelease(page.text, index, opts);
      return settle(ctx, 'ingested', { ...fetched, standing: 'release', release: record.iri, graph: record.graph });
    }
    const result = await ingestPage({ store, index, ...(gate ? { gate } : {}) }, page.text, opts);
    return settle(ctx, result.created ? 'ingested' : 'updated', { ...fetched, standing: 'release', release: result.iri, graph: result.graph });
  } catch (e) {
    if (!isAppError(e) || e.status >= 500) throw e;
    if (!hasReleaseMarks(page.text, ctx.target.index, opts)) {
      return skip('NOT_A_RELEASE', `${source} has no content type, date or dateline of a press release (${e.code}: ${e.message}).`);
    }
    keep();
    return settle(ctx, 'rejected', { ...fetched, standing: 'rejected', code: e.code, message: e.message, problems: problemsOf(e.detail, e) });
  }
}

/** The problems of a rejection: the extractor's list, or the error itself. */
function problemsOf(detail: unknown, e: Problem): Problem[] {
  const listed = (detail as { problems?: unknown } | undefined)?.problems;
  if (Array.isArray(listed)) return listed.filter((p): p is Problem => typeof p?.code === 'string' && typeof p?.message === 'string');
  return [{ code: e.code, message: e.message }];
}
