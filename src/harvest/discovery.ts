/**
 * Discovery: from the URLs a user gives to the pages to fetch. A site root stands for the sitemaps its robots.txt
 * names; a sitemap index leads to its sitemaps, a sitemap to its pages (with lastmod); an HTML listing to the
 * same-host pages it links and to its further pages. Every discovery document is fetched politely and conditionally,
 * and recorded in the state with what it led to, so a 304 (or a resumed job) needs no new parse.
 */
import { mediaTypeOf } from '../http/body.js';
import type { PoliteFetcher } from './fetcher.js';
import { listingLinks } from './listing.js';
import { parseRobots, robotsUrlOf, rulesWithoutFile, type RobotsRules } from './robots.js';
import { isGzip, MAX_SITEMAP_BYTES, parseSitemap } from './sitemap.js';
import type { DocRecord, HarvestState } from './state.js';

export interface Candidate {
  url: string;
  lastmod?: string;
}

export interface DiscoveryContext {
  fetcher: PoliteFetcher;
  state: HarvestState;
  job: string;
  /** Whether the job is resumed: what it already recorded is not fetched again. */
  resumed: boolean;
}

/** A recorded document of this job, if the job is resumed and has one. */
function doneInJob(ctx: DiscoveryContext, url: string): DocRecord | undefined {
  const prev = ctx.state.docs.get(url);
  return ctx.resumed && prev?.job === ctx.job ? prev : undefined;
}

/** The robots.txt rules of the origin of `url` (RFC 9309), fetched conditionally. */
export async function loadRobots(ctx: DiscoveryContext, url: string): Promise<{ rules: RobotsRules; doc: DocRecord }> {
  const robotsUrl = robotsUrlOf(url);
  const prev = ctx.state.docs.get(robotsUrl);
  let doc = doneInJob(ctx, robotsUrl);
  if (!doc) {
    const out = await ctx.fetcher.get({ url: robotsUrl, ...(prev?.text !== undefined && prev.validators ? { validators: prev.validators } : {}), wants: () => true, maxBytes: 512 * 1024 });
    const base = { t: 'doc', url: robotsUrl, job: ctx.job, at: new Date().toISOString(), kind: 'robots' } as const;
    if (out.kind === 'not-modified' && prev) doc = { ...prev, job: ctx.job, at: base.at };
    else if (out.kind === 'ok') doc = { ...base, text: out.body.toString('utf8'), validators: out.validators };
    else if (out.kind === 'failed') doc = { ...base, code: out.code, message: out.message, ...(out.status ? { status: out.status } : {}) };
    else doc = { ...base, code: 'UNEXPECTED_ANSWER', message: `${robotsUrl} answered 304 to a request that was not conditional.` };
    if (doc.code !== 'ABORTED') ctx.state.write(doc);
  }
  return { rules: doc.text !== undefined ? parseRobots(robotsUrl, doc.text) : rulesWithoutFile(doc.status), doc };
}

/** Fetches one discovery document (conditionally) and records what it leads to. */
async function fetchDoc(ctx: DiscoveryContext, url: string, robots: RobotsRules): Promise<DocRecord> {
  const done = doneInJob(ctx, url);
  if (done) return done;
  const prev = ctx.state.docs.get(url);
  const base = { t: 'doc', url, job: ctx.job, at: new Date().toISOString(), kind: 'listing' } as const;
  if (!robots.allows(url)) return record(ctx, { ...base, code: 'DISALLOWED', message: `robots.txt disallows ${url}.` });
  const out = await ctx.fetcher.get(
    { url, ...(prev?.validators ? { validators: prev.validators } : {}), wants: () => true, maxBytes: MAX_SITEMAP_BYTES },
    async (u) => robots.allows(u),
  );
  if (out.kind === 'not-modified' && prev) return record(ctx, { ...prev, job: ctx.job, at: base.at });
  if (out.kind === 'failed' && out.code === 'ABORTED') return { ...base, code: out.code, message: out.message }; // not recorded
  if (out.kind === 'failed') return record(ctx, { ...base, code: out.code, message: out.message });
  if (out.kind !== 'ok') return record(ctx, { ...base, code: 'UNEXPECTED_ANSWER', message: `${url} answered 304 to a request that was not conditional.` });
  const media = mediaTypeOf(out.contentType);
  const validators = out.validators;
  if (isGzip(out.body) || media.endsWith('xml') || media === 'application/gzip' || media === 'application/x-gzip') {
    const sitemap = parseSitemap(out.body);
    return record(ctx, {
      ...base, kind: 'sitemap', validators, entries: sitemap.entries,
      ...(sitemap.kind === 'sitemapindex' ? { pagination: sitemap.entries.map((e) => e.loc) } : {}),
      ...(sitemap.error ? { code: 'MALFORMED_SITEMAP', message: sitemap.error } : {}),
    });
  }
  if (media !== 'text/html' && media !== 'application/xhtml+xml') {
    return record(ctx, { ...base, code: 'NOT_A_LISTING', message: `${url} is neither a sitemap nor an HTML listing (${media || 'no Content-Type'}).` });
  }
  const links = listingLinks(out.body.toString('utf8'), out.url);
  return record(ctx, { ...base, validators, entries: links.pages.map((loc) => ({ loc })), pagination: links.pagination });
}

function record(ctx: DiscoveryContext, doc: DocRecord): DocRecord {
  ctx.state.write(doc);
  return doc;
}

/**
 * The candidate pages of one seed, and the discovery documents that failed. A sitemap index's `pagination` is its
 * sitemaps; a listing's is its further pages. Documents are visited once each.
 */
export async function discover(ctx: DiscoveryContext, seed: string, robots: RobotsRules): Promise<{ candidates: Candidate[]; failures: DocRecord[] }> {
  const start = new URL(seed);
  const roots = start.pathname === '/' && !start.search && robots.sitemaps().length > 0 ? robots.sitemaps() : [seed];
  const queue = [...roots];
  const seen = new Set(queue);
  const candidates = new Map<string, Candidate>();
  const failures: DocRecord[] = [];
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    const doc = await fetchDoc(ctx, url, robots);
    if (doc.code) failures.push(doc);
    const index = doc.kind === 'sitemap' && doc.pagination !== undefined;
    for (const next of doc.pagination ?? []) {
      if (!seen.has(next) && new URL(next).host === start.host) {
        seen.add(next);
        queue.push(next);
      }
    }
    if (index) continue;
    for (const entry of doc.entries ?? []) {
      if (!candidates.has(entry.loc)) candidates.set(entry.loc, { url: entry.loc, ...(entry.lastmod ? { lastmod: entry.lastmod } : {}) });
    }
  }
  return { candidates: [...candidates.values()], failures };
}
