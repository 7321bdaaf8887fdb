/**
 * The options of a harvest, shared by the command, `serve --harvest` and `POST /harvest`: checked once, with a 400
 * naming the option that is wrong.
 */
import { badRequest } from '../errors.js';
import { VERSION } from '../model/version.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';

export interface HarvestRequest {
  urls: string[];
  include?: string[];
  exclude?: string[];
  /** A date (YYYY-MM-DD) or date-time: sitemap entries last modified before it are left out. */
  since?: string;
  delayMs?: number;
  maxPages?: number;
  dryRun?: boolean;
  /** A URL where site owners can reach whoever runs the harvest, sent in the User-Agent. */
  contact?: string;
}

export interface HarvestOptions {
  seeds: string[];
  include: RegExp[];
  exclude: RegExp[];
  since: Date | undefined;
  delayMs: number;
  maxPages: number | undefined;
  dryRun: boolean;
  userAgent: string;
  timeoutMs: number;
  maxPageBytes: number;
  backoff: BackoffPolicy;
  /** What identifies the job for resumption: seeds and filters. */
  fingerprint: string;
}

export const DEFAULT_DELAY_MS = 1000;
/** A press-release page is a few tens of kilobytes; site pages with menus a few hundred. */
export const DEFAULT_MAX_PAGE_BYTES = 2 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;

function httpUrl(value: string, what: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      url.hash = '';
      return url.href;
    }
  } catch {
    // reported below
  }
  throw badRequest('INVALID_HARVEST_OPTION', `${what} must be an http(s) URL, got "${value}".`);
}

function regex(source: string, option: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch (e) {
    throw badRequest('INVALID_HARVEST_OPTION', `${option} "${source}" is not a valid regular expression: ${(e as Error).message}.`);
  }
}

function count(value: number | undefined, option: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) throw badRequest('INVALID_HARVEST_OPTION', `${option} must be an integer of at least ${min}, got ${value}.`);
  return value;
}

/** The User-Agent: the product and version, and a contact URL in the conventional "+URL" comment. */
export function userAgentOf(contact: string | undefined): string {
  return `osce-kg/${VERSION}${contact ? ` (+${contact})` : ''}`;
}

/** Checks a harvest request; throws a 400 AppError for the first problem. */
export function harvestOptions(req: HarvestRequest, tuning: Partial<Pick<HarvestOptions, 'timeoutMs' | 'maxPageBytes' | 'backoff'>> = {}): HarvestOptions {
  if (req.urls.length === 0) throw badRequest('INVALID_HARVEST_OPTION', 'Name at least one URL to harvest (a site, a sitemap or a listing page).');
  const seeds = [...new Set(req.urls.map((u) => httpUrl(u, 'Each URL to harvest')))];
  const since = req.since === undefined ? undefined : new Date(req.since);
  if (since && (Number.isNaN(since.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(req.since ?? ''))) {
    throw badRequest('INVALID_HARVEST_OPTION', `"since" (--since) must be a date such as 2024-01-31, got "${req.since}".`);
  }
  const include = (req.include ?? []).map((s) => regex(s, '"include" (--include)'));
  const exclude = (req.exclude ?? []).map((s) => regex(s, '"exclude" (--exclude)'));
  return {
    seeds, include, exclude, since,
    delayMs: count(req.delayMs, '"delayMs" (--delay-ms)', 0) ?? DEFAULT_DELAY_MS,
    maxPages: count(req.maxPages, '"maxPages" (--max-pages)', 1),
    dryRun: req.dryRun ?? false,
    userAgent: userAgentOf(req.contact === undefined ? undefined : httpUrl(req.contact, '"contact" (--contact)')),
    timeoutMs: tuning.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxPageBytes: tuning.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES,
    backoff: tuning.backoff ?? DEFAULT_BACKOFF,
    fingerprint: JSON.stringify([[...seeds].sort(), req.include ?? [], req.exclude ?? [], since?.toISOString() ?? null]),
  };
}

const FIELDS: Record<keyof HarvestRequest, 'strings' | 'string' | 'number' | 'boolean'> = {
  urls: 'strings', include: 'strings', exclude: 'strings', since: 'string', delayMs: 'number', maxPages: 'number', dryRun: 'boolean', contact: 'string',
};

function fits(value: unknown, kind: (typeof FIELDS)[keyof HarvestRequest]): boolean {
  if (kind === 'strings') return Array.isArray(value) && value.every((v) => typeof v === 'string');
  return typeof value === kind;
}

/** A harvest request from a JSON body (`POST /harvest`); 400 naming the field that is wrong. */
export function requestOf(body: string): HarvestRequest {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw badRequest('INVALID_JSON', `The request body is not JSON: ${(e as Error).message}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('INVALID_HARVEST_OPTION', 'The request body must be a JSON object with "urls".');
  for (const [key, field] of Object.entries(value)) {
    const kind = FIELDS[key as keyof HarvestRequest] as (typeof FIELDS)[keyof HarvestRequest] | undefined;
    if (!kind) throw badRequest('INVALID_HARVEST_OPTION', `Unknown field "${key}"; known: ${Object.keys(FIELDS).join(', ')}.`);
    if (!fits(field, kind)) throw badRequest('INVALID_HARVEST_OPTION', `"${key}" must be ${kind === 'strings' ? 'an array of strings' : `a ${kind}`}.`);
  }
  const request = value as HarvestRequest;
  if (!request.urls) throw badRequest('INVALID_HARVEST_OPTION', 'Name the URLs to harvest in "urls".');
  harvestOptions(request);
  return request;
}
